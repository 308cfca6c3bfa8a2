"""What an import changes: people added, moved and removed, units and managers.

People are compared by their user key, the only thing stored of them, so a person who moves
keeps everything they did: answers are kept by person, never by team.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from organisation.rules.chart import Chart, Manager, Unit

PersonChangeKind = Literal["added", "moved", "removed"]


@dataclass(frozen=True, order=True)
class PersonChange:
    """One person whose team changes.

    Attributes:
        team: The team after the import (the team before for a removal): sorts by team.
        kind: ``added``, ``moved`` or ``removed``.
        person: How the import names them (object id or user principal name); empty for a
            removal, since only the key of someone no longer listed is known.
        before: Their team before the import (None when added).
        after: Their team after it (None when removed).
    """

    team: str
    kind: PersonChangeKind
    person: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class TeamCount:
    """How one team's membership changes."""

    team: str
    added: int = 0
    moved_in: int = 0
    moved_out: int = 0
    removed: int = 0
    after: int = 0


@dataclass(frozen=True)
class Changes:
    """Everything an import changes; empty when it changes nothing."""

    people: tuple[PersonChange, ...] = ()
    teams: tuple[TeamCount, ...] = ()
    units_added: tuple[Unit, ...] = ()
    units_changed: tuple[tuple[Unit, Unit], ...] = ()
    units_removed: tuple[Unit, ...] = ()
    managers_added: tuple[Manager, ...] = ()
    managers_removed: tuple[Manager, ...] = ()

    def count(self, kind: PersonChangeKind) -> int:
        """How many people are ``kind`` (added, moved or removed)."""
        return sum(1 for change in self.people if change.kind == kind)

    @property
    def empty(self) -> bool:
        """True when the import changes nothing."""
        return not (
            self.people or self.units_added or self.units_changed or self.units_removed
            or self.managers_added or self.managers_removed
        )  # fmt: skip


def compare(
    before: tuple[Chart, Mapping[str, str], Iterable[Manager]],
    after: tuple[Chart, Mapping[str, str], Iterable[Manager]],
    names: Mapping[str, str],
) -> Changes:
    """The changes from ``before`` to ``after``, each a chart, members and managers.

    Args:
        before: What is stored now: the chart, each member's team by user key, the managers.
        after: What the import brings, in the same form.
        names: How the import names each user key (object id or user principal name).
    """
    chart_before, members_before, managers_before = before
    chart_after, members_after, managers_after = after
    people: list[PersonChange] = []
    for key, team in members_after.items():
        old = members_before.get(key)
        if old is None:
            people.append(PersonChange(team, "added", names.get(key, ""), None, team))
        elif old != team:
            people.append(PersonChange(team, "moved", names.get(key, ""), old, team))
    for key, team in members_before.items():
        if key not in members_after:
            people.append(PersonChange(team, "removed", "", team, None))
    old_units, new_units = chart_before.units, chart_after.units
    old_managers, new_managers = set(managers_before), set(managers_after)
    return Changes(
        people=tuple(sorted(people)),
        teams=_team_counts(people, members_after),
        units_added=tuple(new_units[i] for i in sorted(new_units.keys() - old_units.keys())),
        units_changed=tuple(
            (old_units[i], new_units[i])
            for i in sorted(new_units.keys() & old_units.keys())
            if old_units[i] != new_units[i]
        ),
        units_removed=tuple(old_units[i] for i in sorted(old_units.keys() - new_units.keys())),
        managers_added=tuple(sorted(new_managers - old_managers)),
        managers_removed=tuple(sorted(old_managers - new_managers)),
    )


def _team_counts(
    people: list[PersonChange], members_after: Mapping[str, str]
) -> tuple[TeamCount, ...]:
    counts: dict[str, dict[str, int]] = {}

    def bump(team: str, what: str) -> None:
        counts.setdefault(team, {}).setdefault(what, 0)
        counts[team][what] += 1

    for team in members_after.values():
        bump(team, "after")
    for change in people:
        if change.kind == "added" and change.after:
            bump(change.after, "added")
        elif change.kind == "removed" and change.before:
            bump(change.before, "removed")
        elif change.before and change.after:
            bump(change.after, "moved_in")
            bump(change.before, "moved_out")
    return tuple(
        TeamCount(team, **{what: n for what, n in figures.items()})
        for team, figures in sorted(counts.items())
    )
