"""Readiness for managers: a score per team or department, never individuals.

Groups under the minimum size are shown as "too small to show", never as a number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from microsoft_teams.cards import Action, AdaptiveCard, Container, TextBlock

from cards.common import execute, facts, heading, paragraph, subheading
from cards.render import to_json
from content.language import Language

Band = Literal["initial", "developing", "defined", "managed"]
NUDGE_VERB = "readiness.nudge"
ATTEST_VERB = "attest.open"


@dataclass(frozen=True)
class GroupScore:
    """A part of the unit; ``score`` is None when the group is too small to show."""

    name: str
    score: int | None
    band: Band | None


@dataclass(frozen=True)
class ReadinessReport:
    """The readiness of one unit (team or department) a manager is responsible for."""

    unit_id: str
    unit_name: str
    score: int | None
    band: Band | None
    process: int | None
    knowledge: int | None
    reach: int | None
    trend: int | None
    groups: tuple[GroupScore, ...] = ()
    minimum_group: int = 5


_BANDS: dict[Language, dict[Band, str]] = {
    "nl": {"initial": "beginnend", "developing": "in ontwikkeling", "defined": "vastgelegd",
           "managed": "beheerst"},
    "en": {"initial": "initial", "developing": "developing", "defined": "defined",
           "managed": "managed"},
}  # fmt: skip
_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "title": "Hoe paraat is {unit}?",
        "score": "**{score} van 100**, {band}",
        "none": "Nog te weinig antwoorden om een cijfer te tonen (minimaal {n} mensen).",
        "parts": "Waar het cijfer uit bestaat",
        "process": "Afspraken voor uitval (50%)",
        "knowledge": "Kennis uit de quizzen (30%)",
        "reach": "Uitleg gelezen (20%)",
        "unknown": "nog niet bekend",
        "up": "▲ {n} punten hoger dan vorige maand",
        "down": "▼ {n} punten lager dan vorige maand",
        "same": "= gelijk aan vorige maand",
        "groups": "Per team",
        "too_small": "te klein om te tonen (minder dan {n} mensen)",
        "privacy": "Je ziet alleen groepen van {n} of meer mensen, nooit wie wat antwoordde.",
        "nudge": "Stuur een herinnering",
        "attest": "Afspraken vastleggen",
    },
    "en": {
        "title": "How ready is {unit}?",
        "score": "**{score} of 100**, {band}",
        "none": "Too few answers to show a figure yet (at least {n} people).",
        "parts": "What the figure is made of",
        "process": "Arrangements for an outage (50%)",
        "knowledge": "Knowledge from the quizzes (30%)",
        "reach": "Briefings read (20%)",
        "unknown": "not known yet",
        "up": "▲ {n} points higher than last month",
        "down": "▼ {n} points lower than last month",
        "same": "= the same as last month",
        "groups": "Per team",
        "too_small": "too small to show (fewer than {n} people)",
        "privacy": "You only see groups of {n} or more people, never who answered what.",
        "nudge": "Send a reminder",
        "attest": "Record arrangements",
    },
}


def readiness_card(report: ReadinessReport, language: Language) -> dict[str, Any]:
    """The unit's score, what it is made of, its trend and its groups, with what to do next."""
    text = _TEXT[language]
    n = report.minimum_group
    body: list[Any] = [heading(text["title"].format(unit=report.unit_name))]
    if report.score is None or report.band is None:
        body.append(paragraph(text["none"].format(n=n)))
    else:
        band = _BANDS[language][report.band]
        body.append(
            TextBlock(text=text["score"].format(score=report.score, band=band), size="Large",
                      wrap=True)
        )  # fmt: skip
        if report.trend is not None:
            key = "up" if report.trend > 0 else "down" if report.trend < 0 else "same"
            body.append(paragraph(text[key].format(n=abs(report.trend))))

    def shown(value: int | None) -> str:
        return text["unknown"] if value is None else f"{value} / 100"

    body.append(
        Container(
            items=[
                subheading(text["parts"]),
                facts(
                    [
                        (text["process"], shown(report.process)),
                        (text["knowledge"], shown(report.knowledge)),
                        (text["reach"], shown(report.reach)),
                    ]
                ),
            ],
            style="emphasis",
        )
    )
    if report.groups:
        body.append(subheading(text["groups"]))
        body.append(
            facts(
                [
                    (
                        group.name,
                        text["too_small"].format(n=n)
                        if group.score is None or group.band is None
                        else f"{group.score} / 100, {_BANDS[language][group.band]}",
                    )
                    for group in report.groups
                ]
            )
        )
    body.append(paragraph(text["privacy"].format(n=n), subtle=True))
    actions: list[Action] = [
        execute(text["nudge"], NUDGE_VERB, {"unit": report.unit_id}),
        execute(text["attest"], ATTEST_VERB, {"unit": report.unit_id}),
    ]
    return to_json(AdaptiveCard(body=body, actions=actions))
