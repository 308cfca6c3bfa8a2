"""A screenshot of a card as Teams shows it: Microsoft's renderer in headless Chromium."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from cli.tools import TOOLS, tool

RENDER_SCRIPT = tool("cards/render.mjs")


class ScreenshotError(RuntimeError):
    """The renderer is missing or failed; the message says what to do."""


def screenshot(card: dict[str, Any], png: Path) -> None:
    """Render ``card`` with the Teams light theme and save it as ``png``.

    Needs Node.js, the project's Node tools (``tools/``) and Chromium (``make setup-test``).

    Raises:
        ScreenshotError: the renderer is missing, failed, or the card did not render.
    """
    node = shutil.which("node")
    if node is None or not RENDER_SCRIPT.is_file() or not tool("node_modules").is_dir():
        raise ScreenshotError(
            f"The card renderer is not installed in {TOOLS}: run `make setup-test` in the "
            "Paraat folder."
        )
    with tempfile.TemporaryDirectory(prefix="paraat-card-") as work:
        request = Path(work) / "cards.json"
        request.write_text(
            json.dumps([{"name": "card", "card": card, "click": None}]), encoding="utf-8"
        )
        done = subprocess.run(
            [node, str(RENDER_SCRIPT), "--in", str(request), "--out", work],
            cwd=TOOLS,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if done.returncode != 0:
            raise ScreenshotError(f"The card renderer failed:\n{done.stderr.strip()[-2000:]}")
        results = json.loads(done.stdout)
        errors = results[0].get("errors") or []
        if errors:
            raise ScreenshotError("The card did not render: " + "; ".join(map(str, errors)))
        png.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(results[0]["png"], png)
