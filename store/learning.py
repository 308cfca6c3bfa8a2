"""What each person learned: quiz rounds and answers, repetition, briefings read, checklist ticks.

Everything is keyed by the user key (a keyed hash), never by a name or an Entra id.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from learning.leitner import Review
from store import tables
from store.conversations import utc_now
from store.database import Database
from store.upsert import dialect_insert, upsert


def aware(moment: datetime) -> datetime:
    """A stored time as UTC (SQLite gives back naive times)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class QuizRound:
    """A round: its questions, how many are answered (``position``) and how many were right."""

    round_id: str
    user_key: str
    conversation_id: str
    question_ids: tuple[str, ...]
    position: int
    right: int
    finished: bool

    @property
    def current(self) -> str | None:
        """The question waiting for an answer, or None when the round is done."""
        return self.question_ids[self.position] if self.position < len(self.question_ids) else None


@dataclass(frozen=True)
class RecordedAnswer:
    """An answer as stored."""

    question_id: str
    chosen: tuple[str, ...]
    correct: bool
    first_attempt: bool


class LearningStore:
    """Reads and writes one person's learning. Each change is one transaction."""

    def __init__(self, database: Database, clock: Callable[[], datetime] = utc_now) -> None:
        """Use ``database``; ``clock`` gives the time stamps."""
        self._db = database
        self._clock = clock

    async def start_round(
        self, round_id: str, user_key: str, conversation_id: str, question_ids: Iterable[str]
    ) -> QuizRound:
        """Store a new round."""
        ids = tuple(question_ids)
        async with self._db.sessions.begin() as session:
            session.add(
                tables.QuizRound(
                    round_id=round_id, user_key=user_key, conversation_id=conversation_id,
                    question_ids=json.dumps(ids), position=0, right=0,
                    created_at=self._clock(), finished_at=None,
                )
            )  # fmt: skip
        return QuizRound(round_id, user_key, conversation_id, ids, 0, 0, False)

    async def round(self, round_id: str) -> QuizRound | None:
        """The round with this id, or None."""
        async with self._db.sessions() as session:
            row = await session.get(tables.QuizRound, round_id)
        if row is None:
            return None
        return QuizRound(
            row.round_id, row.user_key, row.conversation_id, tuple(json.loads(row.question_ids)),
            row.position, row.right, row.finished_at is not None,
        )  # fmt: skip

    async def record_answer(
        self,
        quiz_round: QuizRound,
        question_id: str,
        version: int,
        chosen: tuple[str, ...],
        correct: bool,
        review: Review,
    ) -> bool:
        """Record the answer to the round's current question and move the round on.

        Returns False, changing nothing, when the round already moved on (a second click on the
        same card, or a race between two): a double click counts once.
        """
        now = self._clock()
        last = quiz_round.position + 1 >= len(quiz_round.question_ids)
        async with self._db.sessions.begin() as session:
            moved = await session.execute(
                update(tables.QuizRound)
                .where(
                    tables.QuizRound.round_id == quiz_round.round_id,
                    tables.QuizRound.position == quiz_round.position,
                )
                .values(
                    position=quiz_round.position + 1,
                    right=tables.QuizRound.right + int(correct),
                    finished_at=now if last else None,
                )
            )
            if not moved.rowcount:  # type: ignore[attr-defined]
                return False
            await self._insert_answer(
                session, quiz_round.user_key, quiz_round.round_id, question_id, version,
                chosen, correct, now,
            )  # fmt: skip
            await self._save_review(session, quiz_round.user_key, review)
        return True

    async def record_channel_answer(
        self,
        quiz_id: str,
        user_key: str,
        question_id: str,
        version: int,
        chosen: tuple[str, ...],
        correct: bool,
        review: Review,
    ) -> bool:
        """One answer per person to a channel quiz; False (nothing changed) for a second one."""
        now = self._clock()
        async with self._db.sessions.begin() as session:
            if not await self._insert_answer(
                session, user_key, quiz_id, question_id, version, chosen, correct, now
            ):
                return False
            await self._save_review(session, user_key, review)
        return True

    async def _insert_answer(
        self, session: AsyncSession, user_key: str, round_id: str, question_id: str, version: int,
        chosen: tuple[str, ...], correct: bool, now: datetime,
    ) -> bool:  # fmt: skip
        """Insert one answer; False when this person answered it in this round already."""
        first = not await self._answered_before(session, user_key, question_id)
        statement = (
            dialect_insert(self._db.dialect, tables.Answer.__table__)  # type: ignore[arg-type]
            .values(
                user_key=user_key, question_id=question_id, question_version=version,
                round_id=round_id, chosen=",".join(chosen), correct=correct,
                first_attempt=first, answered_at=now,
            )
            .on_conflict_do_nothing(index_elements=["round_id", "user_key", "question_id"])
        )  # fmt: skip
        return bool((await session.execute(statement)).rowcount)  # type: ignore[attr-defined]

    @staticmethod
    async def _answered_before(session: AsyncSession, user_key: str, question_id: str) -> bool:
        query = select(
            exists().where(
                tables.Answer.user_key == user_key, tables.Answer.question_id == question_id
            )
        )
        return bool(await session.scalar(query))

    async def _save_review(self, session: AsyncSession, user_key: str, review: Review) -> None:
        values = {
            "user_key": user_key,
            "question_id": review.question_id,
            "box": review.box,
            "due_at": review.due_at,
            "last_answered_at": review.last_answered_at,
        }
        await session.execute(
            upsert(
                self._db.dialect,
                tables.Review.__table__,  # type: ignore[arg-type]
                values,
                key=["user_key", "question_id"],
                update=["box", "due_at", "last_answered_at"],
            )
        )

    async def answers_in_round(self, round_id: str, user_key: str) -> list[RecordedAnswer]:
        """The user's answers in a round (or channel quiz), in the order given."""
        query = (
            select(tables.Answer)
            .where(tables.Answer.round_id == round_id, tables.Answer.user_key == user_key)
            .order_by(tables.Answer.id)
        )
        async with self._db.sessions() as session:
            rows = (await session.scalars(query)).all()
        return [
            RecordedAnswer(r.question_id, tuple(r.chosen.split(",")), r.correct, r.first_attempt)
            for r in rows
        ]

    async def channel_counts(self, quiz_id: str) -> dict[str, int]:
        """How often each option was chosen in a channel quiz (no names)."""
        query = select(tables.Answer.chosen).where(tables.Answer.round_id == quiz_id)
        counts: dict[str, int] = {}
        async with self._db.sessions() as session:
            for chosen in (await session.scalars(query)).all():
                for option in chosen.split(","):
                    counts[option] = counts.get(option, 0) + 1
        return counts

    async def channel_respondents(self, quiz_id: str) -> int:
        """How many people answered a channel quiz."""
        query = select(func.count()).where(tables.Answer.round_id == quiz_id)
        async with self._db.sessions() as session:
            return int(await session.scalar(query) or 0)

    async def reviews(self, user_key: str) -> dict[str, Review]:
        """The user's repetition state per question."""
        query = select(tables.Review).where(tables.Review.user_key == user_key)
        async with self._db.sessions() as session:
            rows = (await session.scalars(query)).all()
        return {
            r.question_id: Review(r.question_id, r.box, aware(r.due_at), aware(r.last_answered_at))
            for r in rows
        }

    async def answer_counts(self, user_key: str) -> tuple[int, int]:
        """(questions answered, of which right the first time)."""
        first = tables.Answer.first_attempt.is_(True)
        query = select(
            func.count(),
            func.count().filter(tables.Answer.correct.is_(True)),
        ).where(tables.Answer.user_key == user_key, first)
        async with self._db.sessions() as session:
            row = (await session.execute(query)).one()
        return int(row[0]), int(row[1])

    async def acknowledge(self, user_key: str, briefing_id: str, version: int) -> datetime:
        """Record that the user read this version; the first time counts. Returns it."""
        now = self._clock()
        async with self._db.sessions.begin() as session:
            await session.execute(
                dialect_insert(self._db.dialect, tables.Acknowledgement.__table__)  # type: ignore[arg-type]
                .values(user_key=user_key, briefing_id=briefing_id, version=version, read_at=now)
                .on_conflict_do_nothing()
            )
        read_at = await self.read_at(user_key, briefing_id, version)
        return read_at or now

    async def read_at(self, user_key: str, briefing_id: str, version: int) -> datetime | None:
        """When the user read this version of the briefing, or None."""
        query = select(tables.Acknowledgement.read_at).where(
            tables.Acknowledgement.user_key == user_key,
            tables.Acknowledgement.briefing_id == briefing_id,
            tables.Acknowledgement.version == version,
        )
        async with self._db.sessions() as session:
            found = await session.scalar(query)
        return aware(found) if found else None

    async def briefings_read(self, user_key: str) -> set[tuple[str, int]]:
        """(briefing id, version) pairs the user read."""
        query = select(tables.Acknowledgement.briefing_id, tables.Acknowledgement.version).where(
            tables.Acknowledgement.user_key == user_key
        )
        async with self._db.sessions() as session:
            return {(row[0], row[1]) for row in (await session.execute(query)).all()}

    async def set_checklist(self, user_key: str, checklist_id: str, ticked: Iterable[str]) -> None:
        """Replace the user's ticks on a checklist by ``ticked`` (kept times for kept ticks)."""
        wanted = set(ticked)
        now = self._clock()
        this = (
            tables.ChecklistTick.user_key == user_key,
            tables.ChecklistTick.checklist_id == checklist_id,
        )
        async with self._db.sessions.begin() as session:
            await session.execute(
                delete(tables.ChecklistTick).where(
                    *this, tables.ChecklistTick.item_id.not_in(wanted)
                )
            )
            for item_id in sorted(wanted):
                await session.execute(
                    dialect_insert(self._db.dialect, tables.ChecklistTick.__table__)  # type: ignore[arg-type]
                    .values(
                        user_key=user_key, checklist_id=checklist_id, item_id=item_id,
                        ticked_at=now,
                    )
                    .on_conflict_do_nothing()
                )  # fmt: skip

    async def checklist(self, user_key: str, checklist_id: str) -> frozenset[str]:
        """The items the user ticked on a checklist."""
        query = select(tables.ChecklistTick.item_id).where(
            tables.ChecklistTick.user_key == user_key,
            tables.ChecklistTick.checklist_id == checklist_id,
        )
        async with self._db.sessions() as session:
            return frozenset((await session.scalars(query)).all())

    async def create_channel_quiz(
        self, quiz_id: str, conversation_id: str, question_id: str, version: int
    ) -> None:
        """Store a quiz question posted in a channel."""
        async with self._db.sessions.begin() as session:
            session.add(
                tables.ChannelQuiz(
                    quiz_id=quiz_id, conversation_id=conversation_id, question_id=question_id,
                    question_version=version, activity_id=None, created_at=self._clock(),
                )
            )  # fmt: skip

    async def set_channel_quiz_activity(self, quiz_id: str, activity_id: str) -> None:
        """Remember the message id of the posted card, to update its shared view later."""
        async with self._db.sessions.begin() as session:
            await session.execute(
                update(tables.ChannelQuiz)
                .where(tables.ChannelQuiz.quiz_id == quiz_id)
                .values(activity_id=activity_id)
            )

    async def channel_quiz(self, quiz_id: str) -> tables.ChannelQuiz | None:
        """The channel quiz with this id, or None."""
        async with self._db.sessions() as session:
            return await session.get(tables.ChannelQuiz, quiz_id)
