"""The rows of a report: the organisation's order, "too small to show", and only what the asker
may see."""

from __future__ import annotations

from datetime import date

import pytest

from readiness.access import ADMINISTRATOR, Asker
from readiness.inputs import parents_of
from readiness.report import UnknownUnit, report_rows
from readiness.rules.disclosure import Unit
from readiness.rules.knowledge import FirstAttempt
from readiness.rules.publication import weekly_publication
from readiness.rules.score import PersonRecord
from readiness.week import Week
from tests.readiness.seed import at

ORGANISATION = (  # fmt: skip
    Unit(
        "a",
        "Afdeling A",
        "department",
        (Unit("a1", "A1", "team"), Unit("a2", "A2", "team"), Unit("a3", "A3", "team")),
    ),
    Unit("b", "Afdeling B", "department", (Unit("b1", "B1", "team"),)),
)


def people(team: str, count: int) -> list[PersonRecord]:
    answer = (FirstAttempt(at("2026-11-20"), True),)
    return [PersonRecord(f"{team}-{n}", team, answer, None) for n in range(count)]


def week() -> Week:
    everyone = people("a1", 6) + people("a2", 5) + people("b1", 5) + people("a3", 2)
    publication = weekly_publication(ORGANISATION, [], everyone, week_of=date(2026, 12, 2))
    return Week(ORGANISATION, parents_of(ORGANISATION), publication, final=True)


def shown(rows: tuple[object, ...]) -> list[tuple[str, str | None, bool]]:
    return [(r.kind, r.id, r.shown) for r in rows]  # type: ignore[attr-defined]


def test_the_administrator_sees_every_unit_and_what_is_too_small() -> None:
    assert shown(report_rows(week(), ADMINISTRATOR)) == [
        ("organisation", None, True),
        ("department", "a", True),
        ("team", "a1", True),
        ("team", "a2", False),  # the smaller: folded, or A3's 2 could be had by subtraction
        ("team", "a3", False),  # 2 people: too small
        ("other", None, True),  # A2 and A3 together
        ("department", "b", True),
        ("team", "b1", True),
    ]


def test_a_manager_sees_their_department_only() -> None:
    manager = Asker(manages=frozenset({"a"}))
    assert shown(report_rows(week(), manager, "a")) == [
        ("department", "a", True),
        ("team", "a1", True),
        ("team", "a2", False),
        ("team", "a3", False),
        ("other", None, True),
    ]
    assert shown(report_rows(week(), manager, "a1")) == [("team", "a1", True)]
    for elsewhere in (None, "b", "b1"):
        with pytest.raises(PermissionError):
            report_rows(week(), manager, elsewhere)


def test_staff_and_authors_see_nothing_and_unknown_units_are_named() -> None:
    for asker in (Asker(), Asker(author=True)):
        with pytest.raises(PermissionError):
            report_rows(week(), asker, "a")
    with pytest.raises(UnknownUnit):
        report_rows(week(), ADMINISTRATOR, "kantine")
