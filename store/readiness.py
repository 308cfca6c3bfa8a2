"""Readiness: the inputs of the weekly figures, read set by set, and the managers' attestations.

Every read is a handful of queries whatever the number of people (the organisation's members,
the team choices, the first attempts, the first acknowledgements, the attestations), made in one
transaction so the figures come from one moment. Nothing here decides what may be shown: that
is :mod:`readiness.rules` (docs/readiness.md, docs/privacy.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from readiness.rules.knowledge import FirstAttempt
from readiness.rules.process import ProcessAttestation, TeamAttestation
from readiness.rules.publication import Publication, PublishedGroup
from readiness.rules.score import Figures, PersonRecord, PersonState
from store import tables
from store.clock import Clock, aware, utc_now
from store.database import Database
from store.sql import rowcount
from store.upsert import dialect_insert


def team_briefing_id(team_id: str) -> str:
    """The id of a team's core briefing in the library: ``team-<team id>``."""
    return f"team-{team_id}"


@dataclass(frozen=True)
class StoredUnit:
    """A department or team of the imported organisation.

    Attributes:
        id: Its id (a team's is the library's).
        kind: ``department`` or ``team``.
        name: Its name.
        parent: The department it is part of; None at the top.
    """

    id: str
    kind: str
    name: str
    parent: str | None


@dataclass(frozen=True)
class ProcessAttestationRecord:
    """A saved attestation about one critical process of a team.

    Attributes:
        team_id: The team.
        attested_by: The manager's Entra object id (accountability; never shown to staff).
        attested_at: When it was saved.
        attestation: What was attested, as the rules take it.
    """

    team_id: str
    attested_by: str
    attested_at: datetime
    attestation: ProcessAttestation


@dataclass(frozen=True)
class TeamAttestationRecord:
    """A saved attestation about a team as a whole.

    Attributes:
        team_id: The team.
        attested_by: The manager's Entra object id.
        attested_at: When it was saved.
        attestation: What was attested, as the rules take it.
        printed_card_mark: The mark of the printed card's version (decision #34); None: not
            known, so the printed card cannot be shown to be current.
    """

    team_id: str
    attested_by: str
    attested_at: datetime
    attestation: TeamAttestation
    printed_card_mark: str | None


@dataclass(frozen=True)
class ShownWeek:
    """A kept week as it is shown: its shown groups, without anyone's state.

    Attributes:
        week_start: Its Monday.
        as_of: The end of the week the figures are for.
        groups: The shown groups with their figures.
    """

    week_start: date
    as_of: datetime
    groups: tuple[PublishedGroup, ...]


@dataclass(frozen=True)
class ShownWeeks:
    """What a published week's reader needs: the organisation and the kept weeks' groups.

    Attributes:
        units: The imported departments and teams (empty before the first import).
        weeks: The kept weeks, oldest first.
    """

    units: tuple[StoredUnit, ...]
    weeks: tuple[ShownWeek, ...]


@dataclass(frozen=True)
class ReadinessInputs:
    """Everything the weekly figures are made of, read at one moment.

    Attributes:
        units: The imported departments and teams (empty before the first import).
        people: Everyone placed in a team (the import first, else their own choice), with their
            dated first attempts and first acknowledgement of their team's core briefing.
        process_attestations: Every saved attestation per process.
        team_attestations: Every saved attestation per team.
    """

    units: tuple[StoredUnit, ...]
    people: tuple[PersonRecord, ...]
    process_attestations: tuple[ProcessAttestationRecord, ...]
    team_attestations: tuple[TeamAttestationRecord, ...]


