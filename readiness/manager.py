"""What a manager's readiness card shows, gathered: the published week cut to their unit, its
trend, what is least arranged in its teams, the questions its teams find hard, what to do next.

Figures come from the week's publication only (the rules decided what may be shown); what the
managers attested is not about a person and is read as it is now; hard questions are counted
per shown team in steps of 5 (:mod:`readiness.rules.questions`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date

from cards.readiness import GroupScore, HardQuestion, ReadinessReport, WeakPoint
from content.language import Language
from content.loader import Library
from readiness.access import Asker
from readiness.inputs import CardOf, process_ids, scenario_questions, team_inputs, teams_of
from readiness.report import ReportRow, report_rows
from readiness.rules.advice import advice
from readiness.rules.bands import band_meaning, band_name
from readiness.rules.disclosure import MINIMUM_GROUP, Unit
from readiness.rules.knowledge import WINDOW
from readiness.rules.process import TEAM, CheckName, process_checks
from readiness.rules.publication import week_end
from readiness.rules.questions import QuestionCount, hard_questions
from readiness.week import Week
from store.readiness import ReadinessInputs
from store.readiness_details import ReadinessDetails

TREND_WEEKS = 8
"""How many weeks the card's trend shows (this one included)."""

_KEEP_COUNTS = 512
"""Teams' counted answers kept in memory, per week and set of teams."""

_OTHER: dict[Language, str] = {"nl": "Overige mensen van {unit}", "en": "Others in {unit}"}


class NoUnits(LookupError):
    """The person manages nothing the organisation (as imported) holds."""


@dataclass(frozen=True)
class Place:
    """A department or team as the card names it: its unit and the department it lies in."""

    unit: Unit
    parent: str | None


def places(week: Week, manages: Collection[str]) -> list[Place]:
    """The departments and teams ``manages`` covers, in the organisation's order."""

    def walk(units: tuple[Unit, ...], parent: str | None) -> Iterator[Place]:
        for unit in units:
            yield Place(unit, parent)
            yield from walk(unit.units, unit.id)

    return [place for place in walk(week.organisation, None) if place.unit.id in manages]


def chosen_place(seen: list[Place], wanted: str | None) -> Place:
    """The place asked for (by id or name, any case); else the first the person manages at
    the top of their scope.

    Raises:
        NoUnits: when ``seen`` is empty.
    """
    if not seen:
        raise NoUnits
    if wanted:
        key = wanted.strip().casefold()
        for place in seen:
            if key in (place.unit.id.casefold(), place.unit.name.casefold()):
                return place
    return seen[0]


