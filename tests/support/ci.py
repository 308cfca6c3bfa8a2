"""How the suite treats a missing tool: a failure in CI (CI=true), a loud skip elsewhere."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def missing_tool(reason: str) -> NoReturn:
    """A tool a test needs is missing: fail in CI, skip loudly on a developer's machine."""
    if IN_CI:
        pytest.fail(f"CI must run this test, but: {reason}", pytrace=False)
    pytest.skip(f"SKIPPED LOCALLY, WOULD FAIL IN CI: {reason}")