class ReadinessStore:
    """Reads the inputs of the readiness figures; saves the managers' attestations and the
    published weeks."""

    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        """Use ``database``; ``clock`` stamps each attestation."""
        self._db = database
        self._clock = clock

    async def inputs(
        self,
        scenario_questions: Collection[str],
        *,
        until: datetime | None = None,
        since: datetime | None = None,
        briefing_of: Callable[[str], str] = team_briefing_id,
    ) -> ReadinessInputs:
        """The inputs of the figures, in one transaction and a fixed number of queries.

        Args:
            scenario_questions: The ids of the scenario questions (only their first attempts
                count for knowledge).
            until: Leave out answers from this moment on (the end of the week); None: all.
            since: Leave out answers before this moment (the knowledge window); None: all.
            briefing_of: The id of a team's core briefing.
        """
        async with self._db.sessions() as session, session.begin():
            units = (await session.execute(select(tables.OrgUnit))).scalars().all()
            imported = (
                await session.execute(select(tables.OrgMember.person_key, tables.OrgMember.team_id))
            ).all()
            chosen = (
                await session.execute(
                    select(tables.User.user_key, tables.User.team_id).where(
                        tables.User.team_id.is_not(None)
                    )
                )
            ).all()
            # The import wins over a person's own choice (decision #15, #28).
            team_of: dict[str, str] = {row.user_key: row.team_id for row in chosen}
            team_of |= {row.person_key: row.team_id for row in imported}
            attempts = await self._first_attempts(session, scenario_questions, since, until)
            briefings = {briefing_of(team) for team in set(team_of.values())}
            read = await self._first_reads(session, briefings)
            processes = (
                (await session.execute(select(tables.ProcessAttestationRow))).scalars().all()
            )
            teams = (await session.execute(select(tables.TeamAttestationRow))).scalars().all()
        people = tuple(
            PersonRecord(
                key,
                team,
                tuple(attempts.get(key, ())),
                read.get((key, briefing_of(team))),
            )
            for key, team in sorted(team_of.items())
        )
        return ReadinessInputs(
            units=_units(units),
            people=people,
            process_attestations=tuple(process_record(row) for row in processes),
            team_attestations=tuple(team_record(row) for row in teams),
        )

    @staticmethod
    async def _first_attempts(
        session: AsyncSession,
        questions: Collection[str],
        since: datetime | None,
        until: datetime | None,
    ) -> dict[str, list[FirstAttempt]]:
        if not questions:
            return {}
        answer = tables.Answer
        query = select(answer.user_key, answer.answered_at, answer.correct).where(
            answer.first_attempt.is_(True), answer.question_id.in_(sorted(questions))
        )
        if since is not None:
            query = query.where(answer.answered_at >= since)
        if until is not None:
            query = query.where(answer.answered_at < until)
        found: dict[str, list[FirstAttempt]] = {}
        for row in (await session.execute(query)).all():
            found.setdefault(row.user_key, []).append(
                FirstAttempt(aware(row.answered_at), bool(row.correct))
            )
        return found

    @staticmethod
    async def _first_reads(
        session: AsyncSession, briefings: Collection[str]
    ) -> dict[tuple[str, str], datetime]:
        if not briefings:
            return {}
        ack = tables.Acknowledgement
        query = (
            select(ack.user_key, ack.briefing_id, func.min(ack.read_at).label("first"))
            .where(ack.briefing_id.in_(sorted(briefings)))
            .group_by(ack.user_key, ack.briefing_id)
        )
        rows = (await session.execute(query)).all()
        return {(row.user_key, row.briefing_id): aware(row.first) for row in rows}

    async def attest(
        self,
        team_id: str,
        attested_by: str,
        processes: Sequence[ProcessAttestation],
        team: TeamAttestation,
        printed_card_mark: str | None = None,
    ) -> None:
        """Save what a manager recorded in one form, per process and for the team, in one
        transaction: either all of it counts or none."""
        now = self._clock()
        rows: list[tables.ProcessAttestationRow | tables.TeamAttestationRow] = [
            _process_row(team_id, attested_by, now, process) for process in processes
        ]
        rows.append(_team_row(team_id, attested_by, now, team, printed_card_mark))
        async with self._db.sessions.begin() as session:
            session.add_all(rows)

    async def save_week(
        self, week_start: date, publication: Publication, *, keep_from: date
    ) -> bool:
        """Keep ``publication`` as the week starting on ``week_start``, and delete every week
        before ``keep_from`` with its states, in one transaction.

        Returns:
            False, changing nothing, when that week is kept already: the first one published
            stays what everyone saw.
        """
        week = {
            "week_start": week_start, "as_of": publication.as_of, "made_at": self._clock(),
            "groups": json.dumps([_group_json(g) for g in publication.groups]),
        }  # fmt: skip
        states = [
            {
                "week_start": week_start, "user_key": key, "team_id": state.team_id,
                "acknowledged": state.acknowledged, "knowledge": state.knowledge,
                "cell": publication.cells[key], "held": key in publication.held,
            }
            for key, state in publication.states.items()
        ]  # fmt: skip
        async with self._db.sessions.begin() as session:
            for table in (tables.ReadinessWeekState, tables.ReadinessWeek):
                await session.execute(delete(table).where(table.week_start < keep_from))
            added = await session.execute(
                dialect_insert(self._db.dialect, tables.ReadinessWeek)
                .values(**week)
                .on_conflict_do_nothing(index_elements=["week_start"])
            )
            if not rowcount(added):
                return False
            if states:
                await session.execute(insert(tables.ReadinessWeekState), states)
        return True

    async def shown_weeks(self, since: date | None = None) -> ShownWeeks:
        """The organisation's units and the kept weeks from ``since`` on (all when None) as they
        are shown: two queries, never reading anyone's state or answers.

        Enough to show a published week and its trend; making a new week needs the states
        (:meth:`weeks`)."""
        unit, week = tables.OrgUnit, tables.ReadinessWeek
        units = select(unit.id, unit.kind, unit.name, unit.parent_id)
        weeks = select(week.week_start, week.as_of, week.groups).order_by(week.week_start)
        if since is not None:
            weeks = weeks.where(week.week_start >= since)
        async with self._db.reading() as connection:
            unit_rows = (await connection.execute(units)).all()
            week_rows = (await connection.execute(weeks)).all()
        return ShownWeeks(
            units=_units(unit_rows),
            weeks=tuple(
                ShownWeek(
                    row.week_start,
                    aware(row.as_of),
                    tuple(_group_of(g) for g in json.loads(row.groups)),
                )
                for row in week_rows
            ),
        )

    async def weeks(self, since: date | None = None) -> dict[date, Publication]:
        """The kept weeks from ``since`` on (all when None) by their first day, oldest first;
        two queries whatever their size."""
        week, state = tables.ReadinessWeek, tables.ReadinessWeekState
        weeks = select(week.week_start, week.as_of, week.groups).order_by(week.week_start)
        # Columns, not ORM objects: the states are one row per person and kept week.
        states = select(
            state.week_start, state.user_key, state.team_id, state.acknowledged,
            state.knowledge, state.cell, state.held,
        )  # fmt: skip
        if since is not None:
            weeks = weeks.where(week.week_start >= since)
            states = states.where(state.week_start >= since)
        async with self._db.sessions() as session, session.begin():
            week_rows = (await session.execute(weeks)).all()
            state_rows = (await session.execute(states)).all()
        by_week: dict[date, list[Any]] = {}
        for row in state_rows:
            by_week.setdefault(row.week_start, []).append(row)
        return {
            row.week_start: Publication(
                as_of=aware(row.as_of),
                groups=tuple(_group_of(g) for g in json.loads(row.groups)),
                states={
                    s.user_key: PersonState(s.team_id, s.acknowledged, s.knowledge)
                    for s in by_week.get(row.week_start, [])
                },
                cells={s.user_key: s.cell for s in by_week.get(row.week_start, [])},
                held=frozenset(s.user_key for s in by_week.get(row.week_start, []) if s.held),
            )
            for row in week_rows
        }


