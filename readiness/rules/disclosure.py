"""Which groups of the organisation may be shown, so that no one can be singled out.

The rule of ``campaigns/rules/breakdown.py``, with two sizes instead of one: a group's figures
are about its members (reach, how many answered) and about its respondents (knowledge), so
both must be large enough, and so must both rests (docs/privacy.md, "Readiness figures"):

1. The organisation, a department or a team is shown only with at least :data:`MINIMUM_GROUP`
   members **and** :data:`MINIMUM_GROUP` respondents. A group that is not shown hides
   everything in it: it is folded into its parent.
2. For every group shown, the people outside its shown sub-groups (its *rest*) number none or
   at least :data:`MINIMUM_GROUP`, counted as members and counted as respondents.
3. When a rest would have 1 to 4 members or 1 to 4 respondents, the smallest shown sub-group is
   folded into it too; that sub-group has at least :data:`MINIMUM_GROUP` of both, so the rest
   then has enough of both.

Every figure that can be had by adding and subtracting shown figures is then a sum over shown
leaves and rests (the *cells* below), each about no one or about at least
:data:`MINIMUM_GROUP` members and respondents.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from readiness.rules.score import PersonState

MINIMUM_GROUP: Final = 5
"""The fewest members and respondents a figure may be about (as Viva Glint's default)."""

ORGANISATION: Final = ""
"""The cell key of people in no shown department or team."""

GroupKind = Literal["organisation", "department", "team", "other"]


@dataclass(frozen=True)
class Unit:
    """A department or a team of the organisation, with what it holds.

    Attributes:
        id: Its id in the organisation's list.
        name: Its name.
        kind: ``department`` or ``team``.
        units: For a department: its teams and sub-departments, in the list's order.
    """

    id: str
    name: str
    kind: Literal["department", "team"]
    units: tuple[Unit, ...] = ()


@dataclass(frozen=True)
class Group:
    """A group that may be shown, with who is in it (for the figures; never shown itself).

    Attributes:
        kind: The whole organisation, a department, a team, or the ``other`` people of a
            department (or of the organisation, when ``parent`` is None).
        id: The department's or team's id; None for the organisation and for ``other``.
        name: Its name; None for the organisation and for ``other``.
        parent: The department it lies in; None at the top and for the organisation itself.
        depth: 0 for the organisation, 1 inside it, and so on.
        people: The user keys of its members.
    """

    kind: GroupKind
    id: str | None
    name: str | None
    parent: str | None
    depth: int
    people: frozenset[str]


@dataclass(frozen=True)
class _Node:
    unit: Unit | None  # None: the whole organisation
    people: frozenset[str]
    children: tuple[_Node, ...]


def disclose(
    organisation: Sequence[Unit],
    states: Mapping[str, PersonState],
    minimum: int = MINIMUM_GROUP,
) -> tuple[Group, ...]:
    """The groups that may be shown, the organisation first, each department before what it
    holds and its ``other`` after it.

    Args:
        organisation: The top departments (teams at the top are allowed too).
        states: Every person's state by user key; one whose team is not in ``organisation``
            counts for the organisation only.
        minimum: The fewest members and respondents a shown figure may be about.

    Returns:
        The shown groups; empty when the organisation itself is too small.
    """
    by_team: dict[str, set[str]] = {}
    for key, state in states.items():
        if state.team_id is not None:
            by_team.setdefault(state.team_id, set()).add(key)
    root = _Node(None, frozenset(states), tuple(_node(unit, by_team) for unit in organisation))
    if not _large_enough(root.people, states, minimum):
        return ()
    shown = [Group("organisation", None, None, None, 0, root.people)]
    _settle(root, None, 1, states, minimum, shown)
    return tuple(shown)


def cells(groups: Sequence[Group]) -> dict[str, str]:
    """Each shown person's cell: the id of the deepest shown department or team they are in, or
    :data:`ORGANISATION`. People with the same cell cannot be told apart by any sum or
    difference of shown figures."""
    found: dict[str, str] = {}
    for group in sorted(groups, key=lambda g: g.depth):
        if group.kind == "organisation":
            found |= dict.fromkeys(group.people, ORGANISATION)
        elif group.kind != "other" and group.id is not None:
            found |= dict.fromkeys(group.people, group.id)
    return found


def _node(unit: Unit, by_team: dict[str, set[str]]) -> _Node:
    if unit.kind == "team":
        return _Node(unit, frozenset(by_team.get(unit.id, ())), ())
    children = tuple(_node(child, by_team) for child in unit.units)
    return _Node(unit, frozenset().union(*(child.people for child in children)), children)


def _sizes(people: frozenset[str], states: Mapping[str, PersonState]) -> tuple[int, int]:
    return len(people), sum(states[key].respondent for key in people)


def _large_enough(people: frozenset[str], states: Mapping[str, PersonState], minimum: int) -> bool:
    return min(_sizes(people, states)) >= minimum


def _safe_rest(people: frozenset[str], states: Mapping[str, PersonState], minimum: int) -> bool:
    return all(size == 0 or size >= minimum for size in _sizes(people, states))


def _settle(
    node: _Node,
    parent: str | None,
    depth: int,
    states: Mapping[str, PersonState],
    minimum: int,
    out: list[Group],
) -> None:
    """Add the shown groups under ``node`` (itself shown) to ``out``."""
    shown = [child for child in node.children if _large_enough(child.people, states, minimum)]
    rest = node.people - frozenset().union(*(child.people for child in shown))
    if shown and not _safe_rest(rest, states, minimum):
        # The rest could be had by subtraction: fold the smallest shown group into it.
        smallest = min(
            shown, key=lambda child: (*_sizes(child.people, states), child.unit and child.unit.id)
        )
        shown.remove(smallest)
        rest |= smallest.people
    for child in shown:
        assert child.unit is not None  # only the root has no unit
        unit = child.unit
        out.append(Group(unit.kind, unit.id, unit.name, parent, depth, child.people))
        _settle(child, unit.id, depth + 1, states, minimum, out)
    if shown and rest and _large_enough(rest, states, minimum):
        out.append(Group("other", None, None, parent, depth, rest))
