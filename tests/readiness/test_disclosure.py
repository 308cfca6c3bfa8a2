"""No group under 5 can be read from the readiness figures: not from one week's groups, not by
subtracting siblings from a parent, not across the parts, and not across weeks
(docs/privacy.md, "Readiness figures" and "The same rule over time")."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readiness.rules.disclosure import MINIMUM_GROUP, Unit, cells, disclose
from readiness.rules.publication import Publication, publish
from readiness.rules.score import PersonState
from tests.readiness.attacker import Unknown, disclosed, nested_differences, people

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
)  # fmt: skip
WEEK = datetime(2026, 12, 7, tzinfo=UTC)


def population(**per_team: tuple[int, int]) -> dict[str, PersonState]:
    """Per team: (members, of whom respondents)."""
    states: dict[str, PersonState] = {}
    for team, (members, respondents) in per_team.items():
        for n in range(members):
            states[f"{team}-{n}"] = PersonState(team, False, 0.5 if n < respondents else None)
    return states


def shown(states: dict[str, PersonState]) -> list[tuple[str, str | None, int, int]]:
    return [
        (g.kind, g.id or g.parent, len(g.people), sum(states[k].respondent for k in g.people))
        for g in disclose(ORGANISATION, states)
    ]


@pytest.mark.parametrize(
    ("per_team", "expected"),
    [
        pytest.param(
            {"a1": (5, 5), "a2": (6, 5)},
            [("organisation", None, 11, 10), ("department", "a", 11, 10),
             ("team", "a1", 5, 5), ("team", "a2", 6, 5)],
            id="every-group-large-enough",
        ),
        pytest.param(
            {"a1": (8, 4)},
            [],
            id="8-members-but-4-respondents-shows-nothing",
        ),
        pytest.param(
            {"a1": (6, 6), "a2": (9, 5), "a3": (7, 2)},
            [("organisation", None, 22, 13), ("department", "a", 22, 13),
             ("team", "a2", 9, 5), ("other", "a", 13, 8)],
            id="a-team-of-7-with-2-respondents-takes-the-smallest-team-with-it",
        ),
        pytest.param(
            {"a1": (6, 6), "a2": (9, 5), "a3": (7, 0)},
            [("organisation", None, 22, 11), ("department", "a", 22, 11),
             ("team", "a1", 6, 6), ("team", "a2", 9, 5)],
            id="a-rest-of-7-members-without-respondents-may-be-had-by-subtraction",
        ),
        pytest.param(
            {"a1": (6, 5), "b1": (5, 5), "c1": (5, 5), "c2": (1, 1)},
            [("organisation", None, 17, 16), ("department", "a", 6, 5), ("team", "a1", 6, 5),
             ("department", "b", 11, 11), ("team", "b1", 5, 5), ("department", "c", 6, 6)],
            id="nested-department-keeps-its-lone-team-hidden",
        ),
        pytest.param(
            {"a1": (10, 10), "b1": (3, 3), "c1": (2, 2)},
            [("organisation", None, 15, 15), ("department", "a", 10, 10),
             ("team", "a1", 10, 10), ("department", "b", 5, 5)],
            id="a-team-of-3-and-a-sub-department-of-2-make-a-department-of-5",
        ),
        pytest.param(
            {"a1": (5, 5), "b1": (4, 4)},
            [("organisation", None, 9, 9)],
            id="a-department-of-4-cannot-be-left-out-alone",
        ),
    ],
)  # fmt: skip
def test_which_groups_are_shown(
    per_team: dict[str, tuple[int, int]], expected: list[tuple[str, str | None, int, int]]
) -> None:
    assert shown(population(**per_team)) == expected


def test_one_week_with_one_newcomer_holds_them_back() -> None:
    """Team A1 (6) is shown; a 7th joins and answers: before and after would give them away."""
    before = population(a1=(6, 6), a2=(6, 6))
    first = publish(ORGANISATION, before, {}, as_of=WEEK, history=())
    after = before | {"new": PersonState("a1", True, 1.0)}
    second = publish(ORGANISATION, after, {}, as_of=WEEK + timedelta(days=7), history=[first])
    assert second.held == {"new"} and "new" not in second.states
    assert [g.figures for g in second.groups] == [g.figures for g in first.groups]


def test_five_changes_in_a_cell_are_published_together() -> None:
    before = population(a1=(6, 6), a2=(6, 6))
    first = publish(ORGANISATION, before, {}, as_of=WEEK, history=())
    after = before | {f"a1-{n}": PersonState("a1", True, 0.5) for n in range(5)}
    second = publish(ORGANISATION, after, {}, as_of=WEEK + timedelta(days=7), history=[first])
    assert not second.held
    assert second.group("team", "a1", "a") is not None
    assert second.group("team", "a1", "a").reach == 83  # type: ignore[union-attr]  # 5 of 6


def test_a_held_change_comes_out_once_enough_others_changed() -> None:
    before = population(a1=(6, 6), a2=(6, 6))
    first = publish(ORGANISATION, before, {}, as_of=WEEK, history=())
    one = before | {"a1-0": PersonState("a1", True, 0.5)}
    second = publish(ORGANISATION, one, {}, as_of=WEEK + timedelta(days=7), history=[first])
    assert second.held == {"a1-0"}
    five = one | {f"a1-{n}": PersonState("a1", True, 0.5) for n in range(1, 5)}
    third = publish(
        ORGANISATION, five, {}, as_of=WEEK + timedelta(days=14), history=[first, second]
    )
    assert not third.held and third.states == five


# --- The property: random organisations, people and weeks, against the attacker. ---

VALUES = (0.0, 0.25, 0.5, 0.75, 1.0)
ACTIONS = ("acknowledge", "answer", "leave", "move", "join")


@st.composite
def organisations(draw: st.DrawFn, depth: int = 0, prefix: str = "u") -> tuple[Unit, ...]:
    units: list[Unit] = []
    for n in range(draw(st.integers(1, 3))):
        ident = f"{prefix}{n}"
        if depth < 2 and draw(st.booleans()):
            inner = draw(organisations(depth + 1, ident + "-"))
            units.append(Unit(ident, ident, "department", inner))
        else:
            units.append(Unit(ident, ident, "team"))
    return tuple(units)


def teams_in(units: tuple[Unit, ...]) -> Iterator[Unit]:
    for unit in units:
        if unit.kind == "team":
            yield unit
        yield from teams_in(unit.units)


def units_in(units: tuple[Unit, ...]) -> Iterator[Unit]:
    for unit in units:
        yield unit
        yield from units_in(unit.units)


@st.composite
def histories(
    draw: st.DrawFn,
) -> tuple[tuple[Unit, ...], list[dict[str, PersonState]]]:
    """An organisation and everyone's state in 1 to 4 successive weeks."""
    organisation = draw(organisations())
    teams = [team.id for team in teams_in(organisation)]
    week: dict[str, PersonState] = {}
    for team in teams:
        for n in range(draw(st.integers(0, 15))):
            answered = draw(st.booleans()) or draw(st.booleans())
            value = draw(st.sampled_from(VALUES)) if answered else None
            week[f"{team}/{n}"] = PersonState(team, draw(st.booleans()), value)
    weeks = [dict(week)]
    for number in range(draw(st.integers(0, 3))):
        events = draw(
            st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(ACTIONS)), max_size=25)
        )
        for index, (pick, action) in enumerate(events):
            keys = sorted(week)
            if action == "join" or not keys:
                team = teams[pick % len(teams)]
                week[f"new{number}.{index}"] = PersonState(team, False, None)
                continue
            key = keys[pick % len(keys)]
            state = week[key]
            if action == "acknowledge":
                week[key] = PersonState(state.team_id, True, state.knowledge)
            elif action == "answer":
                week[key] = PersonState(state.team_id, state.acknowledged, VALUES[pick % 5])
            elif action == "move":
                week[key] = PersonState(teams[pick % len(teams)], state.acknowledged,
                                        state.knowledge)  # fmt: skip
            else:
                del week[key]
        weeks.append(dict(week))
    return organisation, weeks


