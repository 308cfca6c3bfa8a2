"""What each person learned: quiz rounds and answers, repetition, briefings read, checklist ticks.

Everything is keyed by the user key (a keyed hash), never by a name or an Entra id.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Integer, Select, bindparam, delete, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from learning.rules.leitner import Review
from store import tables
from store.clock import Clock, aware, utc_now
from store.database import Database
from store.sql import rowcount, table
from store.upsert import dialect_insert, upsert
from store.users import UserChoices


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
class AnswerRecord:
    """One person's answer to a question, to be recorded, with their repetition state after it.

    Attributes:
        user_key: Who answered.
        question_id: The question answered.
        version: The version of the question they saw.
        chosen: The options they chose.
        correct: Whether that was right.
        review: Their Leitner state for the question after this answer.
    """

    user_key: str
    question_id: str
    version: int
    chosen: tuple[str, ...]
    correct: bool
    review: Review


@dataclass(frozen=True)
class RecordedAnswer:
    """An answer as stored."""

    question_id: str
    chosen: tuple[str, ...]
    correct: bool
    first_attempt: bool


@dataclass(frozen=True)
class AnswerCounts:
    """A person's answers, judged on first attempts only.

    Attributes:
        answered: Questions answered.
        right_first_time: Of those, right the first time.
    """

    answered: int
    right_first_time: int


@dataclass(frozen=True)
class BriefingVersion:
    """A version of a briefing (as read by someone)."""

    briefing_id: str
    version: int


@dataclass(frozen=True)
class ChannelQuizRecord:
    """A quiz question posted in a channel, as stored.

    Attributes:
        quiz_id: Its id, carried by the card's actions.
        conversation_id: The channel it was posted in.
        question_id: The question posted.
        question_version: The version posted.
        activity_id: The posted message, once known, to update the shared view.
        created_at: When it was posted.
    """

    quiz_id: str
    conversation_id: str
    question_id: str
    question_version: int
    activity_id: str | None
    created_at: datetime


@dataclass(frozen=True)
class _Place:
    """Where an answer belongs: a personal round or a channel quiz (one answer each there)."""

    column: Literal["round_id", "channel_quiz_id"]
    key: str


class LearningStore:
    """Reads and writes one person's learning. Each change is one transaction."""

    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
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

    def in_round(self) -> AbstractAsyncContextManager[RoundTransaction]:
        """One connection for a click in a round: its reads and its change together.

        On SQLite it is one write transaction, committed at the end (nothing is written when
        nothing was recorded). On PostgreSQL the reads run outside a transaction and the change
        is one statement, atomic on its own: ``READ COMMITTED`` would give the reads no more
        than that, and it saves the round trips of ``BEGIN`` and ``COMMIT`` and of one statement
        per table (docs/decisions.md #37).
        """
        return self._in_round()

    @asynccontextmanager
    async def _in_round(self) -> AsyncIterator[RoundTransaction]:
        opened = self._db.reading() if self._db.dialect == "postgresql" else self._db.transaction()
        async with opened as connection:
            yield RoundTransaction(self, connection)

    async def round(self, round_id: str) -> QuizRound | None:
        """The round with this id, or None."""
        async with self._db.reading() as connection:
            return await _read_round(connection, round_id)

    async def record_answer(self, quiz_round: QuizRound, answer: AnswerRecord) -> bool:
        """Record the answer to the round's current question and move the round on (in a
        transaction of its own); see :meth:`RoundTransaction.record_answer`."""
        async with self.in_round() as transaction:
            return await transaction.record_answer(quiz_round, answer)

    async def _record_in_round(
        self, session: AsyncConnection, quiz_round: QuizRound, answer: AnswerRecord
    ) -> bool:
        if answer.user_key != quiz_round.user_key:
            raise ValueError("an answer in a round must be by the round's user")
        now = self._clock()
        last = quiz_round.position + 1 >= len(quiz_round.question_ids)
        review = answer.review
        hot = _hot(self._db.dialect)
        moving = {
            "p_round_id": quiz_round.round_id,
            "p_position": quiz_round.position,
            "p_next": quiz_round.position + 1,
            "p_right": int(answer.correct),
            "p_finished_at": now if last else None,
        }
        answering = {
            "p_user_key": answer.user_key,
            "p_question_id": answer.question_id,
            "p_version": answer.version,
            "p_chosen": ",".join(answer.chosen),
            "p_correct": answer.correct,
            "p_answered_at": now,
            "p_round_id": quiz_round.round_id,
        }
        reviewing = {
            "p_review_question_id": review.question_id,
            "p_box": review.box,
            "p_due_at": review.due_at,
            "p_last_answered_at": review.last_answered_at,
        }
        if hot.record_round_answer is not None:
            parameters = moving | answering | reviewing
            return bool(await session.scalar(hot.record_round_answer, parameters))
        if not rowcount(await session.execute(hot.move_round, moving)):
            return False
        await session.execute(hot.insert_round_answer, answering)
        await session.execute(hot.save_review, {"p_user_key": answer.user_key} | reviewing)
        return True

    async def record_channel_answer(self, quiz_id: str, answer: AnswerRecord) -> bool:
        """Record a person's answer to a channel quiz; each person answers it once.

        Args:
            quiz_id: The channel quiz answered.
            answer: The answer.

        Returns:
            True when recorded; False, changing nothing, for a second answer by the same person.
        """
        now = self._clock()
        place = _Place("channel_quiz_id", quiz_id)
        async with self._db.transaction() as connection:
            if not await self._insert_answer(connection, answer, place, now):
                return False
            await self._save_review(connection, answer.user_key, answer.review)
        return True

    async def _insert_answer(
        self, session: AsyncConnection, answer: AnswerRecord, place: _Place, now: datetime
    ) -> bool:
        """Insert one answer; False when this person answered this question there already."""
        # The first attempt is whether any answer of theirs to it exists: read in the insert.
        first = ~exists().where(
            tables.Answer.user_key == answer.user_key,
            tables.Answer.question_id == answer.question_id,
        )
        statement = (
            dialect_insert(self._db.dialect, tables.Answer)
            .values(
                user_key=answer.user_key, question_id=answer.question_id,
                question_version=answer.version, chosen=",".join(answer.chosen),
                correct=answer.correct, first_attempt=first, answered_at=now,
                **{place.column: place.key},
            )
            .on_conflict_do_nothing(index_elements=[place.column, "user_key", "question_id"])
        )  # fmt: skip
        return bool(rowcount(await session.execute(statement)))

    async def _save_review(self, session: AsyncConnection, user_key: str, review: Review) -> None:
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
                tables.Review,
                values,
                key=["user_key", "question_id"],
                update=["box", "due_at", "last_answered_at"],
            )
        )

    async def answers_in_round(self, round_id: str, user_key: str) -> list[RecordedAnswer]:
        """The user's answers in a personal round, in the order given."""
        async with self._db.reading() as connection:
            return await _answers_in_round(connection, round_id, user_key)

    async def channel_answer(self, quiz_id: str, user_key: str) -> RecordedAnswer | None:
        """The user's answer to a channel quiz, or None when they have not answered it."""
        query = select(tables.Answer).where(
            tables.Answer.channel_quiz_id == quiz_id, tables.Answer.user_key == user_key
        )
        async with self._db.sessions() as session:
            row = await session.scalar(query)
        return _recorded(row) if row else None

    async def channel_counts(self, quiz_id: str) -> dict[str, int]:
        """How often each option was chosen in a channel quiz (no names)."""
        query = select(tables.Answer.chosen).where(tables.Answer.channel_quiz_id == quiz_id)
        counts: dict[str, int] = {}
        async with self._db.sessions() as session:
            for chosen in (await session.scalars(query)).all():
                for option in chosen.split(","):
                    counts[option] = counts.get(option, 0) + 1
        return counts

    async def channel_respondents(self, quiz_id: str) -> int:
        """How many people answered a channel quiz."""
        query = select(func.count()).where(tables.Answer.channel_quiz_id == quiz_id)
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

    async def review(self, user_key: str, question_id: str) -> Review | None:
        """The user's repetition state for one question, or None before their first answer."""
        async with self._db.reading() as connection:
            return await _read_review(connection, user_key, question_id)

    async def answer_counts(self, user_key: str) -> AnswerCounts:
        """The user's questions answered, and of those how many right the first time."""
        first = tables.Answer.first_attempt.is_(True)
        query = select(
            func.count(),
            func.count().filter(tables.Answer.correct.is_(True)),
        ).where(tables.Answer.user_key == user_key, first)
        async with self._db.sessions() as session:
            row = (await session.execute(query)).one()
        return AnswerCounts(int(row[0]), int(row[1]))

    async def acknowledge(self, user_key: str, briefing_id: str, version: int) -> datetime:
        """Record that the user read this version; the first time counts. Returns it."""
        now = self._clock()
        async with self._db.sessions.begin() as session:
            await session.execute(
                dialect_insert(self._db.dialect, tables.Acknowledgement)
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

    async def briefings_read(self, user_key: str) -> frozenset[BriefingVersion]:
        """The versions of briefings the user read."""
        query = select(tables.Acknowledgement.briefing_id, tables.Acknowledgement.version).where(
            tables.Acknowledgement.user_key == user_key
        )
        async with self._db.sessions() as session:
            rows = (await session.execute(query)).all()
        return frozenset(BriefingVersion(row.briefing_id, row.version) for row in rows)

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
                    dialect_insert(self._db.dialect, tables.ChecklistTick)
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

    async def channel_quiz(self, quiz_id: str) -> ChannelQuizRecord | None:
        """The channel quiz with this id, or None."""
        async with self._db.sessions() as session:
            row = await session.get(tables.ChannelQuiz, quiz_id)
        if row is None:
            return None
        return ChannelQuizRecord(
            row.quiz_id, row.conversation_id, row.question_id, row.question_version,
            row.activity_id, aware(row.created_at),
        )  # fmt: skip


class RoundTransaction:
    """The reads and the change of one click in a round, on one connection
    (:meth:`LearningStore.in_round`)."""

    def __init__(self, store: LearningStore, session: AsyncConnection) -> None:
        """Work in ``session`` (a connection in a transaction) for ``store``."""
        self._store = store
        self._session = session

    async def round(self, round_id: str) -> QuizRound | None:
        """The round with this id, or None."""
        return await _read_round(self._session, round_id)

    async def review(self, user_key: str, question_id: str) -> Review | None:
        """The user's repetition state for one question, or None before their first answer."""
        return await _read_review(self._session, user_key, question_id)

    async def click(
        self, user_key: str, round_id: str, question_id: str
    ) -> tuple[UserChoices, QuizRound | None, Review | None]:
        """What a click on a round's question needs, in one read: the choices of ``user_key``
        (who clicked), the round, and the round's user's repetition state for ``question_id``."""
        query = _hot(self._session.dialect.name).read_click
        parameters = {"p_user_key": user_key, "p_round_id": round_id, "p_question_id": question_id}
        row = (await self._session.execute(query, parameters)).one()
        choices = UserChoices(row.u_language, row.u_team_id)
        if row.round_id is None:
            return choices, None, None
        review = (
            Review(question_id, row.r_box, aware(row.r_due_at), aware(row.r_last_answered_at))
            if row.r_box is not None
            else None
        )
        return choices, _round_of(row), review

    async def answers_in_round(self, round_id: str, user_key: str) -> list[RecordedAnswer]:
        """The user's answers in a personal round, in the order given."""
        return await _answers_in_round(self._session, round_id, user_key)

    async def record_answer(self, quiz_round: QuizRound, answer: AnswerRecord) -> bool:
        """Record the answer to the round's current question and move the round on.

        Args:
            quiz_round: The round as the caller read it; its position says which question waits.
            answer: The answer, by the round's own user.

        Returns:
            True when recorded; False, changing nothing, when the round already moved on (a
            second click on the same card, or a race between two): a double click counts once.

        Raises:
            ValueError: when the answer is not by the round's user.
        """
        return await self._store._record_in_round(self._session, quiz_round, answer)


_ROUND = table(tables.QuizRound)
_REVIEW = table(tables.Review)
_ANSWER = table(tables.Answer)
_USER = table(tables.User)


class _Hot:
    """The statements of a quiz answer, built once per dialect (building one costs more than
    running it on SQLite); each takes its values as parameters."""

    def __init__(self, dialect: str) -> None:
        answer, round_, review = _ANSWER.c, _ROUND.c, _REVIEW.c
        self.read_round = select(_ROUND).where(round_.round_id == bindparam("p_round_id"))
        # One row whatever is found: the clicking user (their choices, if any), the round (if
        # it exists) and its user's review of the question (if any).
        clicking = select(bindparam("p_user_key", type_=_USER.c.user_key.type).label("key"))
        clicked = clicking.subquery("clicked")
        self.read_click = select(
            _USER.c.language.label("u_language"),
            _USER.c.team_id.label("u_team_id"),
            _ROUND,
            review.box.label("r_box"),
            review.due_at.label("r_due_at"),
            review.last_answered_at.label("r_last_answered_at"),
        ).select_from(
            clicked.outerjoin(_USER, _USER.c.user_key == clicked.c.key)
            .outerjoin(_ROUND, round_.round_id == bindparam("p_round_id"))
            .outerjoin(
                _REVIEW,
                (review.user_key == round_.user_key)
                & (review.question_id == bindparam("p_question_id")),
            )
        )
        self.read_review = select(_REVIEW).where(
            review.user_key == bindparam("p_user_key"),
            review.question_id == bindparam("p_question_id"),
        )
        self.move_round = (
            update(_ROUND)
            .where(
                round_.round_id == bindparam("p_round_id"),
                round_.position == bindparam("p_position"),
            )
            .values(
                position=bindparam("p_next"),
                right=round_.right + bindparam("p_right", type_=Integer),
                finished_at=bindparam("p_finished_at", type_=round_.finished_at.type),
            )
        )
        first = ~exists().where(
            answer.user_key == bindparam("p_user_key"),
            answer.question_id == bindparam("p_question_id"),
        )
        # Typed, so that PostgreSQL knows them also where they stand in a SELECT list.
        answer_values = {
            "user_key": bindparam("p_user_key", type_=answer.user_key.type),
            "question_id": bindparam("p_question_id", type_=answer.question_id.type),
            "question_version": bindparam("p_version", type_=answer.question_version.type),
            "chosen": bindparam("p_chosen", type_=answer.chosen.type),
            "correct": bindparam("p_correct", type_=answer.correct.type),
            "first_attempt": first,
            "answered_at": bindparam("p_answered_at", type_=answer.answered_at.type),
            "round_id": bindparam("p_round_id", type_=answer.round_id.type),
        }
        review_values = {
            "user_key": bindparam("p_user_key", type_=review.user_key.type),
            "question_id": bindparam("p_review_question_id", type_=review.question_id.type),
            "box": bindparam("p_box", type_=review.box.type),
            "due_at": bindparam("p_due_at", type_=review.due_at.type),
            "last_answered_at": bindparam("p_last_answered_at", type_=review.last_answered_at.type),
        }
        answered = dialect_insert(dialect, tables.Answer).on_conflict_do_nothing(
            index_elements=["round_id", "user_key", "question_id"]
        )
        into_reviews = dialect_insert(dialect, tables.Review)
        reviewed = into_reviews.on_conflict_do_update(
            index_elements=["user_key", "question_id"],
            set_={c: into_reviews.excluded[c] for c in ("box", "due_at", "last_answered_at")},
        )
        self.insert_round_answer = answered.values(answer_values)
        self.save_review = reviewed.values(review_values)
        self.record_round_answer: Select[int] | None = None
        if dialect == "postgresql":
            # The three changes as one statement: the answer and the review are written only
            # when the round moved; it returns how many rounds moved (0 or 1).
            moved = self.move_round.returning(round_.round_id).cte("moved")
            insert_answer = answered.from_select(
                list(answer_values), select(*answer_values.values()).select_from(moved)
            ).cte("answered")
            save_review = reviewed.from_select(
                list(review_values), select(*review_values.values()).select_from(moved)
            ).cte("reviewed")
            self.record_round_answer = (
                select(func.count()).select_from(moved).add_cte(insert_answer, save_review)
            )


_HOT: dict[str, _Hot] = {}


def _hot(dialect: str) -> _Hot:
    if dialect not in _HOT:
        _HOT[dialect] = _Hot(dialect)
    return _HOT[dialect]


async def _read_round(session: AsyncConnection, round_id: str) -> QuizRound | None:
    dialect = session.dialect.name
    query = _hot(dialect).read_round
    row = (await session.execute(query, {"p_round_id": round_id})).first()
    return None if row is None else _round_of(row)


def _round_of(row: Any) -> QuizRound:
    return QuizRound(
        row.round_id, row.user_key, row.conversation_id, tuple(json.loads(row.question_ids)),
        row.position, row.right, row.finished_at is not None,
    )  # fmt: skip


async def _read_review(session: AsyncConnection, user_key: str, question_id: str) -> Review | None:
    query = _hot(session.dialect.name).read_review
    parameters = {"p_user_key": user_key, "p_question_id": question_id}
    r = (await session.execute(query, parameters)).first()
    if r is None:
        return None
    return Review(r.question_id, r.box, aware(r.due_at), aware(r.last_answered_at))


async def _answers_in_round(
    session: AsyncConnection, round_id: str, user_key: str
) -> list[RecordedAnswer]:
    query = (
        select(_ANSWER)
        .where(_ANSWER.c.round_id == round_id, _ANSWER.c.user_key == user_key)
        .order_by(_ANSWER.c.id)
    )
    return [_recorded(row) for row in (await session.execute(query)).all()]


def _recorded(row: Any) -> RecordedAnswer:
    return RecordedAnswer(
        row.question_id, tuple(row.chosen.split(",")), row.correct, row.first_attempt
    )
