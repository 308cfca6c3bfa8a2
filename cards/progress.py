"""Your own progress: what you did, what is due again. Only the user sees this card."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from microsoft_teams.cards import Action, AdaptiveCard

from cards.common import facts, heading, paragraph
from cards.menu import MenuButton, command_action
from cards.render import to_json
from content.language import Language


@dataclass(frozen=True)
class Progress:
    """One person's own figures."""

    answered: int
    right_first_time: int
    briefings_read: int
    briefings_total: int
    checklist_done: int
    checklist_total: int
    due_again: int
    team_name: str | None = None


_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "title": "Mijn voortgang",
        "team": "Je team: **{team}**",
        "no_team": "Je hebt nog geen team gekozen.",
        "answered": "Vragen beantwoord",
        "right": "In één keer goed",
        "briefings": "Uitleg gelezen",
        "checklist": "Checklist geregeld",
        "due": "Vragen om te herhalen",
        "of": "{part} van {whole}",
        "quiz": "Doe een quiz",
        "checklist_button": "Naar mijn checklist",
        "private": "Alleen jij ziet deze cijfers.",
    },
    "en": {
        "title": "My progress",
        "team": "Your team: **{team}**",
        "no_team": "You have not chosen a team yet.",
        "answered": "Questions answered",
        "right": "Right first time",
        "briefings": "Briefings read",
        "checklist": "Checklist done",
        "due": "Questions to repeat",
        "of": "{part} of {whole}",
        "quiz": "Take a quiz",
        "checklist_button": "To my checklist",
        "private": "Only you see these figures.",
    },
}


def progress_card(progress: Progress, language: Language) -> dict[str, Any]:
    """The user's figures, with buttons to go on."""
    text = _TEXT[language]
    team = text["team"].format(team=progress.team_name) if progress.team_name else text["no_team"]
    of = text["of"]
    body: list[Any] = [
        heading(text["title"]),
        paragraph(team),
        facts(
            [
                (text["answered"], str(progress.answered)),
                (text["right"], of.format(part=progress.right_first_time, whole=progress.answered)),
                (
                    text["briefings"],
                    of.format(part=progress.briefings_read, whole=progress.briefings_total),
                ),
                (
                    text["checklist"],
                    of.format(part=progress.checklist_done, whole=progress.checklist_total),
                ),
                (text["due"], str(progress.due_again)),
            ]
        ),
        paragraph(text["private"], subtle=True),
    ]
    actions: list[Action] = [
        command_action(MenuButton(text["quiz"], "quiz")),
        command_action(MenuButton(text["checklist_button"], "checklist")),
    ]
    return to_json(AdaptiveCard(body=body, actions=actions))
