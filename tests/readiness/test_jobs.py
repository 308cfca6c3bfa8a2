"""The readiness jobs: the ended week is published once (and caught up at start), the
retention runs, and a failing job is one line in the log while the timers go on."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from content.loader import Library
from readiness.inputs import scenario_questions
from readiness.jobs import PUBLISH, RETENTION, ReadinessJobs, last_ended_week
from readiness.rules.publication import ZONE
from readiness.week import ReadinessFigures
from store.database import Database
from store.readiness import ReadinessStore
from store.retention import RetentionStore
from tests.readiness import seed
from tests.readiness.seed import at
from tests.support.waiting import until
from wiring.readiness import card_of

WEDNESDAY = at("2026-12-09", 12)  # the week of Monday 30 November has ended
MEMBERS = {f"ict{n}": "ict" for n in range(6)}


def clock() -> datetime:
    return WEDNESDAY


def jobs_on(database: Database, library: Library) -> ReadinessJobs:
    store = ReadinessStore(database, clock)
    figures = ReadinessFigures(store, library, card_of(library), clock=clock)
    return ReadinessJobs(
        figures, store, RetentionStore(database, clock), clock, catch_up_after=timedelta(0)
    )


async def seeded(database: Database, library: Library) -> None:
    units = [("publiek", "department", "Publiekszaken", None), ("ict", "team", "ICT", "publiek")]
    await seed.organisation(database, units, MEMBERS)
    question = sorted(scenario_questions(library))[0]
    await seed.answers(database, [(key, question, at("2026-11-20"), True, True) for key in MEMBERS])
    await seed.acknowledgements(
        database, [(key, "team-ict", 1, at("2026-11-10")) for key in MEMBERS]
    )


@pytest.mark.parametrize(
    ("now", "monday"),
    [
        (datetime(2026, 12, 6, 22, 59, tzinfo=UTC), date(2026, 11, 23)),  # Sunday 23:59 there
        (datetime(2026, 12, 6, 23, 0, tzinfo=UTC), date(2026, 11, 30)),  # Monday 00:00 there
        (WEDNESDAY, date(2026, 11, 30)),
        (datetime(2026, 3, 30, 0, 30, tzinfo=UTC), date(2026, 3, 23)),  # summer time
    ],
)
def test_the_week_that_ended_last_follows_amsterdam(now: datetime, monday: date) -> None:
    assert last_ended_week(now) == monday


async def test_the_ended_week_is_published_once(database: Database, bundled: Library) -> None:
    await seeded(database, bundled)
    jobs = jobs_on(database, bundled)
    assert await jobs.publish_ended_week() == date(2026, 11, 30)
    kept = await ReadinessStore(database).weeks()
    assert list(kept) == [date(2026, 11, 30)]
    assert kept[date(2026, 11, 30)].group("team", "ict", "publiek") is not None
    assert await jobs.publish_ended_week() is None  # kept already: nothing happens
    assert await ReadinessStore(database).weeks() == kept


async def test_start_catches_up_a_missed_monday_and_plans_the_next(
    database: Database, bundled: Library
) -> None:
    await seeded(database, bundled)
    store = ReadinessStore(database)
    jobs = jobs_on(database, bundled)
    await jobs.start()
    try:

        async def published() -> bool:
            return bool(await store.weeks())

        await until(published, 30)
        planned = {name: moment.astimezone(ZONE) for name, moment in jobs.planned().items()}
        assert (planned[PUBLISH].weekday(), planned[PUBLISH].hour, planned[PUBLISH].minute) == (
            0,
            0,
            30,
        )
        assert (planned[RETENTION].hour, planned[RETENTION].minute) == (3, 15)
        assert planned[RETENTION] - datetime.now(ZONE) <= timedelta(days=1)
    finally:
        await jobs.stop()
    assert list(await store.weeks()) == [date(2026, 11, 30)]


async def test_a_failing_job_is_one_line_and_the_timers_go_on(
    tmp_path: Path, bundled: Library, caplog: pytest.LogCaptureFixture
) -> None:
    broken = Database(f"sqlite+aiosqlite:///{tmp_path / 'not-migrated.db'}")
    jobs = jobs_on(broken, bundled)
    caplog.set_level(logging.INFO, logger="readiness.jobs")
    try:
        await jobs.start()

        def failed() -> bool:
            return any(r.levelno == logging.ERROR for r in caplog.records)

        await until(failed, 30)
        [error] = [r for r in caplog.records if r.levelno >= logging.WARNING]
        assert error.exc_info is None and "\n" not in error.getMessage()
        assert PUBLISH in error.getMessage() and "OperationalError" in error.getMessage()
        assert jobs.planned()[PUBLISH].astimezone(ZONE).weekday() == 0  # tried again on Monday
        assert RETENTION in jobs.planned()
    finally:
        await jobs.stop()
        await broken.close()


async def test_the_retention_logs_counts_never_whose(
    database: Database, bundled: Library, caplog: pytest.LogCaptureFixture
) -> None:
    old = WEDNESDAY - timedelta(days=401)
    await seed.answers(
        database, [("person-a", "q1", old, True, True), ("person-b", "q1", old, False, True)]
    )
    caplog.set_level(logging.INFO, logger="readiness.jobs")
    assert await jobs_on(database, bundled).apply_retention() == 2
    assert "2 answers" in caplog.text
    assert "person-" not in caplog.text and "q1" not in caplog.text
