"""The user's choice wins; then the client (when followed); then the organisation."""

from __future__ import annotations

import pytest

from content.language import language_of_locale
from conversation.language import resolve_language


@pytest.mark.parametrize(
    ("chosen", "locale", "follow", "expected"),
    [
        (None, "en-US", False, "nl"),
        (None, "en-US", True, "en"),
        (None, "nl-BE", True, "nl"),
        (None, "de-DE", True, "nl"),
        (None, None, True, "nl"),
        ("en", "nl-NL", True, "en"),
        ("nl", "en-US", True, "nl"),
        ("en", None, False, "en"),
        ("xx", "en-US", False, "nl"),
    ],
)
def test_resolve_language(
    chosen: str | None, locale: str | None, follow: bool, expected: str
) -> None:
    assert resolve_language(chosen, locale, default="nl", follow_client=follow) == expected


def test_locale_forms() -> None:
    assert language_of_locale("en_GB") == "en"
    assert language_of_locale("NL") == "nl"
    assert language_of_locale("fy-NL") is None
