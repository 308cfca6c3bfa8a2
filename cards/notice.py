"""Short note cards: a button that no longer works, a turn that failed, a feature not built yet."""

from __future__ import annotations

from typing import Any

from microsoft_teams.cards import AdaptiveCard, TextBlock

from cards.render import to_json
from content.language import Language

_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "stale_title": "Deze knop werkt niet meer",
        "stale": "Deze kaart is oud of klopt niet. Er is niets veranderd. Typ **hulp** om verder "
        "te gaan.",
        "error_title": "Er ging iets mis",
        "error": "Sorry, dat lukte niet. Er is niets kwijtgeraakt. Probeer het zo nog eens.",
    },
    "en": {
        "stale_title": "This button no longer works",
        "stale": "This card is old or not valid. Nothing has changed. Type **help** to go on.",
        "error_title": "Something went wrong",
        "error": "Sorry, that did not work. Nothing was lost. Please try again in a moment.",
    },
}


def notice_card(title: str, message: str) -> dict[str, Any]:
    """A card with a bold title and one paragraph."""
    return to_json(
        AdaptiveCard(
            body=[
                TextBlock(text=title, weight="Bolder", wrap=True, style="heading"),
                TextBlock(text=message, wrap=True),
            ]
        )
    )


def stale_card(language: Language) -> dict[str, Any]:
    """For a click on an old, changed or forged card: nothing happened, here is how to go on."""
    text = _TEXT[language]
    return notice_card(text["stale_title"], text["stale"])


def error_card(language: Language) -> dict[str, Any]:
    """For a turn that failed: one friendly sentence, no internals."""
    text = _TEXT[language]
    return notice_card(text["error_title"], text["error"])
