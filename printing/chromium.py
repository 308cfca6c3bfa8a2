"""HTML to PDF with Debian's headless Chromium (``--print-to-pdf``): the one place that runs it.

Each call starts a fresh Chromium with its own empty profile, prints one page and stops: about
a second, no browser left running, and nothing shared between calls.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium; ``PARAAT_CHROMIUM`` points elsewhere (as for the card screenshots)."""

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-extensions",
    "--no-pdf-header-footer",
)
TIMEOUT_SECONDS = 60.0


class PrintError(RuntimeError):
    """Chromium is missing or did not make a PDF; the message says what to do."""


def chromium_path() -> Path | None:
    """Chromium, if it is installed."""
    chosen = Path(os.environ.get("PARAAT_CHROMIUM") or CHROMIUM)
    if chosen.is_file() and os.access(chosen, os.X_OK):
        return chosen
    found = shutil.which("chromium")
    return Path(found) if found else None


def html_to_pdf(html: str) -> bytes:
    """Print ``html`` (a complete page that sets its own A4 size) to PDF.

    Raises:
        PrintError: Chromium is missing, failed or timed out.
    """
    browser = chromium_path()
    if browser is None:
        raise PrintError(
            "Chromium is not installed: run `make setup-test` (Debian package `chromium`), "
            "or print the HTML (--html) from a browser."
        )
    with tempfile.TemporaryDirectory(prefix="paraat-print-") as work:
        folder = Path(work)
        page = folder / "page.html"
        pdf = folder / "page.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            str(browser),
            *FLAGS,
            f"--user-data-dir={folder / 'profile'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired as error:
            raise PrintError(f"Chromium took longer than {TIMEOUT_SECONDS:.0f} s.") from error
        if done.returncode != 0 or not pdf.is_file():
            raise PrintError(f"Chromium made no PDF:\n{done.stderr.strip()[-1500:]}")
        data = pdf.read_bytes()
    if not data.startswith(b"%PDF"):
        raise PrintError("Chromium wrote a file that is not a PDF.")
    return data
