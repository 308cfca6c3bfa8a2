"""Readiness for managers: a unit's score, what it is made of, its trend, its teams, what is
weakest and what to do next; never a person.

Groups under the minimum size are shown as "too small to show", never as a number. What is
shown was decided before (``readiness``): this only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from microsoft_teams.cards import (
    Action,
    AdaptiveCard,
    CardElement,
    Choice,
    ChoiceSetInput,
    Column,
    ColumnSet,
    Container,
    TextBlock,
)

from cards.briefing import say_date
from cards.common import bullets, execute, facts, heading, paragraph, subheading
from cards.render import to_json
from content.language import Language

SHOW_VERB = "readiness.show"
NUDGE_VERB = "readiness.nudge"
ATTEST_VERB = "attest.open"

Missing = Literal[
    "targets", "fallback", "fallback_tested", "paper_contacts", "fallback_location",
    "systems_list", "printed_card",
]  # fmt: skip
Suggestion = Literal["record", "exercise", "print_card", "remind", "discuss", "keep_going"]


@dataclass(frozen=True)
class GroupScore:
    """A part of the unit.

    Attributes:
        name: Its name (a team, a department, or "the rest of the department").
        score: Its score; None when it is too small to show.
        band: The band's words; None when it is too small to show.
    """

    name: str
    score: int | None
    band: str | None


@dataclass(frozen=True)
class WeakPoint:
    """What is not arranged in one team: for one of its processes, or for the team as a whole.

    Attributes:
        team: The team's name.
        process: The process's name; None: the team as a whole.
        missing: The checks not met.
    """

    team: str
    process: str | None
    missing: tuple[Missing, ...]


@dataclass(frozen=True)
class HardQuestion:
    """A question a team finds hard: fewer than 7 in 10 of its first answers right, counted
    in steps of 5. No numbers are shown: "0 of 5 right" would tell what each of the five
    answered.

    Attributes:
        team: The team's name.
        question: The question as asked.
    """

    team: str
    question: str


@dataclass(frozen=True)
class ReadinessReport:
    """The readiness of one unit (team or department) a manager is responsible for.

    Attributes:
        unit_id: The unit.
        unit_name: Its name.
        week: The Monday of the week the figures are for.
        score: Its score; None when it is too small to show.
        band: The band's words, and ``meaning`` one sentence on it.
        process, knowledge, reach: The three parts (None: too small to show).
        trend: Its score per week (by Monday) in the earlier kept weeks and this one, oldest
            first (None: not shown that week).
        groups: Its teams and departments.
        weak_points: What is least arranged, most missing first.
        hard_questions: Questions its teams find hard.
        suggestions: What to do next.
        teams: The teams the buttons act on (id, name).
        others: Other units the manager may look at (id, name).
        minimum_group: The smallest group shown.
    """

    unit_id: str
    unit_name: str
    week: date
    score: int | None = None
    band: str | None = None
    meaning: str | None = None
    process: int | None = None
    knowledge: int | None = None
    reach: int | None = None
    trend: tuple[tuple[date, int | None], ...] = ()
    groups: tuple[GroupScore, ...] = ()
    weak_points: tuple[WeakPoint, ...] = ()
    hard_questions: tuple[HardQuestion, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    teams: tuple[tuple[str, str], ...] = ()
    others: tuple[tuple[str, str], ...] = ()
    minimum_group: int = 5


_MISSING: dict[Language, dict[Missing, str]] = {
    "nl": {
        "targets": "niet vastgelegd hoe lang het mag stilliggen",
        "fallback": "geen werkwijze zonder stroom of internet op papier",
        "fallback_tested": "werkwijze het afgelopen jaar niet geoefend",
        "paper_contacts": "geen papieren lijst met telefoonnummers",
        "fallback_location": "geen uitwijkplek afgesproken",
        "systems_list": "lijst met systemen ouder dan 3 jaar",
        "printed_card": "geprinte uitvalkaart is niet de nieuwste",
    },
    "en": {
        "targets": "no record of how long it may stop",
        "fallback": "no way of working without power or internet on paper",
        "fallback_tested": "way of working not practised in the past year",
        "paper_contacts": "no paper list of phone numbers",
        "fallback_location": "no fallback location agreed",
        "systems_list": "list of systems older than 3 years",
        "printed_card": "printed outage card is not the newest",
    },
}
_SUGGESTIONS: dict[Language, dict[Suggestion, str]] = {
    "nl": {
        "record": "Leg vast wat er geregeld is: kies **Afspraken vastleggen**.",
        "exercise": "Oefen met je team een ochtend zonder computer en telefoon.",
        "print_card": "Druk de nieuwe uitvalkaart af (typ **afdrukken**) en hang hem op.",
        "remind": "Nog niet iedereen las de uitleg van het team: kies **Herinner mijn team**.",
        "discuss": "Bespreek de moeilijke vragen in het teamoverleg.",
        "keep_going": "Goed bezig. Kijk over een maand weer.",
    },
    "en": {
        "record": "Record what is arranged: choose **Record arrangements**.",
        "exercise": "Practise a morning without computers and phones with your team.",
        "print_card": "Print the new outage card (type **print**) and put it up.",
        "remind": "Not everyone has read the team's briefing yet: choose **Remind my team**.",
        "discuss": "Talk the hard questions through in the team meeting.",
        "keep_going": "Well done. Look again in a month.",
    },
}
_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "title": "Hoe paraat is {unit}?",
        "week": "Week van {day}",
        "score": "**{score} van 100**: {band}",
        "none": "Nog te weinig mensen of antwoorden om een cijfer te tonen (minimaal {n}).",
        "trend": "De laatste {weeks} weken:",
        "week_short": "wk {n}",
        "parts": "Waar het cijfer uit bestaat",
        "process": "Afspraken voor uitval",
        "knowledge": "Kennis uit de quizzen",
        "reach": "Uitleg van het team gelezen",
        "too_small": "te klein om te tonen",
        "groups": "Per onderdeel",
        "why_small": "*Te klein om te tonen*: minder dan {n} mensen of {n} antwoorden, of uit "
        "de andere cijfers af te leiden. Die mensen tellen mee in het cijfer erboven.",
        "weak": "Wat het minst geregeld is",
        "whole_team": "hele team",
        "hard": "Moeilijke vragen",
        "hard_why": "Minder dan 7 van de 10 collega's hadden dit de eerste keer goed.",
        "todo": "Wat je kunt doen",
        "privacy": "Je ziet alleen groepen van {n} of meer mensen, nooit wie wat antwoordde.",
        "team": "Voor welk team?",
        "nudge": "Herinner mijn team",
        "attest": "Afspraken vastleggen",
        "look": "Bekijk ook",
        "show": "Bekijken",
        "choose": "Kies een onderdeel.",
        "choose_team": "Kies een team.",
    },
    "en": {
        "title": "How ready is {unit}?",
        "week": "Week of {day}",
        "score": "**{score} of 100**: {band}",
        "none": "Too few people or answers to show a figure yet (at least {n}).",
        "trend": "The last {weeks} weeks:",
        "week_short": "wk {n}",
        "parts": "What the figure is made of",
        "process": "Arrangements for an outage",
        "knowledge": "Knowledge from the quizzes",
        "reach": "Team briefing read",
        "too_small": "too small to show",
        "groups": "Per part",
        "why_small": "*Too small to show*: fewer than {n} people or {n} answers, or it could "
        "be worked out from the other figures. Those people count in the figure above.",
        "weak": "What is least arranged",
        "whole_team": "whole team",
        "hard": "Hard questions",
        "hard_why": "Fewer than 7 in 10 colleagues got this right the first time.",
        "todo": "What you can do",
        "privacy": "You only see groups of {n} or more people, never who answered what.",
        "team": "For which team?",
        "nudge": "Remind my team",
        "attest": "Record arrangements",
        "look": "Look at",
        "show": "Show",
        "choose": "Choose a part.",
        "choose_team": "Choose a team.",
    },
}


def trend_strip(trend: tuple[tuple[date, int | None], ...], language: Language) -> ColumnSet:
    """The score per week side by side, oldest left, with the week's number under it; a dash
    for a week without a figure."""
    week = _TEXT[language]["week_short"]
    columns = [
        Column(
            width="stretch",
            items=[
                TextBlock(text="–" if score is None else str(score), weight="Bolder",
                          horizontal_alignment="Center"),
                TextBlock(text=week.format(n=monday.isocalendar().week), size="Small",
                          is_subtle=True, horizontal_alignment="Center", spacing="None"),
            ],
        )
        for monday, score in trend
    ]  # fmt: skip
    return ColumnSet(columns=columns, spacing="Small")


def readiness_card(report: ReadinessReport, language: Language) -> dict[str, Any]:
    """The unit's score, what it is made of, its trend and its parts, what is weakest and what
    to do next, with buttons to record arrangements, remind the team and look further."""
    text = _TEXT[language]
    n = report.minimum_group
    body: list[CardElement] = [
        heading(text["title"].format(unit=report.unit_name)),
        paragraph(text["week"].format(day=say_date(report.week, language)), subtle=True),
    ]
    if report.score is None or report.band is None:
        body.append(paragraph(text["none"].format(n=n)))
    else:
        score = text["score"].format(score=report.score, band=report.band)
        body.append(TextBlock(text=score, size="Large", wrap=True))
        if report.meaning:
            body.append(paragraph(report.meaning))
    if sum(score is not None for _, score in report.trend) >= 2:
        body.append(paragraph(text["trend"].format(weeks=len(report.trend))))
        body.append(trend_strip(report.trend, language))

    def part(value: int | None) -> str:
        return text["too_small"] if value is None else f"{value} / 100"

    body.append(
        Container(
            items=[
                subheading(text["parts"]),
                facts(
                    [
                        (text["process"], part(report.process)),
                        (text["knowledge"], part(report.knowledge)),
                        (text["reach"], part(report.reach)),
                    ]
                ),
            ],
            style="emphasis",
        )  # fmt: skip
    )
    if report.groups:
        body.append(subheading(text["groups"]))
        body.append(facts([(g.name, _group(g, text)) for g in report.groups]))
        if any(g.score is None for g in report.groups):
            body.append(paragraph(text["why_small"].format(n=n), subtle=True))
    if report.weak_points:
        body.append(subheading(text["weak"]))
        body.append(bullets(_weak(w, language) for w in report.weak_points))
    if report.hard_questions:
        body.append(subheading(text["hard"]))
        body.append(bullets(f"{q.team}: {q.question}" for q in report.hard_questions))
        body.append(paragraph(text["hard_why"], subtle=True))
    if report.suggestions:
        body.append(subheading(text["todo"]))
        body.append(bullets(_SUGGESTIONS[language][s] for s in report.suggestions))
    body.append(paragraph(text["privacy"].format(n=n), subtle=True))
    return to_json(AdaptiveCard(body=body + _inputs(report, text), actions=_actions(report, text)))


def _group(group: GroupScore, text: dict[str, str]) -> str:
    if group.score is None or group.band is None:
        return text["too_small"]
    return f"{group.score} / 100, {group.band}"


def _weak(point: WeakPoint, language: Language) -> str:
    missing = "; ".join(_MISSING[language][m] for m in point.missing)
    where = point.process or _TEXT[language]["whole_team"]
    return f"{point.team}, {where}: {missing}"


def _inputs(report: ReadinessReport, text: dict[str, str]) -> list[CardElement]:
    inputs: list[CardElement] = []
    if len(report.teams) > 1:
        inputs.append(
            ChoiceSetInput(
                id="team", label=text["team"], style="compact", value=report.teams[0][0],
                is_required=True, error_message=text["choose_team"],
                choices=[Choice(title=name, value=team) for team, name in report.teams],
            )
        )  # fmt: skip
    if report.others:
        inputs.append(
            ChoiceSetInput(
                id="unit", label=text["look"], style="compact", value=report.others[0][0],
                error_message=text["choose"],
                choices=[Choice(title=name, value=unit) for unit, name in report.others],
            )
        )  # fmt: skip
    return inputs


def _actions(report: ReadinessReport, text: dict[str, str]) -> list[Action]:
    actions: list[Action] = []
    if report.teams:
        # One team: it travels in the data; several: the "team" input above says which.
        data = {"team": report.teams[0][0]} if len(report.teams) == 1 else {}
        actions += [
            execute(text["attest"], ATTEST_VERB, data),
            execute(text["nudge"], NUDGE_VERB, data),
        ]
    if report.others:
        actions.append(execute(text["show"], SHOW_VERB, {}))
    return actions
