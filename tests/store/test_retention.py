"""Retention on SQLite and PostgreSQL: old answers become counts per question and month, in
batches, never counted twice, even with two replicas at once or a crash between batches."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, insert, select

from readiness.rules.retention import QuestionMonth, StoredAnswer, retention_plan
from store import tables
from store.database import Database
from store.retention import RetentionRun, RetentionStore
from tests.readiness import seed

NOW = datetime(2026, 11, 28, 12, tzinfo=UTC)  # answers before 2025-10-24 12:00 UTC are old
OLD = datetime(2025, 10, 1, 10, tzinfo=UTC)


def clock() -> datetime:
    return NOW


async def count(database: Database, model: type[tables.Base]) -> int:
    async with database.reading() as connection:
        return int(await connection.scalar(select(func.count()).select_from(model)) or 0)


async def test_old_answers_become_counts_per_question_and_month(database: Database) -> None:
    await seed.answers(database, [
        ("p1", "q1", OLD, True, True),
        ("p2", "q1", OLD, False, True),
        ("p1", "q1", OLD + timedelta(days=3), True, False),
        # 23:30 UTC on 31 October is 00:30 on 1 November in Amsterdam
        ("p3", "q1", datetime(2024, 10, 31, 23, 30, tzinfo=UTC), True, True),
        ("p1", "q2", OLD, False, False),
        ("p4", "q1", NOW - timedelta(days=399), True, True),  # still kept
    ])  # fmt: skip
    store = RetentionStore(database, clock)
    assert await store.due() == RetentionRun(answers=5, rounds=0, reviews=0)
    assert await count(database, tables.Answer) == 6  # counting changed nothing

    assert (await store.apply()).answers == 5

    assert await store.totals() == [
        QuestionMonth("q1", "2024-11", 1, 1, 1, 1),
        QuestionMonth("q1", "2025-10", 3, 2, 2, 1),
        QuestionMonth("q2", "2025-10", 1, 0, 0, 0),
    ]
    async with database.reading() as connection:
        left = (await connection.execute(select(tables.Answer.user_key))).scalars().all()
    assert left == ["p4"]
    # A second run finds nothing; a later one adds to the counts already there.
    assert (await store.apply()).answers == 0
    await seed.answers(database, [("p5", "q1", OLD, True, True)])
    assert (await store.apply()).answers == 1
    assert QuestionMonth("q1", "2025-10", 4, 3, 3, 2) in await store.totals()


async def test_a_short_retention_is_refused_before_anything_changes(database: Database) -> None:
    await seed.answers(database, [("p1", "q1", OLD, True, True)])
    with pytest.raises(ValueError, match="kept at least"):
        await RetentionStore(database, clock).apply(keep_for=timedelta(days=30))
    assert await count(database, tables.Answer) == 1


async def test_a_crash_between_batches_loses_nothing_and_counts_nothing_twice(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed.answers(database, [(f"p{n}", "q1", OLD, n % 2 == 0, True) for n in range(10)])
    calls = 0

    def crash_in_the_second_batch(answers: Any, now: datetime, keep_for: timedelta) -> Any:
        nonlocal calls
        calls += 1
        if calls == 3:  # the first call only checks the retention, then batch by batch
            raise RuntimeError("the replica stopped")
        return retention_plan(answers, now, keep_for)

    monkeypatch.setattr("store.retention.retention_plan", crash_in_the_second_batch)
    store = RetentionStore(database, clock, batch=4)
    with pytest.raises(RuntimeError):
        await store.apply()
    assert await store.totals() == [QuestionMonth("q1", "2025-10", 4, 2, 4, 2)]
    assert await count(database, tables.Answer) == 6  # the failed batch deleted nothing

    monkeypatch.setattr("store.retention.retention_plan", retention_plan)
    assert (await store.apply()).answers == 6
    assert await store.totals() == [QuestionMonth("q1", "2025-10", 10, 5, 10, 5)]


def test_two_replicas_at_once_count_every_answer_once(database_url: str) -> None:
    answers = [
        (f"p{n}", f"q{n % 3}", OLD - timedelta(days=n % 70), n % 2 == 0, n % 5 != 0)
        for n in range(400)
    ]
    asyncio.run(_with(database_url, lambda db: seed.answers(db, answers)))
    start = threading.Barrier(2)
    done: list[int] = []

    def replica() -> None:
        async def run(database: Database) -> None:
            store = RetentionStore(database, clock, batch=7)
            start.wait()
            done.append((await store.apply()).answers)

        asyncio.run(_with(database_url, run))

    replicas = [threading.Thread(target=replica) for _ in range(2)]
    for thread in replicas:
        thread.start()
    for thread in replicas:
        thread.join(timeout=120)
    assert len(done) == 2 and sum(done) == len(answers)
    expected = retention_plan(
        (
            StoredAnswer(n, q, at, right, first)
            for n, (_, q, at, right, first) in enumerate(answers)
        ),
        NOW,
    )
    totals = asyncio.run(_with(database_url, lambda db: RetentionStore(db, clock).totals()))
    assert totals == list(expected.add)


async def test_old_quiz_rounds_and_unused_repetition_boxes_go(database: Database) -> None:
    async with database.sessions.begin() as session:
        await session.execute(insert(tables.QuizRound), [
            {"round_id": name, "user_key": "p1", "conversation_id": "c", "question_ids": "q1",
             "position": 1, "right": 1, "created_at": NOW - timedelta(days=days),
             "finished_at": None}
            for name, days in (("old", 31), ("recent", 29))
        ])  # fmt: skip
        await session.execute(insert(tables.Review), [
            {"user_key": "p1", "question_id": question, "box": 3, "due_at": NOW,
             "last_answered_at": NOW - timedelta(days=days)}
            for question, days in (("q-old", 401), ("q-recent", 300))
        ])  # fmt: skip
    store = RetentionStore(database, clock, batch=1)
    assert await store.due() == RetentionRun(answers=0, rounds=1, reviews=1)
    assert await store.apply() == RetentionRun(answers=0, rounds=1, reviews=1)
    async with database.reading() as connection:
        rounds = (await connection.execute(select(tables.QuizRound.round_id))).scalars().all()
        boxes = (await connection.execute(select(tables.Review.question_id))).scalars().all()
    assert rounds == ["recent"] and boxes == ["q-recent"]


async def test_a_run_asked_to_stop_leaves_the_rest_for_the_next(database: Database) -> None:
    await seed.answers(database, [(f"p{n}", "q1", OLD, True, True) for n in range(5)])
    batches = iter([True, False])
    store = RetentionStore(database, clock, batch=2)
    assert (await store.apply(keep_going=lambda: next(batches, False))).answers == 2
    assert await count(database, tables.Answer) == 3
    assert (await store.apply()).answers == 3


async def _with(url: str, work: Any) -> Any:
    database = Database(url)
    try:
        return await work(database)
    finally:
        await database.close()
