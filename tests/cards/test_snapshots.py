"""A few cards kept as JSON, so an accidental change shows up in review.

After a deliberate change: ``UPDATE_SNAPSHOTS=1 pytest tests/cards/test_snapshots.py``, then read
the diff of ``tests/data/snapshots/`` before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from cli.card_catalogue import card_kind, example
from content.language import Language
from content.loader import load_library
from tests.support.content import MINIMAL

SNAPSHOTS = Path(__file__).parents[1] / "data" / "snapshots"
CASES: list[tuple[str, Language, str | None]] = [
    ("welcome", "nl", None),
    ("question", "nl", "balie-01"),
    ("feedback", "en", "stroom-01"),
    ("team", "nl", "balie"),
    ("readiness", "nl", "dienstverlening"),
    ("checklist", "en", None),
]


@pytest.mark.parametrize(("kind", "language", "item"), CASES)
def test_card_matches_its_snapshot(kind: str, language: Language, item: str | None) -> None:
    card: dict[str, Any] = example(card_kind(kind), load_library(MINIMAL), language, item)
    path = SNAPSHOTS / f"{kind}-{language}-{item or 'first'}.json"
    rendered = json.dumps(card, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rendered, encoding="utf-8")
    assert path.exists(), f"no snapshot yet: run with UPDATE_SNAPSHOTS=1 and review {path}"
    assert rendered == path.read_text(encoding="utf-8")
