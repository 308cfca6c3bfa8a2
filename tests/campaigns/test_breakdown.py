"""The breakdown per department and team discloses no one: groups of 5 or more only, small ones
folded into "other" when that has 5 or more, and never a rest of 1 to 4 people that could be had
by subtracting shown figures from the total (docs/privacy.md)."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from campaigns.rules.breakdown import MINIMUM_GROUP, Group, Member, Tally, Unit, breakdown

ORGANISATION = (
    Unit("a", "Afdeling A", "department", (
        Unit("a1", "Team A1", "team"), Unit("a2", "Team A2", "team"),
        Unit("a3", "Team A3", "team"),
    )),
    Unit("b", "Afdeling B", "department", (
        Unit("b1", "Team B1", "team"),
        Unit("c", "Afdeling C", "department", (
            Unit("c1", "Team C1", "team"), Unit("c2", "Team C2", "team"),
        )),
    )),
    Unit("d", "Afdeling D", "department", (Unit("d1", "Team D1", "team"),)),
)  # fmt: skip


def members(**per_team: int) -> list[Member]:
    """That many recipients per team (``none``: no team; ``kantine``: a team not in the
    organisation), each sent one message."""
    found: list[Member] = []
    for team, count in per_team.items():
        team_id = None if team == "none" else team
        found += [Member(team_id, 1, 1, 0, False) for _ in range(count)]
    return found


def shown(groups: list[Group]) -> list[tuple[str, str | None, str | None, int]]:
    return [(g.kind, g.id, g.parent, g.tally.recipients) for g in groups]


@pytest.mark.parametrize(
    ("per_team", "expected"),
    [
        pytest.param(
            {"a1": 5, "a2": 6},
            [("department", "a", None, 11), ("team", "a1", "a", 5), ("team", "a2", "a", 6)],
            id="every-group-large-enough",
        ),
        pytest.param(
            {"a1": 6, "a2": 3, "a3": 2},
            [("department", "a", None, 11), ("team", "a1", "a", 6), ("other", None, "a", 5)],
            id="small-teams-together-make-an-other-of-5",
        ),
        pytest.param(
            {"a1": 6, "a2": 7, "a3": 2},
            [("department", "a", None, 15), ("team", "a2", "a", 7), ("other", None, "a", 8)],
            id="a-rest-of-2-takes-the-smallest-team-with-it",
        ),
        pytest.param(
            {"a1": 6, "a3": 2},
            [("department", "a", None, 8)],
            id="folding-the-only-team-leaves-the-department-alone",
        ),
        pytest.param({"a1": 4}, [], id="a-campaign-under-5-shows-no-groups"),
        pytest.param(
            {"a1": 6, "none": 2, "kantine": 1},
            [],
            id="3-without-a-known-team-would-be-total-minus-the-department",
        ),
        pytest.param(
            {"a1": 6, "none": 5},
            [("department", "a", None, 6), ("team", "a1", "a", 6), ("other", None, None, 5)],
            id="5-without-a-known-team-are-the-campaigns-other",
        ),
        pytest.param(
            {"b1": 5, "c1": 5, "c2": 1},
            [("department", "b", None, 11), ("team", "b1", "b", 5), ("department", "c", "b", 6)],
            id="nested-department-keeps-its-lone-team-hidden",
        ),
        pytest.param(
            {"a1": 10, "b1": 3, "d1": 2},
            [("department", "a", None, 10), ("team", "a1", "a", 10), ("other", None, None, 5)],
            id="small-departments-together-are-the-campaigns-other",
        ),
        pytest.param(
            {"a1": 5, "d1": 4},
            [],
            id="a-department-of-4-cannot-be-left-out-alone",
        ),
        pytest.param(
            {"a1": 6, "a2": 6, "b1": 7, "c1": 8, "c2": 2},
            [
                ("department", "a", None, 12),
                ("team", "a1", "a", 6),
                ("team", "a2", "a", 6),
                ("department", "b", None, 17),
                ("team", "b1", "b", 7),
                ("department", "c", "b", 10),
            ],
            id="a-hidden-team-of-2-hides-its-sibling-not-its-department",
        ),
    ],
)
def test_which_groups_are_shown(
    per_team: dict[str, int], expected: list[tuple[str, str | None, str | None, int]]
) -> None:
    assert shown(breakdown(ORGANISATION, members(**per_team))) == expected


def test_group_figures_add_up_to_the_campaign() -> None:
    people = [
        *(Member("a1", 2, 2, n % 2, n < 3) for n in range(6)),  # two runs each
        *(Member("a2", 1, 1 if n else 0, n % 3 == 0, False) for n in range(5)),
        *(Member(None, 1, 1, 1, True) for _ in range(5)),
    ]
    groups = breakdown(ORGANISATION, people)
    by_id = {(g.kind, g.id): g.tally for g in groups}
    assert by_id[("team", "a1")] == Tally(6, targeted=12, sent=12, read=3, acknowledged=3)
    assert by_id[("team", "a2")] == Tally(5, targeted=5, sent=4, read=2, acknowledged=0)
    assert by_id[("department", "a")] == by_id[("team", "a1")] + by_id[("team", "a2")]
    assert by_id[("other", None)] == Tally(5, 5, 5, 5, 5)
    top = [g.tally for g in groups if g.parent is None]
    assert sum(top, Tally()) == Tally(16, 22, 21, 10, 8)


def random_organisation(rng: random.Random, depth: int = 0, prefix: str = "u") -> tuple[Unit, ...]:
    units: list[Unit] = []
    for n in range(rng.randint(1, 3)):
        ident = f"{prefix}{n}"
        if depth < 2 and rng.random() < 0.5:
            units.append(
                Unit(ident, ident, "department", random_organisation(rng, depth + 1, ident + "-"))
            )
        else:
            units.append(Unit(ident, ident, "team"))
    return tuple(units)


def teams_below(unit: Unit) -> set[str]:
    if unit.kind == "team":
        return {unit.id}
    return set().union(*(teams_below(child) for child in unit.units))


def every_unit(units: tuple[Unit, ...]) -> dict[str, Unit]:
    found: dict[str, Unit] = {}
    for unit in units:
        found[unit.id] = unit
        found |= every_unit(unit.units)
    return found


@pytest.mark.parametrize("seed", range(400))
def test_no_figure_can_be_narrowed_to_fewer_than_5_people(seed: int) -> None:
    """Whatever the organisation and audience: every set of people that adding and subtracting
    shown figures (the campaign's total included) can single out has 0 or at least 5 people.

    (A campaign to fewer than 5 people shows no groups; its own figures are the campaign's.)"""
    rng = random.Random(seed)
    organisation = random_organisation(rng)
    units = every_unit(organisation)
    teams = [ident for ident, unit in units.items() if unit.kind == "team"]
    people = [
        Member(rng.choice([*teams, None, "elders"]), 1, 1, 0, False)
        for _ in range(rng.randint(0, 60))
    ]
    groups = breakdown(organisation, people)

    named = [g for g in groups if g.id is not None]
    assert all(g.tally.recipients >= MINIMUM_GROUP for g in groups)
    assert all(g.parent is None or g.parent in {n.id for n in named} for g in groups)
    # Each person's signature: which shown groups they are in. People with the same signature
    # cannot be told apart by any sum or difference of the shown figures.
    signatures = Counter(
        tuple(
            person.team_id in teams_below(units[group.id])
            for group in named
            if group.id is not None
        )
        for person in people
    )
    if named:
        assert all(count >= MINIMUM_GROUP for count in signatures.values()), signatures
    for group in named:  # and each shown figure is what it says
        below = teams_below(units[group.id or ""])
        assert group.tally.recipients == sum(p.team_id in below for p in people)
