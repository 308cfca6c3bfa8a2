"""The help card: every command, what it does, and whether it is there yet."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from microsoft_teams.cards import AdaptiveCard, Fact, FactSet, TextBlock

from cards.render import to_json
from content.language import Language


@dataclass(frozen=True)
class HelpEntry:
    """One command as the help card shows it."""

    command: str
    description: str


_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "title": "Wat kun je typen?",
        "hint": "Je kunt ook op een knop klikken. Typ **hulp** om dit overzicht weer te zien.",
        "suggest": "Dat begreep ik niet. Bedoel je **{command}**?",
        "unknown": "Dat begreep ik niet.",
    },
    "en": {
        "title": "What can you type?",
        "hint": "You can also click a button. Type **help** to see this list again.",
        "suggest": "I did not understand that. Did you mean **{command}**?",
        "unknown": "I did not understand that.",
    },
}


def help_card(
    language: Language,
    entries: Sequence[HelpEntry],
    *,
    suggestion: str | None = None,
    not_understood: bool = False,
) -> dict[str, Any]:
    """The list of commands; with ``not_understood`` it opens with a short note (and a guess)."""
    text = _TEXT[language]
    body: list[Any] = []
    if suggestion:
        body.append(TextBlock(text=text["suggest"].format(command=suggestion), wrap=True))
    elif not_understood:
        body.append(TextBlock(text=text["unknown"], wrap=True))
    body.append(TextBlock(text=text["title"], weight="Bolder", size="Medium", wrap=True))
    body.append(
        FactSet(facts=[Fact(title=entry.command, value=entry.description) for entry in entries])
    )
    body.append(TextBlock(text=text["hint"], wrap=True, size="Small", is_subtle=True))
    return to_json(AdaptiveCard(body=body))
