"""The readiness roll-up benchmark (issue 10, point 8): the figures a manager's card needs, on a
seeded organisation of 2,000 staff with a year of answers, on SQLite and PostgreSQL.

Per database, in this process: migrate a fresh database, seed it (:mod:`bench.readiness_data`),
then publish the 14 weeks up to the last ended one in order, each as if asked right after it
ended (so the last ones are made against the full 13-week history), and measure:

- **roll-up**: ``week(last ended week)`` of that kept week, ``report_rows`` for one department
  and every row's trend: what the manager's card does;
- **first publication**: making and keeping the last ended week (the kept row is deleted before
  each repetition, its 13 weeks of history stay);
- **week under way**: making this week's figures (never kept).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import delete

from bench.readiness_data import (
    Organisation,
    Size,
    acknowledgements,
    answers,
    attestations,
    organisation,
    write,
)
from bench.stats import percentile
from content.loader import Library, load_library
from readiness.access import Asker
from readiness.inputs import scenario_questions
from readiness.report import report_rows
from readiness.rules.publication import ZONE, Publication, week_end
from readiness.week import TREND_WEEKS, ReadinessFigures, Week
from store import tables
from store.clock import Clock, utc_now
from store.database import Database
from store.migrate import upgrade
from store.readiness import ReadinessInputs, ReadinessStore, ShownWeeks
from testkit.postgres import (
    PostgresCluster,
    PostgresStartError,
    PostgresUnavailableError,
    postgres_server,
    unique_database_name,
)
from wiring.readiness import card_of

TARGET_MS = 100.0
"""The roll-up a manager's card needs, at most (median)."""
TREND = 8
"""Weeks of trend on the card (this one and the 7 before it)."""

_T = TypeVar("_T")


@dataclass(frozen=True)
class ReadinessOptions:
    """How much to measure."""

    size: Size = field(default_factory=Size)
    rollups: int = 30
    """Repetitions of the roll-up (after 3 unreported)."""
    makes: int = 3
    """Repetitions of the first publication and of the week under way."""


@dataclass(frozen=True)
class Timing:
    """Repetitions of one measurement, in milliseconds."""

    samples_ms: tuple[float, ...]

    @property
    def median_ms(self) -> float:
        """The median."""
        return statistics.median(self.samples_ms)

    @property
    def p95_ms(self) -> float:
        """The nearest-rank 95th percentile."""
        return percentile(sorted(self.samples_ms), 0.95)

    def as_json(self) -> dict[str, Any]:
        """Rounded for the JSON file."""
        return {
            "median_ms": round(self.median_ms, 2),
            "p95_ms": round(self.p95_ms, 2),
            "samples_ms": [round(s, 2) for s in self.samples_ms],
        }


@dataclass(frozen=True)
class DatabaseResult:
    """What one database measured.

    Attributes:
        database: ``sqlite`` or ``postgresql``.
        seed_seconds: Writing the organisation, answers, acknowledgements and attestations.
        answers: Rows in ``answers``.
        first_attempts: Of those, first attempts on scenario questions in the last ended week's
            knowledge window (what making a week reads).
        department: The department of the roll-up, with its rows and people.
        rows: Rows in its report.
        rollup: The card's roll-up, in total.
        rollup_week: Of that, ``week()`` alone.
        history: Per week published in order, in the order of :class:`Made`.
        first_publication: The last ended week made and kept, against the kept weeks.
        first_reading: Of that, reading the kept weeks and the inputs.
        first_rules: Of that, the rules.
        under_way: This week's figures.
    """

    database: str
    seed_seconds: float
    answers: int
    first_attempts: int
    department: str
    rows: int
    rollup: Timing
    rollup_week: Timing
    history: tuple[Made, ...]
    first_publication: Timing
    first_reading: Timing
    first_rules: Timing
    under_way: Timing

    def as_json(self) -> dict[str, Any]:
        """For ``results.json``."""
        plain = {k: v for k, v in asdict(self).items() if not isinstance(getattr(self, k), Timing)}
        timings = {k: v.as_json() for k, v in vars(self).items() if isinstance(v, Timing)}
        return plain | timings


@dataclass(frozen=True)
class ReadinessRun:
    """The readiness part of a run."""

    options: ReadinessOptions
    results: tuple[DatabaseResult, ...]
    postgres: str
    """The PostgreSQL server used, or why there was none."""
    seconds: float

    def as_json(self) -> dict[str, Any]:
        """For ``results.json``."""
        return {
            "options": asdict(self.options),
            "postgres": self.postgres,
            "seconds": round(self.seconds, 1),
            "databases": [r.as_json() for r in self.results],
        }


