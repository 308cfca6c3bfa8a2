"""How people in Microsoft Graph are placed: their department field names a team or department.

The rule (docs/organisation.md):

1. A Graph department matches a unit when, ignoring case, accents, hyphens and extra spaces, it
   equals the unit's name or id ("Financien" and "financiën" both match team ``financien``).
   When a team and a department share the name, the team wins; two teams with one name match
   neither (the import names them).
2. A person whose department matches a team is a member of that team. Others are not placed:
   they keep the membership file or their own choice.
3. The Entra manager of a team's member manages that team; a person whose own department
   matches a department and who is someone's Entra manager manages that department.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from organisation.rules.chart import Chart, Manager, Unit


@dataclass(frozen=True)
class DirectoryEntry:
    """What Graph says of one enabled account: object id (lower case), department, manager."""

    object_id: str
    department: str | None
    manager_id: str | None


@dataclass(frozen=True)
class GraphPlacement:
    """The people Graph places, and what it could not.

    Attributes:
        members: Team by object id.
        managers: Who manages which unit.
        unplaced: How many people are not placed in a team, by the department name they
            carry (names of departments, never of people).
        ambiguous: Department names that match more than one team.
        without_department: How many people have no department filled in.
    """

    members: dict[str, str] = field(default_factory=dict)
    managers: frozenset[Manager] = frozenset()
    unplaced: Counter[str] = field(default_factory=Counter)
    ambiguous: frozenset[str] = frozenset()
    without_department: int = 0


def normalised(name: str) -> str:
    """``name`` folded for matching: no case, accents or hyphens, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace("-", " ").replace("_", " ").split())


def _index(chart: Chart) -> tuple[dict[str, Unit], set[str]]:
    """Each normalised name and id to its unit; names that more than one team carries."""
    teams: dict[str, set[str]] = {}
    departments: dict[str, set[str]] = {}
    for unit in chart.units.values():
        into = teams if unit.kind == "team" else departments
        for label in {normalised(unit.name), normalised(unit.id)}:
            into.setdefault(label, set()).add(unit.id)
    index: dict[str, Unit] = {}
    ambiguous: set[str] = set()
    for label in teams.keys() | departments.keys():
        found = teams.get(label) or departments.get(label) or set()
        if len(found) == 1:
            index[label] = chart.units[next(iter(found))]
        else:
            ambiguous.add(label)
    return index, ambiguous


def place(chart: Chart, entries: Iterable[DirectoryEntry]) -> GraphPlacement:
    """Place the directory's people in ``chart`` by the rule above."""
    index, ambiguous = _index(chart)
    people = list(entries)
    units: dict[str, Unit] = {}
    unplaced: Counter[str] = Counter()
    ambiguous_seen: set[str] = set()
    without = 0
    for entry in people:
        if not entry.department or not entry.department.strip():
            without += 1
            continue
        label = normalised(entry.department)
        unit = index.get(label)
        if unit is not None:
            units[entry.object_id] = unit
        elif label in ambiguous:
            ambiguous_seen.add(entry.department.strip())
        if unit is None or unit.kind != "team":
            unplaced[entry.department.strip()] += 1
    members = {oid: unit.id for oid, unit in units.items() if unit.kind == "team"}
    managers: set[Manager] = set()
    managing = {e.manager_id for e in people if e.manager_id}
    for entry in people:
        if entry.manager_id and entry.object_id in members:
            managers.add(Manager(entry.manager_id, members[entry.object_id]))
        own = units.get(entry.object_id)
        if own is not None and own.kind == "department" and entry.object_id in managing:
            managers.add(Manager(entry.object_id, own.id))
    return GraphPlacement(
        members, frozenset(managers), unplaced, frozenset(ambiguous_seen), without
    )
