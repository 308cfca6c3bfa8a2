"""What an administrator gives ``paraat manifest build`` in these tests."""

from __future__ import annotations

APP_ID = "0d3f6c1a-8c55-4d6b-9a3e-2f7b1c9e4a10"
OPTIONS = [
    "--app-id", APP_ID,
    "--domain", "paraat.example.nl",
    "--organisation", "Gemeente Voorbeeld",
    "--website", "https://www.example.nl",
    "--privacy-url", "https://www.example.nl/privacy",
    "--terms-url", "https://www.example.nl/voorwaarden",
]  # fmt: skip
"""The options of a good build (the app id as an option, so the settings stay in local mode)."""
