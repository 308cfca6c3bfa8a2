"""What a campaign puts in a chat: an announcement written for it, or an invitation to a quiz."""

from __future__ import annotations

from datetime import date
from typing import Any

from microsoft_teams.cards import Action, AdaptiveCard

from cards.briefing import say_date
from cards.common import execute, heading, paragraph
from cards.menu import MenuButton, command_action
from cards.render import to_json
from content.language import Language

READ_VERB = "campaign.read"

_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "read": "Gelezen",
        "read_on": "Je hebt dit gelezen op {day}.",
        "quiz": "Doe de quiz: 5 korte vragen over uitval, voor jouw team. Het kost je een paar "
        "minuten.",
        "start": "Start de quiz",
    },
    "en": {
        "read": "Mark as read",
        "read_on": "You read this on {day}.",
        "quiz": "Take the quiz: 5 short questions on outages, for your team. It takes a few "
        "minutes.",
        "start": "Start the quiz",
    },
}


def announcement_card(
    title: str,
    text: str,
    language: Language,
    *,
    campaign_id: int,
    acknowledge: bool,
    read_on: date | None = None,
) -> dict[str, Any]:
    """The announcement; with ``acknowledge`` a "Gelezen" button (or when it was read)."""
    words = _TEXT[language]
    body: list[Any] = [heading(title), paragraph(text)]
    actions: list[Action] = []
    if acknowledge and read_on is None:
        actions.append(execute(words["read"], READ_VERB, {"campaign": campaign_id}))
    elif acknowledge and read_on is not None:
        body.append(paragraph(words["read_on"].format(day=say_date(read_on, language))))
    return to_json(AdaptiveCard(body=body, actions=actions or None))


def quiz_invitation_card(title: str, language: Language) -> dict[str, Any]:
    """An invitation to a quiz round; the button starts it as if the person typed ``quiz``."""
    words = _TEXT[language]
    return to_json(
        AdaptiveCard(
            body=[heading(title), paragraph(words["quiz"])],
            actions=[command_action(MenuButton(words["start"], "quiz"))],
        )
    )
