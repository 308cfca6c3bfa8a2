"""What Paraat keeps about one person, to show, export and erase (docs/privacy.md).

A person is their user key (decision #6). Their learning data is theirs: their choices, quiz
rounds and answers, spaced-repetition boxes, briefings read, checklist ticks and "Gelezen" clicks
on campaigns. Erasing deletes all of it, with one exception that keeps shared figures true:
answers to a *channel* quiz stay, under a fresh random key that links them to nobody, so the
counts colleagues already saw on the shared card do not change. Where Paraat is installed (the
chat it writes to) and campaign delivery records are operational and stay; they hold no answers.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, bindparam, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.clock import aware
from store.database import Database
from store.sql import rowcount, table
from store.tables import (
    Acknowledgement,
    Answer,
    CampaignAck,
    ChecklistTick,
    QuizRound,
    ReadinessWeekState,
    Review,
    User,
)

_OWN = (QuizRound, Review, Acknowledgement, ChecklistTick, CampaignAck, User)
"""Tables whose rows are one person's, by ``user_key``; answers are handled apart."""


@dataclass(frozen=True)
class DataSummary:
    """Counts of what Paraat keeps about a person.

    Attributes:
        answers: Quiz answers (personal rounds and channel quizzes).
        briefings_read: Briefing versions acknowledged.
        checklist_ticks: Items ticked on the checklist.
        team_id: The team they chose themselves (None: not chosen).
        language: The language they chose (None: not chosen).
        since: When Paraat first kept something about them (None: nothing kept).
    """

    answers: int
    briefings_read: int
    checklist_ticks: int
    team_id: str | None
    language: str | None
    since: datetime | None


@dataclass(frozen=True)
class Erasure:
    """What an erasure did: rows deleted, and rows of shared figures (channel-quiz answers,
    published readiness weeks) detached from the person."""

    deleted: int
    detached: int


class PersonalDataStore:
    """Reads, exports and erases one person's data."""

    def __init__(self, database: Database) -> None:
        """Use ``database``."""
        self._db = database

    async def summary(self, user_key: str) -> DataSummary:
        """The counts shown on the "Mijn gegevens" card."""
        async with self._db.sessions() as session:
            answers = await _count(session, Answer, user_key)
            read = await _count(session, Acknowledgement, user_key)
            ticks = await _count(session, ChecklistTick, user_key)
            user = (
                await session.execute(select(User).where(User.user_key == user_key))
            ).scalar_one_or_none()
            firsts = [
                await session.scalar(select(func.min(column)).where(table.user_key == user_key))
                for table, column in (
                    (User, User.created_at),
                    (Answer, Answer.answered_at),
                    (Acknowledgement, Acknowledgement.read_at),
                    (ChecklistTick, ChecklistTick.ticked_at),
                )
            ]
        known = [aware(moment) for moment in firsts if moment is not None]
        return DataSummary(
            answers=answers,
            briefings_read=read,
            checklist_ticks=ticks,
            team_id=user.team_id if user else None,
            language=user.language if user else None,
            since=min(known) if known else None,
        )

    async def export(self, user_key: str) -> dict[str, Any]:
        """Everything kept about the person, as JSON values (times in ISO 8601, UTC)."""
        async with self._db.sessions() as session:
            user = (
                await session.execute(select(User).where(User.user_key == user_key))
            ).scalar_one_or_none()
            answers = (
                await session.execute(
                    select(Answer).where(Answer.user_key == user_key).order_by(Answer.id)
                )
            ).scalars()
            exported: dict[str, Any] = {
                "choices": {
                    "language": user.language if user else None,
                    "team": user.team_id if user else None,
                },
                "answers": [
                    {
                        "question": answer.question_id,
                        "question_version": answer.question_version,
                        "where": "channel quiz" if answer.channel_quiz_id else "quiz round",
                        "chosen": answer.chosen,
                        "correct": answer.correct,
                        "first_attempt": answer.first_attempt,
                        "answered_at": _iso(answer.answered_at),
                    }
                    for answer in answers
                ],
                "repetition": [
                    {
                        "question": review.question_id,
                        "box": review.box,
                        "due_at": _iso(review.due_at),
                        "last_answered_at": _iso(review.last_answered_at),
                    }
                    for review in await _own(session, Review, user_key)
                ],
                "briefings_read": [
                    {
                        "briefing": ack.briefing_id,
                        "version": ack.version,
                        "read_at": _iso(ack.read_at),
                    }
                    for ack in await _own(session, Acknowledgement, user_key)
                ],
                "checklist": [
                    {
                        "checklist": tick.checklist_id,
                        "item": tick.item_id,
                        "ticked_at": _iso(tick.ticked_at),
                    }
                    for tick in await _own(session, ChecklistTick, user_key)
                ],
                "campaigns_read": [
                    {"campaign": ack.campaign_id, "read_at": _iso(ack.read_at)}
                    for ack in await _own(session, CampaignAck, user_key)
                ],
            }
        return exported

    async def erase(self, user_key: str) -> Erasure:
        """Delete the person's data in one transaction; channel-quiz answers lose their owner."""
        deleted = 0
        async with self._db.sessions.begin() as session:
            # Shared figures were seen with these rows in them: channel-quiz answers and the
            # person's states in published readiness weeks stay, each under a random key.
            detached = await _give_random_keys(
                session, Answer, user_key, Answer.channel_quiz_id.is_not(None)
            )
            detached += await _give_random_keys(session, ReadinessWeekState, user_key)
            deleted += rowcount(
                await session.execute(delete(Answer).where(Answer.user_key == user_key))
            )
            for model in _OWN:
                deleted += rowcount(
                    await session.execute(delete(model).where(model.user_key == user_key))
                )
        return Erasure(deleted, detached)


async def _give_random_keys(
    session: AsyncSession, model: Any, user_key: str, *where: ColumnElement[bool]
) -> int:
    """Move the person's rows of ``model`` (that match ``where``) to a random key each, so they
    are linked neither to the person nor to each other; the number of rows moved."""
    rows = table(model)
    keys = [column.name for column in rows.primary_key.columns]
    found = (
        await session.execute(
            select(*rows.primary_key.columns).where(rows.c.user_key == user_key, *where)
        )
    ).all()
    if not found:
        return 0
    # Core, so each row gets its own key in one executemany.
    statement = (
        update(rows)
        .where(*(rows.c[key] == bindparam(f"b_{key}") for key in keys))
        .values(user_key=bindparam("b_new"))
    )
    await session.execute(
        statement,
        [
            {**{f"b_{key}": value for key, value in zip(keys, row, strict=True)},
             "b_new": f"erased:{secrets.token_hex(16)}"}
            for row in found
        ],
    )  # fmt: skip
    return len(found)


async def _count(session: AsyncSession, model: Any, user_key: str) -> int:
    query = select(func.count()).select_from(model).where(model.user_key == user_key)
    return int(await session.scalar(query) or 0)


async def _own(session: AsyncSession, model: Any, user_key: str) -> list[Any]:
    return list((await session.execute(select(model).where(model.user_key == user_key))).scalars())


def _iso(moment: datetime) -> str:
    return aware(moment).isoformat()