def _units(rows: Iterable[Any]) -> tuple[StoredUnit, ...]:
    return tuple(
        StoredUnit(u.id, u.kind, u.name, u.parent_id) for u in sorted(rows, key=lambda u: u.id)
    )


def _process_row(
    team_id: str, attested_by: str, at: datetime, attestation: ProcessAttestation
) -> tables.ProcessAttestationRow:
    return tables.ProcessAttestationRow(
        team_id=team_id, process_id=attestation.process_id, attested_on=attestation.attested_on,
        attested_at=at, attested_by=attested_by.strip().lower(), evidence=attestation.evidence,
        targets_known=attestation.targets_known, fallback_exists=attestation.fallback_exists,
        fallback_tested_on=attestation.fallback_tested_on,
    )  # fmt: skip


def _team_row(
    team_id: str,
    attested_by: str,
    at: datetime,
    attestation: TeamAttestation,
    printed_card_mark: str | None,
) -> tables.TeamAttestationRow:
    return tables.TeamAttestationRow(
        team_id=team_id, attested_on=attestation.attested_on, attested_at=at,
        attested_by=attested_by.strip().lower(), evidence=attestation.evidence,
        paper_contacts=attestation.paper_contacts, fallback_location=attestation.fallback_location,
        systems_list_updated_on=attestation.systems_list_updated_on,
        printed_card_version=attestation.printed_card_version, printed_card_mark=printed_card_mark,
    )  # fmt: skip


def _group_json(group: PublishedGroup) -> dict[str, Any]:
    return {
        "kind": group.kind, "id": group.id, "name": group.name, "parent": group.parent,
        "depth": group.depth, "figures": asdict(group.figures),
    }  # fmt: skip


def _group_of(value: dict[str, Any]) -> PublishedGroup:
    return PublishedGroup(
        value["kind"], value["id"], value["name"], value["parent"], value["depth"],
        Figures(**value["figures"]),
    )  # fmt: skip


def process_record(row: tables.ProcessAttestationRow) -> ProcessAttestationRecord:
    """A saved attestation per process as the rules take it."""
    return ProcessAttestationRecord(
        row.team_id,
        row.attested_by,
        aware(row.attested_at),
        ProcessAttestation(
            row.process_id,
            row.attested_on,
            row.evidence,
            row.targets_known,
            row.fallback_exists,
            row.fallback_tested_on,
        ),  # fmt: skip
    )


def team_record(row: tables.TeamAttestationRow) -> TeamAttestationRecord:
    """A saved attestation per team as the rules take it."""
    return TeamAttestationRecord(
        row.team_id,
        row.attested_by,
        aware(row.attested_at),
        TeamAttestation(
            row.attested_on,
            row.evidence,
            row.paper_contacts,
            row.fallback_location,
            row.systems_list_updated_on,
            row.printed_card_version,
        ),  # fmt: skip
        row.printed_card_mark,
    )
