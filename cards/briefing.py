"""The briefing card: a short explanation, what to do, sources, and "Gelezen"."""

from __future__ import annotations

from datetime import date
from typing import Any

from microsoft_teams.cards import Action, AdaptiveCard, Container

from cards.common import (
    Fold,
    bullets,
    execute,
    folds,
    heading,
    paragraph,
    sources_fold,
    subheading,
)
from cards.render import to_json
from content.language import Language
from content.model import Briefing

READ_VERB = "briefing.read"
SECTION_PREFIX = "s"

_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "actions": "Wat doe jij?",
        "read": "Gelezen",
        "read_on": "✔ Je hebt dit gelezen op {day}.",
    },
    "en": {
        "actions": "What do you do?",
        "read": "Mark as read",
        "read_on": "✔ You read this on {day}.",
    },
}
_MONTHS: dict[Language, tuple[str, ...]] = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}  # fmt: skip


def say_date(day: date, language: Language) -> str:
    """A date in words: "3 december 2026" or "3 December 2026"."""
    return f"{day.day} {_MONTHS[language][day.month - 1]} {day.year}"


def briefing_card(
    briefing: Briefing, language: Language, *, read_on: date | None = None
) -> dict[str, Any]:
    """The briefing; with ``read_on`` it says when it was read instead of offering the button.

    The first section is open; the others are folded under their headings, so the card fits a
    phone and "Wat doe jij?" stays in view.
    """
    text = _TEXT[language]
    body: list[Any] = [heading(briefing.title), paragraph(briefing.summary)]
    first, *rest = briefing.sections
    body.append(Container(items=[subheading(first.heading), paragraph(first.body)]))
    body += folds(
        [
            Fold(f"{SECTION_PREFIX}{number}", section.heading, [paragraph(section.body)])
            for number, section in enumerate(rest, start=2)
        ]
    )
    body.append(
        Container(
            items=[subheading(text["actions"]), bullets(briefing.key_actions)],
            # Not grey: grey bars above are folded sections, and this one does not fold.
            style="accent",
            spacing="Large",
        )
    )
    body += folds([sources_fold(briefing.sources, language)])
    actions: list[Action] = []
    if read_on is None:
        actions.append(
            execute(
                text["read"],
                READ_VERB,
                {"briefing": briefing.id, "version": briefing.version},
            )
        )
    else:
        body.append(paragraph(text["read_on"].format(day=say_date(read_on, language))))
    return to_json(AdaptiveCard(body=body, actions=actions or None))
