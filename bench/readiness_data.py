"""The organisation of the readiness benchmark: 2,000 staff in 150 teams in nested departments,
a year of answers (1,000,000 by default), acknowledgements and attestations, written fast.

Everything is drawn from one seeded random generator, so every run (and both databases) gets the
same organisation and the same answers. The units and members are stored as ``paraat org
import`` stores them (``org_units``, ``org_members``); answers are first attempts on the bundled
library's questions, spread over the year before ``now``, and repeats of them later on. The
answers are written with one ``executemany`` per 100,000 rows on SQLite and with ``COPY`` on
PostgreSQL; the small tables through SQLAlchemy.
"""

from __future__ import annotations

import contextlib
import hashlib
import random
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import insert
from sqlalchemy.engine import make_url

from content.loader import Library
from readiness.inputs import process_ids
from store import tables
from store.database import Database

SEED = 20261128
BATCH = 100_000
ANSWER_COLUMNS = (
    "user_key", "question_id", "question_version", "round_id", "channel_quiz_id", "chosen",
    "correct", "first_attempt", "answered_at",
)  # fmt: skip


@dataclass(frozen=True)
class Size:
    """How big the organisation is."""

    people: int = 2000
    teams: int = 150
    answers: int = 1_000_000


@dataclass(frozen=True)
class Organisation:
    """The drawn organisation, before it is written.

    Attributes:
        units: (id, kind, name, parent) of every department and team.
        members: Each person's team, by user key.
        managed: The department the benchmark's manager manages (a middle one, with
            sub-departments and teams).
    """

    units: tuple[tuple[str, str, str, str | None], ...]
    members: dict[str, str]
    managed: str

    @property
    def team_ids(self) -> list[str]:
        """Every team's id."""
        return [unit_id for unit_id, kind, _, _ in self.units if kind == "team"]


def organisation(library: Library, size: Size) -> Organisation:
    """Four domains, each with three to five departments, some of those with two sections;
    the teams spread over them, the library's own teams first (they have profiles and cards);
    people over the teams unevenly (some teams too small to show on their own)."""
    rng = random.Random(SEED)
    units: list[tuple[str, str, str, str | None]] = []
    holders: list[str] = []
    for d in range(1, 5):
        domain = f"domein-{d}"
        units.append((domain, "department", f"Domein {d}", None))
        for a in range(1, rng.randint(3, 5) + 1):
            department = f"afdeling-{d}-{a}"
            units.append((department, "department", f"Afdeling {d}.{a}", domain))
            holders.append(department)
            if rng.random() < 0.4:
                for s in (1, 2):
                    section = f"sectie-{d}-{a}-{s}"
                    units.append((section, "department", f"Sectie {d}.{a}.{s}", department))
                    holders.append(section)
    team_ids = [(t, t.replace("-", " ").capitalize()) for t in sorted(library["nl"].teams)]
    team_ids = team_ids[: size.teams]
    team_ids += [(f"team-{n:03}", f"Team {n:03}") for n in range(len(team_ids) + 1, size.teams + 1)]
    for number, (team_id, name) in enumerate(team_ids):
        units.append((team_id, "team", name, holders[number % len(holders)]))
    weights = [rng.gammavariate(1.5, 1.0) for _ in team_ids]
    chosen = rng.choices([t for t, _ in team_ids], weights=weights, k=size.people)
    members = {person_key(n): team for n, team in enumerate(chosen)}
    managed = next(h for h in holders if any(u[3] == h and u[1] == "department" for u in units))
    return Organisation(tuple(units), members, managed)


def person_key(number: int) -> str:
    """A user key shaped like the bot's (a 64-character hash)."""
    return hashlib.sha256(f"bench-person-{number}".encode()).hexdigest()


def answers(
    library: Library, people: Sequence[str], total: int, now: datetime
) -> list[tuple[Any, ...]]:
    """``total`` answers as rows of :data:`ANSWER_COLUMNS`: each person's first attempts on
    some of the library's questions over the year before ``now``, then repeats of those.

    One in ten people never answers; the others answer between a tenth and all of the questions
    once (first attempts), and the rest of ``total`` are repeats, shared out by how active each
    person is."""
    rng = random.Random(SEED + 1)
    questions = sorted(library["nl"].questions)
    year = timedelta(days=365).total_seconds()
    activity = [0.0 if rng.random() < 0.1 else rng.uniform(0.1, 1.0) for _ in people]
    firsts: list[list[tuple[str, datetime]]] = []
    for share in activity:
        asked = rng.sample(questions, round(share * len(questions)))
        firsts.append([(q, now - timedelta(seconds=rng.uniform(0, year))) for q in asked])
    repeats = max(0, total - sum(len(f) for f in firsts))
    weight = sum(activity) or 1.0
    rows: list[tuple[Any, ...]] = []
    for number, (key, share, first) in enumerate(zip(people, activity, firsts, strict=True)):
        skill = rng.uniform(0.5, 0.95)
        made = [(q, at, True) for q, at in first]
        for _ in range(round(repeats * share / weight) if first else 0):
            question, at = rng.choice(first)
            made.append((question, at + (now - at) * rng.random(), False))
        for index, (question, at, is_first) in enumerate(made):
            rows.append((
                key, question, 1, f"{number:04x}{index:06x}", None, "a",
                rng.random() < skill, is_first, at,
            ))  # fmt: skip
    return _exactly(rows, total, rng, now)


