"""A manager sees the departments and teams they manage, inside ones included; nobody else does."""

from __future__ import annotations

from organisation.rules.chart import Chart, Manager, Unit, department_cycles
from organisation.rules.scope import NO_SCOPE, scope_of

CHART = Chart.of(
    [
        Unit("bedrijfsvoering", "department", "Bedrijfsvoering", None),
        Unit("financien", "team", "Financiën", "bedrijfsvoering"),
        Unit("gebouw-en-ict", "department", "Gebouw en ICT", "bedrijfsvoering"),
        Unit("ict", "team", "ICT", "gebouw-en-ict"),
        Unit("facilitaire-zaken", "team", "Facilitaire Zaken", "gebouw-en-ict"),
        Unit("dienstverlening", "department", "Dienstverlening", None),
        Unit("burgerzaken", "team", "Burgerzaken", "dienstverlening"),
    ]
)
HEAD = "00000000-0000-4000-8000-000000000001"
SUB_HEAD = "00000000-0000-4000-8000-000000000002"
TEAM_LEAD = "00000000-0000-4000-8000-000000000003"
OTHER_HEAD = "00000000-0000-4000-8000-000000000004"
STAFF = "00000000-0000-4000-8000-000000000005"
MANAGERS = [
    Manager(HEAD, "bedrijfsvoering"),
    Manager(SUB_HEAD, "gebouw-en-ict"),
    Manager(TEAM_LEAD, "ict"),
    Manager(OTHER_HEAD, "dienstverlening"),
]


def test_a_staff_member_manages_nothing() -> None:
    scope = scope_of(CHART, MANAGERS, STAFF)
    assert scope == NO_SCOPE and not scope.is_manager and not scope.covers("ict")


def test_an_unknown_or_missing_person_manages_nothing() -> None:
    assert scope_of(CHART, MANAGERS, "not-in-the-organisation") == NO_SCOPE
    assert scope_of(CHART, MANAGERS, None) == NO_SCOPE
    assert scope_of(CHART, MANAGERS, "") == NO_SCOPE


def test_a_manager_of_one_department_does_not_see_another() -> None:
    scope = scope_of(CHART, MANAGERS, OTHER_HEAD)
    assert scope.covers("dienstverlening") and scope.covers("burgerzaken")
    assert not scope.covers("bedrijfsvoering") and not scope.covers("ict")
    assert not scope.covers("gebouw-en-ict")


def test_a_manager_of_a_parent_department_sees_everything_inside_it() -> None:
    scope = scope_of(CHART, MANAGERS, HEAD.upper())
    assert scope.departments == {"bedrijfsvoering", "gebouw-en-ict"}
    assert scope.teams == {"financien", "ict", "facilitaire-zaken"}
    assert not scope.covers("burgerzaken")


def test_a_sub_department_manager_does_not_see_upwards_or_sideways() -> None:
    scope = scope_of(CHART, MANAGERS, SUB_HEAD)
    assert scope.departments == {"gebouw-en-ict"}
    assert scope.teams == {"ict", "facilitaire-zaken"}
    assert not scope.covers("bedrijfsvoering") and not scope.covers("financien")


def test_a_team_lead_sees_their_team_only() -> None:
    scope = scope_of(CHART, MANAGERS, TEAM_LEAD)
    assert scope.teams == {"ict"} and scope.departments == frozenset() and scope.is_manager


def test_a_manager_of_a_unit_no_longer_in_the_chart_sees_nothing() -> None:
    assert scope_of(CHART, [Manager(STAFF, "opgeheven")], STAFF) == NO_SCOPE


def test_cycles_are_found() -> None:
    assert department_cycles({"a": "b", "b": "a", "c": None, "d": "c"}) == [["a", "b"]]
    assert department_cycles({"x": "x"}) == [["x"]]
    assert department_cycles({"a": None, "b": "a", "c": "unknown"}) == []
