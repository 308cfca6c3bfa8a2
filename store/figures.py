"""What a campaign's figures are counted from: its outbox rows with their chats' read receipts,
"Gelezen" clicks, briefings read and quiz answers. Read only.

People are matched by user key; answers and acknowledgements are read for everyone since the
campaign started and matched to its recipients by the caller (a list of every recipient's key
would not fit in one query for a large organisation).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from campaigns.rules.model import Outcome
from campaigns.rules.participation import Score
from store import tables
from store.clock import aware
from store.database import Database
from store.sql import table

_OUT = table(tables.OutboxRow)
_RECEIPTS = table(tables.ReadReceipt)


@dataclass(frozen=True)
class Delivery:
    """One recipient of one run, and how far they have read in the chat it went to.

    Attributes:
        run_id: The run.
        recipient: Who (``user:<object id>`` or ``channel:<id>``).
        user_object_id: Their Entra object id (None for a channel post).
        team_id: Their team when the run started.
        status: What became of it (:class:`~campaigns.rules.model.Outcome`).
        message_id: The message Teams accepted, when sent.
        last_read: The last message read in that chat (None: no receipt).
    """

    run_id: int
    recipient: str
    user_object_id: str | None
    team_id: str | None
    status: Outcome
    message_id: str | None
    last_read: int | None


class FigureStore:
    """The queries behind a campaign's figures."""

    def __init__(self, database: Database) -> None:
        """Read from ``database``."""
        self._db = database

    async def deliveries(self, campaign_id: int) -> list[Delivery]:
        """Every outbox row of the campaign, over all its runs, oldest run first."""
        query = (
            select(
                _OUT.c.run_id, _OUT.c.recipient, _OUT.c.user_object_id, _OUT.c.team_id,
                _OUT.c.status, _OUT.c.message_id, _RECEIPTS.c.last_read_message_id,
            )
            .select_from(
                _OUT.outerjoin(_RECEIPTS, _RECEIPTS.c.conversation_id == _OUT.c.conversation_id)
            )
            .where(_OUT.c.campaign_id == campaign_id)
            .order_by(_OUT.c.run_id, _OUT.c.id)
        )  # fmt: skip
        async with self._db.sessions() as session:
            rows = (await session.execute(query)).all()
        known = {outcome.value for outcome in Outcome}
        return [
            Delivery(
                run_id=row.run_id,
                recipient=row.recipient,
                user_object_id=row.user_object_id,
                team_id=row.team_id,
                status=Outcome(row.status) if row.status in known else Outcome.FAILED,
                message_id=row.message_id,
                last_read=row.last_read_message_id,
            )
            for row in rows
        ]

    async def started_at(self, campaign_id: int) -> datetime | None:
        """When the campaign's first run started, or None before it ran."""
        query = select(func.min(tables.CampaignRun.started_at)).where(
            tables.CampaignRun.campaign_id == campaign_id
        )
        async with self._db.sessions() as session:
            found = await session.scalar(query)
        return aware(found) if found else None

    async def campaign_acknowledgers(self, campaign_id: int) -> set[str]:
        """The user keys of everyone who clicked "Gelezen" on the campaign's announcement."""
        query = select(tables.CampaignAck.user_key).where(
            tables.CampaignAck.campaign_id == campaign_id
        )
        async with self._db.sessions() as session:
            return set((await session.scalars(query)).all())

    async def briefing_readers(self, briefing_id: str, since: datetime) -> set[str]:
        """The user keys of everyone who first acknowledged a version of the briefing at or
        after ``since``."""
        query = select(tables.Acknowledgement.user_key).where(
            tables.Acknowledgement.briefing_id == briefing_id,
            tables.Acknowledgement.read_at >= since,
        )
        async with self._db.sessions() as session:
            return set((await session.scalars(query)).all())

    async def first_attempts(self, since: datetime) -> dict[str, Score]:
        """Per user key: questions answered for the first time at or after ``since``, and how
        many of them right (personal rounds and channel quizzes alike)."""
        answer = tables.Answer
        query = (
            select(answer.user_key, func.count(), func.count().filter(answer.correct.is_(True)))
            .where(answer.first_attempt.is_(True), answer.answered_at >= since)
            .group_by(answer.user_key)
        )
        async with self._db.sessions() as session:
            rows = (await session.execute(query)).all()
        return {key: Score(int(answered), int(right)) for key, answered, right in rows}
