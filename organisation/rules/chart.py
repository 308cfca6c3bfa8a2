"""The organisation chart: departments (nested) and teams, and who manages which of them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

UnitKind = Literal["department", "team"]


@dataclass(frozen=True)
class Unit:
    """A department or a team.

    Attributes:
        id: The id the content library uses too, e.g. ``burgerzaken``.
        kind: ``department`` or ``team``.
        name: The name people know it by (and Microsoft Graph's department name to match).
        parent: The department it is part of; None for a top-level department.
    """

    id: str
    kind: UnitKind
    name: str
    parent: str | None


@dataclass(frozen=True, order=True)
class Manager:
    """One manager of one department or team, by Entra object id (lower case)."""

    object_id: str
    unit_id: str


@dataclass(frozen=True)
class Chart:
    """Departments and teams by id. The reader checks it first: parents exist, no cycles."""

    units: Mapping[str, Unit] = field(default_factory=dict)

    @classmethod
    def of(cls, units: Iterable[Unit]) -> Chart:
        """A chart of ``units`` (the last of a repeated id wins; readers refuse repeats)."""
        return cls({unit.id: unit for unit in units})

    def teams(self) -> list[Unit]:
        """Every team, by id."""
        return sorted((u for u in self.units.values() if u.kind == "team"), key=lambda u: u.id)

    def departments(self) -> list[Unit]:
        """Every department, by id."""
        return sorted(
            (u for u in self.units.values() if u.kind == "department"), key=lambda u: u.id
        )

    def below(self, unit_id: str) -> Iterator[Unit]:
        """Every unit inside ``unit_id``, at any depth (not the unit itself)."""
        children: dict[str, list[Unit]] = {}
        for unit in self.units.values():
            if unit.parent is not None:
                children.setdefault(unit.parent, []).append(unit)
        pending = list(children.get(unit_id, []))
        seen = {unit_id}
        while pending:
            unit = pending.pop()
            if unit.id in seen:  # a cycle cannot reach here from a checked chart; stay safe
                continue
            seen.add(unit.id)
            yield unit
            pending.extend(children.get(unit.id, []))

    def path(self, unit_id: str) -> list[str]:
        """The ids from the top department down to ``unit_id`` (empty for an unknown id)."""
        found: list[str] = []
        current = self.units.get(unit_id)
        while current is not None and current.id not in found:
            found.append(current.id)
            current = self.units.get(current.parent) if current.parent else None
        return list(reversed(found))


def department_cycles(parents: Mapping[str, str | None]) -> list[list[str]]:
    """Every cycle in the departments' parents, each as the ids around it, first id smallest.

    Args:
        parents: Each department's parent department (None at the top); parents that are not
            keys are ignored here (the reader reports them as unknown).
    """
    cycles: list[list[str]] = []
    done: set[str] = set()
    for start in sorted(parents):
        trail: list[str] = []
        current: str | None = start
        while current is not None and current in parents and current not in done:
            if current in trail:
                ring = trail[trail.index(current) :]
                smallest = ring.index(min(ring))
                cycles.append(ring[smallest:] + ring[:smallest])
                break
            trail.append(current)
            current = parents[current]
        done.update(trail)
    return cycles