def _exactly(
    rows: list[tuple[Any, ...]], total: int, rng: random.Random, now: datetime
) -> list[tuple[Any, ...]]:
    """Trim or top up the repeats so there are exactly ``total`` (rounding leaves a few over or
    under)."""
    if len(rows) > total:
        return rows[:total]
    extra = [
        (row[0], row[1], 1, f"x{n:09x}", None, "a", rng.random() < 0.7, False,
         now - timedelta(hours=n % 8000))
        for n, row in enumerate(rng.choices(rows, k=total - len(rows)))
    ]  # fmt: skip
    return rows + extra


def acknowledgements(org: Organisation, library: Library, now: datetime) -> list[dict[str, Any]]:
    """Most people read their team's core briefing (some two versions), many a scenario
    briefing too."""
    rng = random.Random(SEED + 2)
    briefings = sorted(b for b in library["nl"].briefings if not b.startswith("team-"))
    rows: list[dict[str, Any]] = []
    for key, team in org.members.items():
        if rng.random() < 0.8:
            first = now - timedelta(days=rng.uniform(0, 365))
            rows.append(_ack(key, f"team-{team}", 1, first))
            if rng.random() < 0.3:
                rows.append(_ack(key, f"team-{team}", 2, first + (now - first) * rng.random()))
        for briefing in rng.sample(briefings, rng.randint(0, min(3, len(briefings)))):
            rows.append(_ack(key, briefing, 1, now - timedelta(days=rng.uniform(0, 365))))
    return rows


def _ack(key: str, briefing: str, version: int, at: datetime) -> dict[str, Any]:
    return {"user_key": key, "briefing_id": briefing, "version": version, "read_at": at}


def attestations(
    org: Organisation, library: Library, now: datetime
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Attestations for the library's teams (every process, some twice) and for one in five
    other teams (the team as a whole)."""
    rng = random.Random(SEED + 3)
    profiles = library["nl"].teams
    processes: list[dict[str, Any]] = []
    teams: list[dict[str, Any]] = []
    for team in org.team_ids:
        profile = profiles.get(team)
        if profile is None and rng.random() >= 0.2:
            continue
        for process in process_ids(profile) if profile else ():
            for _ in range(rng.randint(1, 2)):
                processes.append({
                    "team_id": team, "process_id": process, "attested_on": _day(rng, now),
                    "attested_at": now - timedelta(days=rng.uniform(0, 300)),
                    "attested_by": "bench-manager", "evidence": "Draaiboek op de teamsite",
                    "targets_known": rng.random() < 0.8, "fallback_exists": rng.random() < 0.7,
                    "fallback_tested_on": _day(rng, now) if rng.random() < 0.5 else None,
                })  # fmt: skip
        teams.append({
            "team_id": team, "attested_on": _day(rng, now),
            "attested_at": now - timedelta(days=rng.uniform(0, 300)),
            "attested_by": "bench-manager", "evidence": "Map noodprocedures",
            "paper_contacts": rng.random() < 0.8, "fallback_location": rng.random() < 0.6,
            "systems_list_updated_on": _day(rng, now), "printed_card_version": None,
            "printed_card_mark": None,
        })  # fmt: skip
    return processes, teams


def _day(rng: random.Random, now: datetime) -> date:
    return (now - timedelta(days=rng.uniform(0, 300))).date()


async def write(
    database: Database,
    org: Organisation,
    answer_rows: Sequence[tuple[Any, ...]],
    acks: Sequence[dict[str, Any]],
    process_rows: Sequence[dict[str, Any]],
    team_rows: Sequence[dict[str, Any]],
) -> None:
    """Write everything into the (migrated, empty) database: the answers in bulk, the rest
    through SQLAlchemy in one transaction."""
    async with database.sessions.begin() as session:
        await session.execute(
            insert(tables.OrgUnit),
            [{"id": i, "kind": k, "name": n, "parent_id": p} for i, k, n, p in org.units],
        )
        await session.execute(
            insert(tables.OrgMember),
            [{"person_key": key, "team_id": team, "by_upn": False}
             for key, team in org.members.items()],
        )  # fmt: skip
        for table, rows in (
            (tables.Acknowledgement, acks),
            (tables.ProcessAttestationRow, process_rows),
            (tables.TeamAttestationRow, team_rows),
        ):
            if rows:
                await session.execute(insert(table), list(rows))
    if database.dialect == "sqlite":
        _write_sqlite(database.url, answer_rows)
    else:
        await _copy_postgres(database.url, answer_rows)


def _write_sqlite(url: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """``executemany`` in batches, with values as SQLAlchemy stores them on SQLite (times as
    UTC text, booleans as 0 and 1)."""
    path = make_url(url).database
    assert path, url
    marks = ", ".join("?" for _ in ANSWER_COLUMNS)
    sql = f"INSERT INTO answers ({', '.join(ANSWER_COLUMNS)}) VALUES ({marks})"
    with contextlib.closing(sqlite3.connect(path)) as connection:
        for batch in _batches(rows):
            connection.executemany(
                sql, [(*row[:6], int(row[6]), int(row[7]), _sqlite_time(row[8])) for row in batch]
            )
            connection.commit()


def _sqlite_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


async def _copy_postgres(url: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """``COPY`` in batches through asyncpg; then ``ANALYZE``, as autovacuum would after a load
    this size."""
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    connection = await asyncpg.connect(dsn)
    try:
        for batch in _batches(rows):
            await connection.copy_records_to_table("answers", records=batch, columns=ANSWER_COLUMNS)
        await connection.execute("ANALYZE")
    finally:
        await connection.close()


def _batches(rows: Sequence[tuple[Any, ...]]) -> Iterator[Sequence[tuple[Any, ...]]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]