class ManagerReports:
    """Builds a manager's readiness card from the week, the library and the attestations."""

    def __init__(self, library: Library, details: ReadinessDetails, card_of: CardOf) -> None:
        """Names and questions from ``library``; attestations and first answers from
        ``details``; each team's current printed card from ``card_of``."""
        self._library = library
        self._details = details
        self._card_of = card_of
        self._counts: dict[tuple[date, tuple[str, ...]], dict[str, list[QuestionCount]]] = {}

    async def report(
        self, week: Week, manages: frozenset[str], place: Place, language: Language, today: date
    ) -> ReadinessReport:
        """The card of ``place`` for someone who manages ``manages``, on ``today``."""
        unit = place.unit
        rows = report_rows(week, Asker(manages=manages), unit.id)
        top = rows[0]
        team_ids = teams_of((unit,))
        names = {p.unit.id: p.unit.name for p in places(week, manages)}
        weak, missing = await self._weak_points(team_ids, names, language, today)
        shown_teams = [r.id for r in rows if r.kind == "team" and r.shown and r.id]
        hard = await self._hard_questions(week, shown_teams, names, language)
        figures = top.figures
        trend = week.trend(top.kind, top.id, top.parent, weeks=TREND_WEEKS - 1)
        return ReadinessReport(
            unit_id=unit.id, unit_name=unit.name, week=week.first_day,
            score=figures.score if figures else None,
            band=band_name(figures.band, language) if figures else None,
            meaning=band_meaning(figures.band, language) if figures else None,
            process=figures.process if figures else None,
            knowledge=figures.knowledge if figures else None,
            reach=figures.reach if figures else None,
            trend=tuple((monday, f.score if f else None) for monday, f in trend),
            groups=tuple(self._group(row, unit, language) for row in rows[1:]
                         if row.depth == top.depth + 1),
            weak_points=weak, hard_questions=hard,
            suggestions=advice(figures, missing, hard_questions=bool(hard)),
            teams=tuple((team, names.get(team, team)) for team in team_ids),
            others=tuple((i, n) for i, n in names.items() if i != unit.id),
            minimum_group=MINIMUM_GROUP,
        )  # fmt: skip

    @staticmethod
    def _group(row: ReportRow, unit: Unit, language: Language) -> GroupScore:
        name = row.name or _OTHER[language].format(unit=unit.name)
        figures = row.figures
        if figures is None:
            return GroupScore(name, None, None)
        return GroupScore(name, figures.score, band_name(figures.band, language))

    async def _weak_points(
        self, team_ids: list[str], names: dict[str, str], language: Language, today: date
    ) -> tuple[tuple[WeakPoint, ...], frozenset[CheckName]]:
        """Per team and process what is not met, most missing first (at most 5), and every
        check missing anywhere."""
        profiles = self._library["nl"].teams
        with_profile = [team for team in team_ids if team in profiles]
        processes, teams = await self._details.attestations(with_profile)
        read = ReadinessInputs((), (), processes, teams)
        content = self._library.for_language(language)
        found: list[WeakPoint] = []
        missing: set[CheckName] = set()
        for inputs in team_inputs(with_profile, self._library, read, self._card_of,
                                  last_day=today):  # fmt: skip
            profile = content.teams.get(inputs.team_id) or profiles[inputs.team_id]
            process_names = dict(zip(process_ids(profile), (p.name for p in profile.processes),
                                     strict=True))  # fmt: skip
            checks = process_checks(
                inputs.processes, inputs.process_attestations, inputs.team_attestation,
                card_version=inputs.card_version, today=today,
            )  # fmt: skip
            by_subject: dict[str, list[CheckName]] = {}
            for check in checks:
                if not check.met:
                    by_subject.setdefault(check.subject, []).append(check.name)
                    missing.add(check.name)
            for subject, unmet in by_subject.items():
                process = None if subject == TEAM else process_names.get(subject, subject)
                team = names.get(inputs.team_id, inputs.team_id)
                found.append(WeakPoint(team, process, tuple(unmet)))
        found.sort(key=lambda w: (-len(w.missing), w.team, w.process or ""))
        return tuple(found[:5]), frozenset(missing)

    async def _hard_questions(
        self, week: Week, team_ids: list[str], names: dict[str, str], language: Language
    ) -> tuple[HardQuestion, ...]:
        """The hardest questions of the shown teams, up to the end of the week (at most 3)."""
        counts = await self._counted(week.first_day, tuple(team_ids))
        content = self._library.for_language(language)
        ranked = sorted(
            ((count.share, team, count) for team in team_ids
             for count in hard_questions(counts.get(team, ()))),
            key=lambda found: (found[0], found[1], found[2].question_id),
        )  # fmt: skip
        hard: list[HardQuestion] = []
        for _, team_id, count in ranked[:3]:
            question = content.questions.get(count.question_id)
            question = question or self._library["nl"].questions.get(count.question_id)
            if question is not None:
                team = names.get(team_id, team_id)
                hard.append(HardQuestion(team, question.question))
        return tuple(hard)

    async def _counted(
        self, monday: date, team_ids: tuple[str, ...]
    ) -> dict[str, list[QuestionCount]]:
        """The teams' counted first answers up to the end of the week of ``monday``: kept per
        process, since answers before a week's end do not change (a few hundred entries at
        most, then it starts again)."""
        key = (monday, team_ids)
        if key not in self._counts:
            if len(self._counts) >= _KEEP_COUNTS:
                self._counts.clear()
            until = week_end(monday)
            self._counts[key] = await self._details.counted_answers(
                team_ids, scenario_questions(self._library), since=until - WINDOW, until=until
            )
        return self._counts[key]
