"""The languages Paraat speaks to staff: Dutch first, English second."""

from __future__ import annotations

from typing import Literal, get_args

Language = Literal["nl", "en"]

LANGUAGES: tuple[Language, ...] = get_args(Language)


def language_of_locale(locale: str | None) -> Language | None:
    """The language for a client locale such as ``en-US`` or ``nl-NL``; None when unsupported."""
    if not locale:
        return None
    prefix = locale.replace("_", "-").split("-", 1)[0].lower()
    for language in LANGUAGES:
        if prefix == language:
            return language
    return None
