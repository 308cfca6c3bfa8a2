"""The four readiness bands and their plain words in Dutch and English."""

from __future__ import annotations

from typing import Literal

from content.language import Language

Band = Literal["initial", "developing", "defined", "managed"]

BAND_FLOORS: tuple[tuple[int, Band], ...] = (
    (80, "managed"),
    (60, "defined"),
    (40, "developing"),
    (0, "initial"),
)
"""The lowest score of each band, highest band first."""

_NAMES: dict[Language, dict[Band, str]] = {
    "nl": {"initial": "beginnend", "developing": "in ontwikkeling", "defined": "vastgelegd",
           "managed": "beheerst"},
    "en": {"initial": "initial", "developing": "developing", "defined": "defined",
           "managed": "managed"},
}  # fmt: skip
_MEANINGS: dict[Language, dict[Band, str]] = {
    "nl": {
        "initial": "Er is nog weinig geregeld voor uitval.",
        "developing": "Een deel is geregeld, maar nog niet alles en nog niet getest.",
        "defined": "De afspraken staan op papier en de meeste mensen kennen ze.",
        "managed": "Alles is geregeld, getest en bekend bij bijna iedereen.",
    },
    "en": {
        "initial": "Little is arranged for an outage yet.",
        "developing": "Some things are arranged, but not all of them and not yet tested.",
        "defined": "The arrangements are on paper and most people know them.",
        "managed": "Everything is arranged, tested and known to nearly everyone.",
    },
}


def band_of(score: int) -> Band:
    """The band of a score from 0 to 100: under 40 initial, 40–59 developing, 60–79 defined,
    80 and up managed.

    Raises:
        ValueError: when ``score`` is outside 0–100.
    """
    if not 0 <= score <= 100:
        raise ValueError(f"a score is 0 to 100, not {score}")
    return next(band for floor, band in BAND_FLOORS if score >= floor)


def band_name(band: Band, language: Language) -> str:
    """The band's short name (``vastgelegd``, ``defined``)."""
    return _NAMES[language][band]


def band_meaning(band: Band, language: Language) -> str:
    """One plain sentence on what the band means, at language level B1."""
    return _MEANINGS[language][band]
