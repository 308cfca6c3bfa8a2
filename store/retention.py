"""Retention: old answers become counts per question and month; old rounds and boxes go.

Answers older than the retention are deleted and their counts added to ``question_totals``
(``readiness.rules.retention`` does the arithmetic), in batches: each batch is one transaction
that deletes its answers and adds exactly what it deleted (``DELETE … RETURNING``), so a crash
between batches loses nothing, and two replicas running at once never count an answer twice (on
PostgreSQL they skip each other's locked rows; SQLite has one writer at a time). Quiz rounds
older than 30 days and repetition boxes not answered within the retention are deleted too.
Nothing here names a person; the callers log counts only (docs/privacy.md, "Retention").
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from sqlalchemy import ColumnElement, Table, delete, func, select, tuple_

from readiness.rules.retention import RETENTION, QuestionMonth, StoredAnswer, retention_plan
from store import tables
from store.clock import Clock, aware, utc_now
from store.database import Database
from store.sql import rowcount, table
from store.upsert import dialect_insert

ROUNDS_KEPT: Final = timedelta(days=30)
"""Quiz rounds are kept this long from their start (docs/privacy.md)."""

BATCH: Final = 10_000
"""Rows per transaction: a first run on a large table holds no lock for long."""

_COUNTS = ("answered", "right", "first_attempts", "right_first_time")
_ANSWERS = table(tables.Answer)
_ROUNDS = table(tables.QuizRound)
_REVIEWS = table(tables.Review)
_TOTALS = table(tables.QuestionTotal)


@dataclass(frozen=True)
class RetentionRun:
    """What a run did (or, for :meth:`RetentionStore.due`, would do): counts only.

    Attributes:
        answers: Answers added to the question totals and deleted.
        rounds: Quiz rounds deleted.
        reviews: Repetition boxes deleted.
    """

    answers: int
    rounds: int
    reviews: int


class RetentionStore:
    """Applies the retention to the answers, quiz rounds and repetition boxes."""

    def __init__(self, database: Database, clock: Clock = utc_now, *, batch: int = BATCH) -> None:
        """Use ``database``; ``clock`` says what "older than" is measured from; ``batch`` rows
        per transaction."""
        self._db = database
        self._clock = clock
        self._batch = batch

    async def due(self, keep_for: timedelta = RETENTION) -> RetentionRun:
        """How many answers, rounds and boxes a run now would aggregate or delete."""
        answers, rounds, reviews = _cutoffs(self._clock(), keep_for)
        async with self._db.reading() as connection:
            counts = [
                int(await connection.scalar(select(func.count()).where(older)) or 0)
                for older in (answers, rounds, reviews)
            ]
        return RetentionRun(*counts)

    async def apply(
        self, keep_for: timedelta = RETENTION, *, keep_going: Callable[[], bool] = lambda: True
    ) -> RetentionRun:
        """Aggregate and delete the answers older than ``keep_for``; delete the rounds older
        than :data:`ROUNDS_KEPT` and the boxes not answered within ``keep_for``; batch by batch.

        Args:
            keep_for: How long answers are kept.
            keep_going: Asked before each batch; False stops after the batch under way (what is
                left is done by the next run).

        Raises:
            ValueError: when ``keep_for`` is shorter than the knowledge window (before anything
                is touched).
        """
        now = self._clock()
        retention_plan((), now, keep_for)  # refuses a retention that would change figures
        answers, rounds, reviews = _cutoffs(now, keep_for)
        aggregated = 0
        while keep_going() and (done := await self._aggregate_batch(answers, now, keep_for)):
            aggregated += done
            await asyncio.sleep(0)  # SQLite runs on the event loop: let the turns in between
        deleted_rounds = await self._delete(_ROUNDS, (_ROUNDS.c.round_id,), rounds, keep_going)
        deleted_reviews = await self._delete(
            _REVIEWS, (_REVIEWS.c.user_key, _REVIEWS.c.question_id), reviews, keep_going
        )
        return RetentionRun(aggregated, deleted_rounds, deleted_reviews)

    async def totals(self) -> list[QuestionMonth]:
        """Every question's totals per month, by question and month."""
        query = select(_TOTALS).order_by(_TOTALS.c.question_id, _TOTALS.c.month)
        async with self._db.reading() as connection:
            rows = (await connection.execute(query)).all()
        return [QuestionMonth(**row._asdict()) for row in rows]

    async def _aggregate_batch(
        self, older: ColumnElement[bool], now: datetime, keep_for: timedelta
    ) -> int:
        """One transaction: delete a batch of old answers and add what it deleted."""
        # SKIP LOCKED: a replica running at the same moment takes other rows (SQLite ignores it
        # and lets one writer at a time). RETURNING: only what this statement deleted is added.
        batch = select(_ANSWERS.c.id).where(older).limit(self._batch)
        statement = (
            delete(_ANSWERS)
            .where(_ANSWERS.c.id.in_(batch.with_for_update(skip_locked=True)))
            .returning(
                _ANSWERS.c.id, _ANSWERS.c.question_id, _ANSWERS.c.answered_at,
                _ANSWERS.c.correct, _ANSWERS.c.first_attempt,
            )
        )  # fmt: skip
        async with self._db.transaction() as connection:
            deleted = [
                StoredAnswer(row.id, row.question_id, aware(row.answered_at), bool(row.correct),
                             bool(row.first_attempt))
                for row in await connection.execute(statement)
            ]  # fmt: skip
            if not deleted:
                return 0
            plan = retention_plan(deleted, now, keep_for)
            if len(plan.delete) != len(deleted):  # the same cut-off on both sides: never
                raise RuntimeError("the retention plan disagrees with the answers deleted")
            upsert = dialect_insert(self._db.dialect, tables.QuestionTotal)
            upsert = upsert.on_conflict_do_update(
                index_elements=["question_id", "month"],
                set_={c: _TOTALS.c[c] + upsert.excluded[c] for c in _COUNTS},
            )
            # The plan's keys are sorted, so replicas lock the same totals in the same order.
            await connection.execute(upsert, [asdict(counts) for counts in plan.add])
        return len(deleted)

    async def _delete(
        self,
        into: Table,
        key: tuple[ColumnElement[object], ...],
        older: ColumnElement[bool],
        keep_going: Callable[[], bool],
    ) -> int:
        """Delete the rows matching ``older``, a batch per transaction."""
        batch = select(*key).where(older).limit(self._batch)
        target = key[0] if len(key) == 1 else tuple_(*key)
        statement = delete(into).where(target.in_(batch))
        deleted = 0
        while keep_going():
            async with self._db.transaction() as connection:
                done = rowcount(await connection.execute(statement))
            deleted += done
            if done < self._batch:
                break
            await asyncio.sleep(0)
        return deleted


def _cutoffs(
    now: datetime, keep_for: timedelta
) -> tuple[ColumnElement[bool], ColumnElement[bool], ColumnElement[bool]]:
    """Which answers, rounds and boxes are old at ``now`` (stored times are UTC)."""
    now = now.astimezone(UTC)
    return (
        _ANSWERS.c.answered_at < now - keep_for,
        _ROUNDS.c.created_at < now - ROUNDS_KEPT,
        _REVIEWS.c.last_answered_at < now - keep_for,
    )
