"""Every card Paraat can show, built for the bundled library in both languages."""

from __future__ import annotations

import pytest

from cli.card_catalogue import KINDS, examples
from content.language import LANGUAGES
from content.loader import Library
from tests.support.cards import NamedCards


@pytest.fixture(scope="session")
def every_card(bundled: Library) -> NamedCards:
    """(``kind/language/item``, card) for every kind, language and item."""
    return [
        (f"{kind.name}/{language}/{item}", card)
        for kind in KINDS
        for language in LANGUAGES
        for item, card in examples(kind, bundled, language)
    ]
