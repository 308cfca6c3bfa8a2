"""``paraat content check``: every problem in a library, plain-language advice included, and
warnings about what is unfinished (``content/completeness.py``, ``content/glossary.py``)."""

from __future__ import annotations

from pathlib import Path

from content.completeness import completeness_problems
from content.glossary import glossary_problems
from content.loader import read_drafts
from content.problems import Problem
from content.readability import readability_problems
from content.rules import check_drafts


def check_library(root: Path) -> list[Problem]:
    """All problems at ``root``: what stops loading, Dutch that is not plain enough (B1), and
    warnings (``Problem.warning``): a missing fallback location or translation, a question whose
    profile item changed, a word the glossary avoids."""
    drafts, problems = read_drafts(root)
    problems.extend(check_drafts(drafts))
    problems.extend(readability_problems(drafts))
    problems.extend(completeness_problems(drafts))
    problems.extend(glossary_problems(drafts))
    return sorted(problems)
