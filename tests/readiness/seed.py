"""Rows for readiness tests, written straight into the tables (in bulk, for large cases)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from itertools import count

from sqlalchemy import insert

from store import tables
from store.database import Database

_ROUNDS = count(1)


def at(day: str, hour: int = 10) -> datetime:
    """10:00 UTC on ``day`` (YYYY-MM-DD)."""
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


async def organisation(
    database: Database,
    units: Iterable[tuple[str, str, str, str | None]],
    members: Mapping[str, str],
    managers: Iterable[tuple[str, str]] = (),
) -> None:
    """Store an imported organisation: units as (id, kind, name, parent), members by key."""
    async with database.sessions.begin() as session:
        await session.execute(
            insert(tables.OrgUnit),
            [{"id": i, "kind": k, "name": n, "parent_id": p} for i, k, n, p in units],
        )
        if members:
            await session.execute(
                insert(tables.OrgMember),
                [{"person_key": key, "team_id": team, "by_upn": False}
                 for key, team in members.items()],
            )  # fmt: skip
        rows = [{"object_id": o, "unit_id": u} for o, u in managers]
        if rows:
            await session.execute(insert(tables.OrgManager), rows)


async def choices(database: Database, teams: Mapping[str, str | None]) -> None:
    """Users who chose a team (None: only a language)."""
    now = at("2026-01-01")
    async with database.sessions.begin() as session:
        await session.execute(
            insert(tables.User),
            [{"user_key": key, "language": "nl", "team_id": team, "created_at": now,
              "updated_at": now} for key, team in teams.items()],
        )  # fmt: skip


async def answers(
    database: Database, rows: Iterable[tuple[str, str, datetime, bool, bool]]
) -> None:
    """Answers as (user key, question, time, correct, first attempt), each in its own round."""
    values = [
        {"user_key": key, "question_id": question, "question_version": 1,
         "round_id": f"r{next(_ROUNDS)}", "channel_quiz_id": None, "chosen": "a",
         "correct": correct, "first_attempt": first, "answered_at": moment}
        for key, question, moment, correct, first in rows
    ]  # fmt: skip
    if values:
        async with database.sessions.begin() as session:
            await session.execute(insert(tables.Answer), values)


async def acknowledgements(
    database: Database, rows: Iterable[tuple[str, str, int, datetime]]
) -> None:
    """Briefings read, as (user key, briefing, version, time)."""
    values = [
        {"user_key": key, "briefing_id": briefing, "version": version, "read_at": moment}
        for key, briefing, version, moment in rows
    ]
    if values:
        async with database.sessions.begin() as session:
            await session.execute(insert(tables.Acknowledgement), values)
