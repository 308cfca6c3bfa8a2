"""The project's Node tools (``tools/``), found from this package, never from the working folder."""

from __future__ import annotations

from pathlib import Path

TOOLS = Path(__file__).resolve().parents[1] / "tools"
"""The repository's ``tools/`` folder, next to this package."""


def tool(relative: str) -> Path:
    """A path inside ``tools/``, e.g. ``tool("cards/render.mjs")``."""
    return TOOLS / relative
