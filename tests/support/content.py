"""Content test libraries: a small valid one, and broken variants built on it."""

from __future__ import annotations

import shutil
from pathlib import Path

DATA = Path(__file__).parents[1] / "data" / "content"
MINIMAL = DATA / "minimal"
BROKEN = DATA / "broken"


def broken_library(case: str, into: Path) -> Path:
    """The minimal library with the files of ``tests/data/content/broken/<case>`` laid over it.

    A ``REMOVE`` file in a case lists library files (one per line) the case deletes.
    """
    root = into / "library"
    shutil.copytree(MINIMAL, root)
    case_dir = BROKEN / case
    shutil.copytree(case_dir, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("REMOVE"))
    removals = case_dir / "REMOVE"
    if removals.exists():
        for line in removals.read_text().split():
            (root / line).unlink()
    return root
