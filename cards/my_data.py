"""Your own data: what Paraat keeps about you, and the way to take it with you or erase it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from microsoft_teams.cards import Action, AdaptiveCard, OpenUrlAction

from cards.briefing import say_date
from cards.common import execute, facts, heading, paragraph
from cards.render import to_json
from content.language import Language

EXPORT_VERB = "data.export"
ERASE_VERB = "data.erase"
CONFIRM_ERASE_VERB = "data.erase.confirm"
KEEP_VERB = "data.keep"
Step = Literal["overview", "confirm-erase", "erased"]


@dataclass(frozen=True)
class StoredData:
    """What Paraat keeps about one person (counts only; the export has the details)."""

    answers: int
    briefings_read: int
    checklist_ticks: int
    team: str | None
    language: str | None
    since: date | None


_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "title": "Mijn gegevens",
        "intro": "Dit bewaart Paraat over jou. Je naam staat er niet bij: alleen een code.",
        "answers": "Antwoorden op quizvragen",
        "briefings": "Uitleg die je las",
        "ticks": "Afgevinkt op je checklist",
        "team": "Je team",
        "language": "Je taal",
        "since": "Sinds",
        "none": "niet gekozen",
        "why": "We bewaren dit alleen om je te helpen leren. Je leidinggevende ziet het nooit.",
        "export": "Download mijn gegevens",
        "erase": "Wis mijn gegevens",
        "confirm_title": "Weet je het zeker?",
        "confirm": "Paraat wist al je antwoorden, je checklist en je keuzes. Dit kun je niet "
        "terugdraaien.",
        "yes": "Ja, wis alles",
        "no": "Nee, bewaar ze",
        "erased_title": "Je gegevens zijn gewist",
        "erased": "Paraat weet niets meer over jou. Typ **hulp** als je opnieuw wilt beginnen.",
        "export_title": "Je gegevens staan klaar",
        "export_ready": "Met de knop download je een bestand (JSON) met alles wat Paraat over je "
        "bewaart. De knop werkt {minutes} minuten.",
        "download": "Download het bestand",
        "export_unavailable": "Downloaden kan hier nog niet: Paraat kent zijn eigen adres niet. "
        "Vraag het aan de beheerder van Paraat.",
        "back": "Terug",
    },
    "en": {
        "title": "My data",
        "intro": "This is what Paraat keeps about you. Your name is not in it: only a code.",
        "answers": "Answers to quiz questions",
        "briefings": "Briefings you read",
        "ticks": "Ticked on your checklist",
        "team": "Your team",
        "language": "Your language",
        "since": "Since",
        "none": "not chosen",
        "why": "We keep this only to help you learn. Your manager never sees it.",
        "export": "Download my data",
        "erase": "Erase my data",
        "confirm_title": "Are you sure?",
        "confirm": "Paraat erases all your answers, your checklist and your choices. You cannot "
        "undo this.",
        "yes": "Yes, erase everything",
        "no": "No, keep it",
        "erased_title": "Your data is erased",
        "erased": "Paraat knows nothing about you any more. Type **help** to start again.",
        "export_title": "Your data is ready",
        "export_ready": "The button downloads a file (JSON) with everything Paraat keeps about "
        "you. It works for {minutes} minutes.",
        "download": "Download the file",
        "export_unavailable": "Downloading is not possible here yet: Paraat does not know its own "
        "address. Ask Paraat's administrator.",
        "back": "Back",
    },
}


def my_data_card(stored: StoredData, language: Language, step: Step = "overview") -> dict[str, Any]:
    """The overview with export and erase, the question before erasing, or the confirmation."""
    text = _TEXT[language]
    if step == "erased":
        body: list[Any] = [heading(text["erased_title"]), paragraph(text["erased"])]
        return to_json(AdaptiveCard(body=body))
    if step == "confirm-erase":
        body = [heading(text["confirm_title"]), paragraph(text["confirm"])]
        actions: list[Action] = [
            execute(text["yes"], CONFIRM_ERASE_VERB, {}),
            execute(text["no"], KEEP_VERB, {}),
        ]
        return to_json(AdaptiveCard(body=body, actions=actions))
    since = say_date(stored.since, language) if stored.since else "–"
    body = [
        heading(text["title"]),
        paragraph(text["intro"]),
        facts(
            [
                (text["answers"], str(stored.answers)),
                (text["briefings"], str(stored.briefings_read)),
                (text["ticks"], str(stored.checklist_ticks)),
                (text["team"], stored.team or text["none"]),
                (text["language"], stored.language or text["none"]),
                (text["since"], since),
            ]
        ),
        paragraph(text["why"], subtle=True),
    ]
    actions = [execute(text["export"], EXPORT_VERB, {}), execute(text["erase"], ERASE_VERB, {})]
    return to_json(AdaptiveCard(body=body, actions=actions))


def export_card(link: str | None, minutes: int, language: Language) -> dict[str, Any]:
    """The download of one's own data (``link``), or why there is none."""
    text = _TEXT[language]
    if link is None:
        body: list[Any] = [heading(text["export_title"]), paragraph(text["export_unavailable"])]
        actions: list[Action] = [execute(text["back"], KEEP_VERB, {})]
    else:
        body = [
            heading(text["export_title"]),
            paragraph(text["export_ready"].format(minutes=minutes)),
        ]
        actions = [
            OpenUrlAction(title=text["download"], url=link),
            execute(text["back"], KEEP_VERB, {}),
        ]
    return to_json(AdaptiveCard(body=body, actions=actions))
