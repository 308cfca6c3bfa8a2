"""The welcome card: what Paraat is, how it treats your data, and where to start."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from microsoft_teams.cards import AdaptiveCard, Container, TextBlock

from cards.menu import MenuButton, command_action
from cards.render import to_json
from content.language import Language

_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "title": "Welkom bij Paraat",
        "intro": (
            "Wat doe jij als de stroom of het internet lang uitvalt? "
            "Paraat helpt je daar klaar voor te zijn. "
            "Je krijgt korte uitleg en quizzen over wat uitval betekent voor jouw team."
        ),
        "privacy_title": "Jouw gegevens",
        "privacy": (
            "- Je leidinggevende ziet nooit jouw antwoorden, alleen cijfers van groepen van 5 "
            "of meer.\n"
            "- Paraat bewaart alleen wat nodig is om je te helpen leren.\n"
            "- Je kunt je gegevens altijd inzien en laten wissen."
        ),
        "start": "Waar wil je beginnen?",
    },
    "en": {
        "title": "Welcome to Paraat",
        "intro": (
            "What do you do when the power or the internet is down for a long time? "
            "Paraat helps you get ready. "
            "You get short briefings and quizzes on what an outage means for your team."
        ),
        "privacy_title": "Your data",
        "privacy": (
            "- Your manager never sees your answers, only figures for groups of 5 or more.\n"
            "- Paraat keeps only what it needs to help you learn.\n"
            "- You can always see your data and have it erased."
        ),
        "start": "Where do you want to start?",
    },
}


def welcome_card(language: Language, menu: Sequence[MenuButton]) -> dict[str, Any]:
    """The card sent when Paraat is installed, with a button for each item of ``menu``."""
    text = _TEXT[language]
    card = AdaptiveCard(
        body=[
            TextBlock(
                text=text["title"], size="Large", weight="Bolder", wrap=True, style="heading"
            ),
            TextBlock(text=text["intro"], wrap=True),
            Container(
                items=[
                    TextBlock(text=text["privacy_title"], weight="Bolder", wrap=True),
                    TextBlock(text=text["privacy"], wrap=True, size="Small"),
                ],
                style="emphasis",
                spacing="Medium",
            ),
            TextBlock(text=text["start"], wrap=True, spacing="Medium"),
        ],
        actions=[command_action(button) for button in menu],
    )
    return to_json(card)
