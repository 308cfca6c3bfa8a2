"""Choose your team, once: Paraat uses it to pick your briefings, questions and outage card."""

from __future__ import annotations

from typing import Any

from microsoft_teams.cards import AdaptiveCard, Choice, ChoiceSetInput

from cards.common import execute, heading, paragraph
from cards.render import to_json
from content.language import Language
from content.model import Department, Organisation

CHOOSE_VERB = "team.choose"
TEAM_INPUT = "team"

_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "title": "Bij welk team werk je?",
        "intro": "Dan krijg je uitleg en vragen die passen bij jouw werk. Je kunt dit later "
        "veranderen met **kies team**.",
        "label": "Mijn team",
        "error": "Kies je team.",
        "save": "Dit is mijn team",
        "chosen_title": "Je team is nu {team}",
        "chosen": "Typ **kies team** als je dit wilt veranderen.",
    },
    "en": {
        "title": "Which team do you work in?",
        "intro": "Then you get briefings and questions that fit your work. You can change this "
        "later with **choose team**.",
        "label": "My team",
        "error": "Choose your team.",
        "save": "This is my team",
        "chosen_title": "Your team is now {team}",
        "chosen": "Type **choose team** if you want to change it.",
    },
}


def _choices(departments: tuple[Department, ...], path: str = "") -> list[Choice]:
    choices: list[Choice] = []
    for department in departments:
        where = f"{path}{department.name}"
        choices.extend(
            Choice(title=f"{team.name} ({where})", value=team.id) for team in department.teams
        )
        choices.extend(_choices(department.departments, f"{where}, "))
    return choices


def team_choice_card(
    organisation: Organisation, language: Language, *, current: str | None = None, then: str = ""
) -> dict[str, Any]:
    """The list of teams; ``then`` names the command to run once the team is chosen."""
    text = _TEXT[language]
    body: list[Any] = [
        heading(text["title"]),
        paragraph(text["intro"]),
        ChoiceSetInput(
            id=TEAM_INPUT, label=text["label"], is_required=True, error_message=text["error"],
            style="compact", value=current, choices=_choices(organisation.departments),
        ),
    ]  # fmt: skip
    action = execute(text["save"], CHOOSE_VERB, {"then": then})
    return to_json(AdaptiveCard(body=body, actions=[action]))


def team_chosen_card(team_name: str, language: Language) -> dict[str, Any]:
    """The confirmation that replaces the choice."""
    text = _TEXT[language]
    body: list[Any] = [
        heading(text["chosen_title"].format(team=team_name)),
        paragraph(text["chosen"]),
    ]
    return to_json(AdaptiveCard(body=body))
