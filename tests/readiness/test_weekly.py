"""A week's figures from dated inputs: the worked example of docs/readiness.md, the trend, and
what the retention job does with old answers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from readiness.rules.disclosure import GroupKind, Unit
from readiness.rules.knowledge import WINDOW, FirstAttempt
from readiness.rules.process import ProcessAttestation, TeamAttestation
from readiness.rules.publication import TeamInputs, trend, week_end, weekly_publication
from readiness.rules.retention import (
    RETENTION,
    QuestionMonth,
    StoredAnswer,
    retention_plan,
)
from readiness.rules.score import Figures, PersonRecord, Weights

ORGANISATION = (
    Unit("publiek", "Publiekszaken", "department", (Unit("bz", "Burgerzaken", "team"),)),
)


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


BURGERZAKEN = TeamInputs(
    "bz",
    processes=("geboorte", "overlijden"),
    card_version=3,
    process_attestations=(
        # Attested in March: targets and fallback known, but last tested more than a year ago.
        ProcessAttestation("geboorte", date(2026, 3, 10), "Draaiboek v2 op de teamsite",
                           True, True, date(2025, 11, 20)),
        # Attested more than 12 months before the week: stale, counts as nothing.
        ProcessAttestation("overlijden", date(2025, 11, 1), "Draaiboek v1", True, True,
                           date(2025, 10, 1)),
    ),
    # Paper list and fallback place yes; systems list older than 3 years; card version 2.
    team_attestation=TeamAttestation(date(2026, 9, 1), "Map noodprocedures", True, True,
                                     date(2023, 6, 1), 2),
)  # fmt: skip


def person(key: str, answers: list[tuple[str, bool]], acknowledged: str | None) -> PersonRecord:
    return PersonRecord(
        key,
        "bz",
        tuple(FirstAttempt(at(day), right) for day, right in answers),
        at(acknowledged) if acknowledged else None,
    )


PEOPLE = (
    person("p1", [("2026-11-20", True)] * 3 + [("2026-11-20", False)], "2026-10-01"),  # 3/4
    person("p2", [("2026-11-20", True), ("2026-08-21", False)], "2026-10-01"),  # 1 / 1.5
    person("p3", [("2026-12-01", True)], "2026-10-01"),  # 1
    person("p4", [("2026-10-05", True), ("2026-10-05", False)], "2026-10-01"),  # 1/2
    person("p5", [("2026-11-20", False), ("2026-08-21", True)], "2026-10-01"),  # 0.5 / 1.5
    person("p6", [("2026-12-08", True)], "2026-11-02"),  # answered after the week
    person("p7", [("2025-11-01", True)], None),  # answered more than a year before
    person("p8", [], "2026-12-07"),  # acknowledged after the week
)


def test_the_worked_example() -> None:
    """docs/readiness.md, "A worked example": Burgerzaken in the week of 30 November 2026."""
    week = weekly_publication(ORGANISATION, [BURGERZAKEN], PEOPLE, week_of=date(2026, 12, 2))
    expected = Figures(
        members=8, respondents=5, process=40, knowledge=65, reach=75, score=55, band="developing"
    )
    assert week.group("team", "bz", "publiek") == expected
    assert week.group("department", "publiek") == expected
    assert week.group("organisation", None) == expected


def test_another_municipality_weighs_process_more() -> None:
    """0.7 × 40 + 0.2 × 65 + 0.1 × 75 = 48.5, rounded half up."""
    week = weekly_publication(
        ORGANISATION, [BURGERZAKEN], PEOPLE, week_of=date(2026, 12, 2),
        weights=Weights(process=70, knowledge=20, reach=10),
    )  # fmt: skip
    figures = week.group("team", "bz", "publiek")
    assert figures is not None and (figures.score, figures.band) == (49, "developing")


def test_a_week_ends_on_monday_midnight_in_amsterdam() -> None:
    assert week_end(date(2026, 12, 2)) == datetime(2026, 12, 6, 23, 0, tzinfo=UTC)
    assert week_end(date(2026, 12, 6)) == week_end(date(2026, 11, 30))
    assert week_end(date(2026, 7, 1)) == datetime(2026, 7, 5, 22, 0, tzinfo=UTC)  # summer time


def test_the_trend_compares_shown_figures_only() -> None:
    first = weekly_publication(ORGANISATION, [BURGERZAKEN], PEOPLE, week_of=date(2026, 12, 2))
    later = [
        PersonRecord(p.key, p.team_id, p.first_attempts, p.acknowledged_at or at("2026-12-08"))
        for p in PEOPLE
    ]  # p7 acknowledges; p6's answer and p8's acknowledgement fall in this week: 3 of 8 changed
    second = weekly_publication(
        ORGANISATION, [BURGERZAKEN], later, week_of=date(2026, 12, 9), history=[first]
    )
    assert second.held == {"p6", "p7", "p8"}  # fewer than 5 changed: held back
    key: tuple[GroupKind, str | None, str | None] = ("team", "bz", "publiek")
    assert trend(second, first, key) == 0
    # A week on: everyone answers once more (wrong), and two new colleagues start who have
    # acknowledged and answered. Members' figures change for p6, p7, p8 and the two newcomers
    # (5), knowledge for all 10: enough to show this week, and with it what was held.
    everyone = [
        PersonRecord(p.key, p.team_id, (*p.first_attempts, FirstAttempt(at("2026-12-14"), False)),
                     p.acknowledged_at or at("2026-12-08"))
        for p in PEOPLE
    ] + [person(n, [("2026-12-14", True)], "2026-12-14") for n in ("n1", "n2")]  # fmt: skip
    third = weekly_publication(
        ORGANISATION, [BURGERZAKEN], everyone, week_of=date(2026, 12, 16), history=[first, second]
    )
    assert not third.held
    now = third.group(*key)
    assert now is not None and now.reach == 100
    assert trend(third, first, key) == now.score - 55
    assert trend(third, first, ("team", "elders", "publiek")) is None


NOW = datetime(2027, 3, 1, 12, tzinfo=UTC)


def answer(number: int, question: str, days_ago: int, correct: bool, first: bool) -> StoredAnswer:
    return StoredAnswer(number, question, NOW - timedelta(days=days_ago), correct, first)


def test_retention_aggregates_old_answers_per_question_and_month_and_deletes_them() -> None:
    answers = [
        answer(1, "q1", 500, True, True),
        answer(2, "q1", 500, False, True),
        answer(3, "q1", 499, True, False),
        answer(4, "q2", 401, False, True),
        answer(5, "q1", 399, True, True),  # not old enough yet
    ]
    plan = retention_plan(answers, NOW)
    assert plan.delete == (1, 2, 3, 4)
    month = (NOW - timedelta(days=500)).strftime("%Y-%m")
    assert plan.add == (
        QuestionMonth("q1", month, answered=3, right=2, first_attempts=2, right_first_time=1),
        QuestionMonth("q2", (NOW - timedelta(days=401)).strftime("%Y-%m"), 1, 0, 1, 0),
    )


def test_retention_never_deletes_what_a_score_still_counts() -> None:
    assert RETENTION >= WINDOW
    with pytest.raises(ValueError, match="at least"):
        retention_plan([], NOW, keep_for=WINDOW - timedelta(days=1))