def members_of(
    organisation: tuple[Unit, ...], publication: Publication
) -> list[tuple[str, frozenset[str]]]:
    """Whom each published group is about, worked out from the organisation and the states the
    publication says it used (not from the code that chose the groups)."""
    below = {unit.id: {team.id for team in teams_in((unit,))} for unit in units_in(organisation)}
    states = publication.states
    everyone = frozenset(states)
    found: list[tuple[str, frozenset[str]]] = []
    by_key: dict[str | None, frozenset[str]] = {None: everyone}
    shown_children: dict[str | None, set[str]] = {}
    for group in publication.groups:
        if group.kind in ("department", "team"):
            assert group.id is not None
            who = frozenset(k for k, s in states.items() if s.team_id in below[group.id])
            by_key[group.id] = who
            shown_children.setdefault(group.parent, set()).update(who)
    for group in publication.groups:
        if group.kind == "organisation":
            who = everyone
        elif group.kind == "other":
            who = by_key[group.parent] - shown_children.get(group.parent, set())
        else:
            who = by_key[group.id]
        assert group.figures.members == len(who)
        assert group.figures.respondents == sum(states[k].respondent for k in who)
        found.append((group.kind, who))
    return found


def figures_published(
    organisation: tuple[Unit, ...], publications: list[Publication]
) -> tuple[list[frozenset[Unknown]], list[frozenset[Unknown]]]:
    """Every published figure as the set of unknowns it adds up: figures about members (reach,
    how many answered) and figures about respondents (knowledge)."""
    about_members: list[frozenset[Unknown]] = []
    about_respondents: list[frozenset[Unknown]] = []
    for publication in publications:
        states = publication.states
        for _kind, who in members_of(organisation, publication):
            about_members.append(
                frozenset((k, (states[k].acknowledged, states[k].respondent)) for k in who)
            )
            about_respondents.append(
                frozenset((k, states[k].knowledge) for k in who if states[k].respondent)
            )
    return about_members, about_respondents


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_no_combination_of_published_figures_singles_out_fewer_than_5(
    history: tuple[tuple[Unit, ...], list[dict[str, PersonState]]],
) -> None:
    """Whatever the organisation and whatever happens week by week: every group shown has 5
    members and 5 respondents, and no sum, difference or other combination of all figures
    ever published (groups, parts, weeks) is about 1 to 4 people."""
    organisation, weeks = history
    publications: list[Publication] = []
    for number, states in enumerate(weeks):
        previous = publish(
            organisation, states, {}, as_of=WEEK + timedelta(weeks=number), history=publications
        )
        publications.append(previous)
        assert all(
            g.figures.members >= MINIMUM_GROUP and g.figures.respondents >= MINIMUM_GROUP
            for g in previous.groups
        )
        # What is held back is the news of the held people only.
        assert all(previous.states.get(k) == states.get(k) for k in states.keys() - previous.held)
    about_members, about_respondents = figures_published(organisation, publications)
    for figures in (about_members, about_respondents):
        assert disclosed(figures) is None
        for derived in nested_differences(figures):
            assert len(people(derived)) == 0 or len(people(derived)) >= MINIMUM_GROUP


def test_the_attacker_finds_what_the_old_rule_would_have_shown() -> None:
    """Publishing every week as it is (without holding anything) gives a newcomer away: the
    attacker is not toothless."""
    before = population(a1=(6, 6), a2=(6, 6))
    after = before | {"new": PersonState("a1", True, 1.0)}
    naive = [
        publish(ORGANISATION, states, {}, as_of=WEEK, history=()) for states in (before, after)
    ]
    about_members, about_respondents = figures_published(ORGANISATION, naive)
    assert disclosed(about_members) == frozenset({"new"})
    assert disclosed(about_respondents) == frozenset({"new"})


def test_cells_are_the_deepest_shown_group() -> None:
    states = population(a1=(6, 6), a2=(9, 5), a3=(7, 2), b1=(5, 5))
    found = cells(disclose(ORGANISATION, states))
    assert found["a2-0"] == "a2" and found["a1-0"] == "a" and found["a3-0"] == "a"
    assert found["b1-0"] == "b1"