@dataclass(frozen=True)
class Made:
    """One week made and kept, and where its time went.

    Attributes:
        kept: The kept weeks it was checked against.
        total_ms: All of ``week()``.
        reading_ms: Reading: the kept weeks (with their states) and the inputs.
        keeping_ms: Writing the week and its states.
    """

    kept: int
    total_ms: float
    reading_ms: float
    keeping_ms: float

    @property
    def rules_ms(self) -> float:
        """The rest: the rules (the figures and the disclosure check over the history)."""
        return self.total_ms - self.reading_ms - self.keeping_ms


class _TimedStore(ReadinessStore):
    """The store, adding up the time spent reading and keeping."""

    def __init__(self, database: Database, clock: Clock) -> None:
        super().__init__(database, clock=clock)
        self.spent = {"reading": 0.0, "keeping": 0.0}

    @contextlib.contextmanager
    def _adding(self, part: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.spent[part] += (time.perf_counter() - started) * 1000

    async def shown_weeks(self, since: date | None = None) -> ShownWeeks:
        with self._adding("reading"):
            return await super().shown_weeks(since)

    async def weeks(self, since: date | None = None) -> dict[date, Publication]:
        with self._adding("reading"):
            return await super().weeks(since)

    async def inputs(self, *args: Any, **kwargs: Any) -> ReadinessInputs:
        with self._adding("reading"):
            return await super().inputs(*args, **kwargs)

    async def save_week(self, *args: Any, **kwargs: Any) -> bool:
        with self._adding("keeping"):
            return await super().save_week(*args, **kwargs)

    async def made(self, work: Awaitable[Week], kept: int) -> tuple[Made, Week]:
        """Make a week with ``work`` and say where the time went."""
        self.spent = {"reading": 0.0, "keeping": 0.0}
        ms, week = await _timed(lambda: work)
        return Made(kept, ms, self.spent["reading"], self.spent["keeping"]), week


class MovedClock:
    """A clock the benchmark sets (to publish past weeks as if just after they ended)."""

    def __init__(self) -> None:
        """Start at the real time."""
        self.now = utc_now()

    def __call__(self) -> datetime:
        """The time set."""
        return self.now


def monday(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Seeded:
    """A seeded database.

    Attributes:
        org: The organisation written.
        seconds: How long writing took.
        first_attempts: First attempts on scenario questions in the knowledge window of the
            last ended week.
        now: The moment the answers lead up to.
        last: The Monday of the last ended week.
    """

    org: Organisation
    seconds: float
    first_attempts: int
    now: datetime
    last: date


async def seed(database: Database, library: Library, size: Size, name: str) -> Seeded:
    """Draw the organisation and a year of answers up to now and write them into the migrated,
    empty ``database``."""
    now = utc_now()
    org = organisation(library, size)
    print(f"  {name}: drawing {size.answers:,} answers", flush=True)
    answer_rows = answers(library, list(org.members), size.answers, now)
    processes, teams = attestations(org, library, now)
    started = time.perf_counter()
    await write(database, org, answer_rows, acknowledgements(org, library, now), processes, teams)
    seconds = time.perf_counter() - started
    print(f"  {name}: seeded in {seconds:.1f} s", flush=True)
    last = monday(now.astimezone(ZONE).date()) - timedelta(weeks=1)
    window = week_end(last) - timedelta(days=365)
    scenario = scenario_questions(library)
    first_attempts = sum(
        1 for r in answer_rows if r[7] and r[1] in scenario and window <= r[8] < week_end(last)
    )
    del answer_rows
    gc.collect()  # the million drawn rows are gone: their collection is not the figures' cost
    return Seeded(org, seconds, first_attempts, now, last)


async def measure(
    database: Database, library: Library, options: ReadinessOptions, name: str
) -> DatabaseResult:
    """Seed the migrated, empty ``database``, publish the history and measure."""
    seeded = await seed(database, library, options.size, name)
    org, now, last = seeded.org, seeded.now, seeded.last
    clock = MovedClock()
    store = _TimedStore(database, clock=clock)
    figures = ReadinessFigures(store, library, card_of(library), clock=clock)

    history: list[Made] = []
    for back in range(TREND_WEEKS, -1, -1):
        week_of = last - timedelta(weeks=back)
        clock.now = week_end(week_of) + timedelta(hours=1)
        kept = len((await store.shown_weeks(since=week_of - timedelta(weeks=TREND_WEEKS))).weeks)
        made, week = await store.made(figures.week(week_of), kept)
        assert week.final, week_of
        history.append(made)
        print(
            f"  {name}: published {week_of} against {kept} kept weeks: {made.total_ms:.0f} ms "
            f"(reading {made.reading_ms:.0f} ms, rules {made.rules_ms:.0f} ms)",
            flush=True,
        )

    clock.now = now
    first = []
    for _ in range(options.makes):
        await _forget(database, last)
        made, week = await store.made(figures.week(last), TREND_WEEKS)
        assert week.final and len(week.earlier) >= TREND_WEEKS - 1, len(week.earlier)
        first.append(made)
    print(f"  {name}: first publication {statistics.median(m.total_ms for m in first):.0f} ms")

    under_way = []
    for _ in range(options.makes):
        ms, week = await _timed(lambda: figures.week(now.astimezone(ZONE).date()))
        assert not week.final
        under_way.append(ms)
    print(f"  {name}: week under way {statistics.median(under_way):.0f} ms", flush=True)

    asker = Asker(manages=frozenset({org.managed}))
    rollups, weeks_only, rows = [], [], 0
    for repetition in range(options.rollups + 3):
        started = time.perf_counter()
        week = await figures.week(last)
        read = time.perf_counter()
        report = report_rows(week, asker, org.managed)
        trends = [week.trend(row.kind, row.id, row.parent, TREND - 1) for row in report]
        done = time.perf_counter()
        assert week.final and len(trends) == len(report) and report[0].shown
        if repetition >= 3:
            rollups.append((done - started) * 1000)
            weeks_only.append((read - started) * 1000)
        rows = len(report)
    print(f"  {name}: roll-up {statistics.median(rollups):.1f} ms", flush=True)
    return DatabaseResult(
        database=name,
        seed_seconds=seeded.seconds,
        answers=options.size.answers,
        first_attempts=seeded.first_attempts,
        department=org.managed,
        rows=rows,
        rollup=Timing(tuple(rollups)),
        rollup_week=Timing(tuple(weeks_only)),
        history=tuple(history),
        first_publication=Timing(tuple(m.total_ms for m in first)),
        first_reading=Timing(tuple(m.reading_ms for m in first)),
        first_rules=Timing(tuple(m.rules_ms for m in first)),
        under_way=Timing(tuple(under_way)),
    )


async def _timed(work: Callable[[], Awaitable[_T]]) -> tuple[float, _T]:
    started = time.perf_counter()
    result = await work()
    return (time.perf_counter() - started) * 1000, result


async def _forget(database: Database, week_start: date) -> None:
    """Delete a kept week with its states, so it is published again."""
    async with database.sessions.begin() as session:
        for table in (tables.ReadinessWeekState, tables.ReadinessWeek):
            await session.execute(delete(table).where(table.week_start == week_start))


async def _on(url: str, library: Library, options: ReadinessOptions, name: str) -> DatabaseResult:
    await asyncio.to_thread(upgrade, url)
    database = Database(url)
    try:
        return await measure(database, library, options, name)
    finally:
        await database.close()


@contextlib.contextmanager
def _postgres() -> Iterator[tuple[str | None, str]]:
    """A fresh PostgreSQL database's URL and how it was had; None (and why) without one."""
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(postgres_server())
        except (PostgresUnavailableError, PostgresStartError) as error:
            yield None, f"not measured ({error})"
            return
        name = unique_database_name("paraat_readiness")
        how = (
            "a throwaway local cluster (`testkit/postgres.py`, tuned as for tests)"
            if isinstance(server, PostgresCluster)
            else "the server named by `PARAAT_TEST_POSTGRES_URL`"
        )
        yield server.create_database(name), how


def run_readiness(options: ReadinessOptions) -> ReadinessRun:
    """Measure on SQLite (a file in a temporary folder) and on PostgreSQL when there is one."""
    library = load_library()
    started = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="paraat-readiness-") as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'paraat.db'}"
        print("Readiness roll-up on SQLite", flush=True)
        results.append(asyncio.run(_on(url, library, options, "sqlite")))
    with _postgres() as (pg_url, postgres):
        if pg_url is not None:
            print("Readiness roll-up on PostgreSQL", flush=True)
            results.append(asyncio.run(_on(pg_url, library, options, "postgresql")))
    return ReadinessRun(options, tuple(results), postgres, time.perf_counter() - started)
