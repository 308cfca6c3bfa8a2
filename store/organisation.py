"""The imported organisation: its chart, members by user key, managers, and each import.

An import replaces the whole organisation in one transaction, so a reader sees the old one or
the new one, never half of each.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, func, insert, select

from organisation.rules.chart import Chart, Manager, Unit
from store.clock import Clock, utc_now
from store.database import Database
from store.tables import OrgImport, OrgManager, OrgMember, OrgUnit


@dataclass(frozen=True)
class PlacedMember:
    """A member as stored: their user key, team, and whether the key comes from a UPN."""

    person_key: str
    team_id: str
    by_upn: bool = False


@dataclass(frozen=True)
class ImportRecord:
    """What is kept of one import: where from, by whom, how many people it changed."""

    source: str
    actor: str
    added: int
    moved: int
    removed: int
    imported_at: datetime | None = None
    id: int | None = None


@dataclass(frozen=True)
class OrganisationSnapshot:
    """The whole imported organisation as one value; empty before the first import."""

    chart: Chart = field(default_factory=Chart)
    members: tuple[PlacedMember, ...] = ()
    managers: frozenset[Manager] = frozenset()
    last_import: ImportRecord | None = None

    @property
    def version(self) -> int | None:
        """The id of the import this is (None: nothing imported yet)."""
        return self.last_import.id if self.last_import else None


class OrganisationStore:
    """Reads the imported organisation, and replaces it as a whole."""

    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        """Use ``database``; ``clock`` stamps each import."""
        self._db = database
        self._clock = clock

    async def version(self) -> int | None:
        """The id of the latest import, in one small read (None: nothing imported)."""
        async with self._db.sessions() as session:
            return (await session.execute(select(func.max(OrgImport.id)))).scalar()

    async def snapshot(self) -> OrganisationSnapshot:
        """The organisation as the latest import left it, read in one transaction."""
        async with self._db.sessions() as session, session.begin():
            units = (await session.execute(select(OrgUnit))).scalars().all()
            members = (await session.execute(select(OrgMember))).scalars().all()
            managers = (await session.execute(select(OrgManager))).scalars().all()
            latest = (
                await session.execute(select(OrgImport).order_by(OrgImport.id.desc()).limit(1))
            ).scalar()
        return OrganisationSnapshot(
            chart=Chart.of(
                Unit(u.id, "team" if u.kind == "team" else "department", u.name, u.parent_id)
                for u in units
            ),
            members=tuple(PlacedMember(m.person_key, m.team_id, m.by_upn) for m in members),
            managers=frozenset(Manager(m.object_id, m.unit_id) for m in managers),
            last_import=_record(latest) if latest else None,
        )

    async def replace(
        self,
        chart: Chart,
        members: Iterable[PlacedMember],
        managers: Iterable[Manager],
        record: ImportRecord,
    ) -> ImportRecord:
        """Make this the organisation, in one transaction, and keep a record of the import.

        Returns:
            The record as stored, with its id and time.
        """
        now = self._clock()
        unit_rows = [
            {"id": u.id, "kind": u.kind, "name": u.name, "parent_id": u.parent}
            for u in chart.units.values()
        ]
        member_rows = [
            {"person_key": m.person_key, "team_id": m.team_id, "by_upn": m.by_upn} for m in members
        ]
        manager_rows = [{"object_id": m.object_id, "unit_id": m.unit_id} for m in set(managers)]
        async with self._db.sessions.begin() as session:
            for table in (OrgUnit, OrgMember, OrgManager):
                await session.execute(delete(table))
            for table, rows in (
                (OrgUnit, unit_rows), (OrgMember, member_rows), (OrgManager, manager_rows)
            ):  # fmt: skip
                if rows:
                    await session.execute(insert(table), rows)
            stored = OrgImport(
                source=record.source, actor=record.actor, added=record.added,
                moved=record.moved, removed=record.removed, imported_at=now,
            )  # fmt: skip
            session.add(stored)
            await session.flush()
            return _record(stored)

    async def imports(self, limit: int = 10) -> list[ImportRecord]:
        """The latest imports, newest first."""
        query = select(OrgImport).order_by(OrgImport.id.desc()).limit(limit)
        async with self._db.sessions() as session:
            return [_record(row) for row in (await session.execute(query)).scalars()]


def _record(row: OrgImport) -> ImportRecord:
    return ImportRecord(
        row.source, row.actor, row.added, row.moved, row.removed, row.imported_at, row.id
    )
