"""``paraat content check``: every problem in a library, including plain-language advice."""

from __future__ import annotations

from pathlib import Path

from content.loader import read_drafts
from content.problems import Problem
from content.readability import readability_problems
from content.rules import check_drafts


def check_library(root: Path) -> list[Problem]:
    """All problems at ``root``: what stops loading, and Dutch that is not plain enough (B1)."""
    drafts, problems = read_drafts(root)
    problems.extend(check_drafts(drafts))
    problems.extend(readability_problems(drafts))
    return sorted(problems)
