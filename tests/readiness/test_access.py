"""May X see the readiness of unit U? The whole matrix, as a table."""

from __future__ import annotations

import pytest

from readiness.access import ADMINISTRATOR, Asker, may_see, visible
from readiness.rules.publication import PublishedGroup
from readiness.rules.score import Figures

# Bedrijfsvoering holds Gebouw en ICT (with team ict) and team hr; Publiekszaken holds
# burgerzaken. None is the whole organisation.
PARENTS: dict[str, str | None] = {
    "bedrijfsvoering": None,
    "gebouw-en-ict": "bedrijfsvoering",
    "ict": "gebouw-en-ict",
    "hr": "bedrijfsvoering",
    "publiek": None,
    "burgerzaken": "publiek",
}

STAFF = Asker()
AUTHOR = Asker(author=True)
MANAGER_OF_PUBLIEK = Asker(manages=frozenset({"publiek"}))
MANAGER_OF_PARENT = Asker(manages=frozenset({"bedrijfsvoering"}))
MANAGER_OF_CHILD = Asker(manages=frozenset({"gebouw-en-ict"}))
AUTHOR_AND_MANAGER = Asker(manages=frozenset({"publiek"}), author=True)
TEAM_MANAGER = Asker(manages=frozenset({"hr"}))

UNITS = (None, "bedrijfsvoering", "gebouw-en-ict", "ict", "hr", "publiek", "burgerzaken", "elders")

# For every asker, the units they may see; every other unit of UNITS they may not.
MATRIX: list[tuple[str, Asker, set[str | None]]] = [
    ("a staff member sees nothing", STAFF, set()),
    ("a communications author sees nothing", AUTHOR, set()),
    ("a manager of department A sees A and what it holds, not B", MANAGER_OF_PUBLIEK,
     {"publiek", "burgerzaken"}),
    ("a manager of a parent department sees everything inside it", MANAGER_OF_PARENT,
     {"bedrijfsvoering", "gebouw-en-ict", "ict", "hr"}),
    ("a manager of a sub-department sees neither its parent nor its siblings", MANAGER_OF_CHILD,
     {"gebouw-en-ict", "ict"}),
    ("an author who also manages sees as a manager", AUTHOR_AND_MANAGER,
     {"publiek", "burgerzaken"}),
    ("a team's manager sees the team only", TEAM_MANAGER, {"hr"}),
    ("the administrator on the command line sees everything", ADMINISTRATOR, set(UNITS)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("asker", "allowed"),
    [(asker, allowed) for _, asker, allowed in MATRIX],
    ids=[name for name, _, _ in MATRIX],
)
@pytest.mark.parametrize("unit", UNITS, ids=lambda unit: unit or "organisation")
def test_may_see(asker: Asker, allowed: set[str | None], unit: str | None) -> None:
    assert may_see(asker, unit, PARENTS) is (unit in allowed)


def test_a_manager_of_a_unit_the_chart_lacks_sees_nothing() -> None:
    assert not may_see(Asker(manages=frozenset({"elders"})), "elders", PARENTS)


def test_a_cycle_in_the_parents_does_not_hang() -> None:
    looping: dict[str, str | None] = {"a": "b", "b": "a"}
    assert not may_see(Asker(manages=frozenset({"c"})), "a", looping)
    assert may_see(Asker(manages=frozenset({"b"})), "a", looping)


FIGURES = Figures(6, 5, 40, 60, 50, 49, "developing")


def row(kind: str, id: str | None, parent: str | None) -> PublishedGroup:
    return PublishedGroup(kind, id, id, parent, 1, FIGURES)  # type: ignore[arg-type]


def test_published_rows_follow_the_same_decision() -> None:
    rows = (
        row("organisation", None, None),
        row("department", "bedrijfsvoering", None),
        row("team", "hr", "bedrijfsvoering"),
        row("other", None, "bedrijfsvoering"),
        row("department", "publiek", None),
        row("other", None, None),
    )
    assert [(r.kind, r.id, r.parent) for r in visible(MANAGER_OF_PARENT, rows, PARENTS)] == [
        ("department", "bedrijfsvoering", None),
        ("team", "hr", "bedrijfsvoering"),
        ("other", None, "bedrijfsvoering"),
    ]
    assert visible(STAFF, rows, PARENTS) == ()
    assert visible(AUTHOR, rows, PARENTS) == ()
    assert visible(ADMINISTRATOR, rows, PARENTS) == rows
