"""``paraat org import``: make the stored organisation what the file (and Graph) say.

People are stored by user key only (docs/decisions.md #6); what they did is kept by that key,
so moving someone to another team changes their team and nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from content.model import Department, Organisation
from organisation.chart_file import OrganisationFile
from organisation.membership import OBJECT_ID
from organisation.placement import KeyOf, upn_key
from organisation.rules.changes import Changes, compare
from organisation.rules.chart import Chart, Manager, Unit
from organisation.rules.graph_match import GraphPlacement
from store.organisation import ImportRecord, OrganisationStore, PlacedMember


@dataclass(frozen=True)
class Wanted:
    """The organisation as an import wants it.

    Attributes:
        chart: Departments and teams.
        members: Team by person, each an object id or a user principal name (lower case).
        managers: Who manages which department or team.
        source: Where it came from, for the record (a file name, ``graph``, or both).
    """

    chart: Chart
    members: Mapping[str, str]
    managers: frozenset[Manager]
    source: str


def from_file(file: OrganisationFile, source: str) -> Wanted:
    """What an organisation file wants."""
    members = {member.person: member.team for member in file.members}
    return Wanted(file.chart, members, file.managers, source)


def chart_of_library(organisation: Organisation) -> Chart:
    """The content library's departments and teams as a chart (for an import from Graph alone)."""
    units: list[Unit] = []

    def walk(departments: tuple[Department, ...], parent: str | None) -> None:
        for department in departments:
            units.append(Unit(department.id, "department", department.name, parent))
            units.extend(Unit(t.id, "team", t.name, department.id) for t in department.teams)
            walk(department.departments, department.id)

    walk(organisation.departments, None)
    return Chart.of(units)


def with_graph(wanted: Wanted, graph: GraphPlacement) -> Wanted:
    """``wanted`` plus the people Graph places; a person the file names keeps the file's team."""
    members = dict(graph.members) | dict(wanted.members)
    known = wanted.chart.units
    managers = wanted.managers | {m for m in graph.managers if m.unit_id in known}
    source = "graph" if not wanted.source else f"{wanted.source} + graph"
    return replace(wanted, members=members, managers=frozenset(managers), source=source)


@dataclass(frozen=True)
class ImportPlan:
    """What an import would store, and what that changes."""

    wanted: Wanted
    members: tuple[PlacedMember, ...]
    changes: Changes


class OrganisationImport:
    """Plans an import against what is stored, and stores it."""

    def __init__(self, store: OrganisationStore, key_of: KeyOf) -> None:
        """Use ``store``; ``key_of`` makes the user key of an object id."""
        self._store = store
        self._key_of = key_of

    async def plan(self, wanted: Wanted) -> ImportPlan:
        """What storing ``wanted`` would change; nothing is written."""
        members: list[PlacedMember] = []
        names: dict[str, str] = {}
        for person, team in sorted(wanted.members.items()):
            by_upn = OBJECT_ID.match(person) is None
            key = upn_key(self._key_of, person) if by_upn else self._key_of(person)
            members.append(PlacedMember(key, team, by_upn))
            names[key] = person
        stored = await self._store.snapshot()
        changes = compare(
            (stored.chart, {m.person_key: m.team_id for m in stored.members}, stored.managers),
            (wanted.chart, {m.person_key: m.team_id for m in members}, wanted.managers),
            names,
        )
        return ImportPlan(wanted, tuple(members), changes)

    async def apply(self, plan: ImportPlan, actor: str) -> ImportRecord:
        """Store the planned organisation, replacing the one before, and record the import."""
        changes = plan.changes
        record = ImportRecord(
            plan.wanted.source, actor,
            changes.count("added"), changes.count("moved"), changes.count("removed"),
        )  # fmt: skip
        return await self._store.replace(
            plan.wanted.chart, plan.members, plan.wanted.managers, record
        )
