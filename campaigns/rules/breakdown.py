"""A campaign's figures per department and team, without disclosing anyone.

The organisation is a tree: the whole campaign at the top, departments (which may hold
sub-departments) and teams. A recipient belongs to the team their outbox row names; one whose
team is not in the organisation belongs to the campaign only. The rule (docs/privacy.md):

1. A group is shown only with at least :data:`MINIMUM_GROUP` recipients; a group that is not
   shown hides everything in it.
2. For the campaign and for every department shown, the recipients outside its shown groups
   (its *rest*) are none or at least :data:`MINIMUM_GROUP`. The rest is shown as "other" when it
   is not empty and some group beside it is shown.
3. When the rest would be 1 to 4 recipients, the smallest shown group in it is folded into the
   rest too, which then has more than :data:`MINIMUM_GROUP`.

Every figure that can be computed by adding or subtracting shown figures (the campaign's own
included) is then a sum over shown groups and rests, so it is about no one or about at least
:data:`MINIMUM_GROUP` people.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

MINIMUM_GROUP = 5
"""The fewest recipients a figure may be about (as for managers and channel quizzes)."""

GroupKind = Literal["department", "team", "other"]


@dataclass(frozen=True)
class Unit:
    """A department or a team of the organisation, with what it holds.

    Attributes:
        id: Its id in the content library.
        name: Its name.
        kind: ``department`` or ``team``.
        units: For a department: its teams and sub-departments, in the library's order.
    """

    id: str
    name: str
    kind: Literal["department", "team"]
    units: tuple[Unit, ...] = ()


@dataclass(frozen=True)
class Member:
    """One recipient of a campaign and what became of their messages.

    Attributes:
        team_id: Their team, as frozen into their latest outbox row (None: not known).
        targeted: Messages planned for them (one per run).
        sent: Of those, accepted by Teams.
        read: Of those, read.
        acknowledged: Whether they clicked "Gelezen".
    """

    team_id: str | None
    targeted: int
    sent: int
    read: int
    acknowledged: bool


@dataclass(frozen=True)
class Tally:
    """The figures of a group of recipients.

    Attributes:
        recipients: People in it (each counted once, whatever the number of runs).
        targeted: Messages planned for them.
        sent: Messages Teams accepted.
        read: Messages read.
        acknowledged: People who clicked "Gelezen".
    """

    recipients: int = 0
    targeted: int = 0
    sent: int = 0
    read: int = 0
    acknowledged: int = 0

    def __add__(self, other: Tally) -> Tally:
        """Both groups together."""
        return Tally(
            self.recipients + other.recipients,
            self.targeted + other.targeted,
            self.sent + other.sent,
            self.read + other.read,
            self.acknowledged + other.acknowledged,
        )

    def __sub__(self, other: Tally) -> Tally:
        """This group without ``other`` (which lies within it)."""
        return Tally(
            self.recipients - other.recipients,
            self.targeted - other.targeted,
            self.sent - other.sent,
            self.read - other.read,
            self.acknowledged - other.acknowledged,
        )


@dataclass(frozen=True)
class Group:
    """One row of the breakdown.

    Attributes:
        kind: A department, a team, or the ``other`` recipients of a department (or of the
            whole campaign, when ``parent`` is None).
        id: The department's or team's id; None for ``other``.
        name: Its name; None for ``other``.
        parent: The department it lies in; None at the top.
        depth: 0 at the top, 1 inside a top department, and so on.
        tally: Its figures.
    """

    kind: GroupKind
    id: str | None
    name: str | None
    parent: str | None
    depth: int
    tally: Tally


@dataclass(frozen=True)
class _Node:
    unit: Unit | None  # None: the whole campaign
    tally: Tally
    children: tuple[_Node, ...]


def tally_of(members: Iterable[Member]) -> Tally:
    """The figures of these recipients together."""
    total = Tally()
    for member in members:
        total += _one(member)
    return total


def breakdown(
    organisation: Sequence[Unit], members: Iterable[Member], minimum: int = MINIMUM_GROUP
) -> list[Group]:
    """The groups that may be shown, departments before what they hold.

    Args:
        organisation: The top departments (teams at the top are allowed too).
        members: Every recipient of the campaign (people only: a channel post is no one).
        minimum: The fewest recipients a shown figure may be about.

    Returns:
        The shown groups, depth first: a department, then what it holds, then its ``other``;
        the campaign's own ``other`` last. Empty when nothing may be shown.
    """
    by_team: dict[str, Tally] = {}
    total = Tally()
    for member in members:
        one = _one(member)
        total += one
        if member.team_id is not None:
            by_team[member.team_id] = by_team.get(member.team_id, Tally()) + one
    root = _Node(None, total, tuple(_node(unit, by_team) for unit in organisation))
    shown: list[Group] = []
    _settle(root, None, 0, minimum, shown)
    return shown


def _one(member: Member) -> Tally:
    return Tally(1, member.targeted, member.sent, member.read, int(member.acknowledged))


def _node(unit: Unit, by_team: dict[str, Tally]) -> _Node:
    if unit.kind == "team":
        return _Node(unit, by_team.get(unit.id, Tally()), ())
    children = tuple(_node(child, by_team) for child in unit.units)
    tally = sum((child.tally for child in children), Tally())
    return _Node(unit, tally, children)


def _settle(node: _Node, parent: str | None, depth: int, minimum: int, out: list[Group]) -> None:
    """Add the shown groups under ``node`` (itself shown) to ``out``."""
    shown = [child for child in node.children if child.tally.recipients >= minimum]
    rest = node.tally - sum((child.tally for child in shown), Tally())
    if 0 < rest.recipients < minimum and shown:
        # The rest could be had by subtraction: fold the smallest shown group into it.
        smallest = min(shown, key=lambda child: child.tally.recipients)
        shown.remove(smallest)
        rest += smallest.tally
    for child in shown:
        assert child.unit is not None  # only the root has no unit
        out.append(
            Group(child.unit.kind, child.unit.id, child.unit.name, parent, depth, child.tally)
        )
        _settle(child, child.unit.id, depth + 1, minimum, out)
    if shown and rest.recipients:
        out.append(Group("other", None, None, parent, depth, rest))
