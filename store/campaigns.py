"""Campaigns as stored: the campaign itself, and a log of who did what to it and when.

Every change of state is a compare-and-set (``UPDATE … WHERE state IN …``) written together with
its event, so two authors, two schedulers or a retry never move a campaign twice.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from campaigns.rules.model import Audience, Content, Schedule, State, content_kind
from store import tables
from store.clock import Clock, aware, utc_now
from store.database import Database
from store.sql import rowcount
from store.upsert import dialect_insert


@dataclass(frozen=True)
class CampaignRecord:
    """A campaign as stored."""

    id: int
    title: str
    content: Content
    audience: Audience
    schedule: Schedule
    state: State
    author: str
    approved_by: str | None
    next_run_at: datetime | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class CampaignEventRecord:
    """One thing done to a campaign."""

    action: str
    actor: str
    detail: str | None
    at: datetime


@dataclass(frozen=True)
class NewCampaign:
    """What an author asks for; the store gives it an id and times."""

    title: str
    content: Content
    audience: Audience
    schedule: Schedule
    state: State
    author: str
    approved_by: str | None
    next_run_at: datetime | None


class CampaignStore:
    """Reads and writes campaigns and their event log."""

    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        """Use ``database``; ``clock`` gives the time stamps."""
        self._db = database
        self._clock = clock

    async def add(self, new: NewCampaign) -> CampaignRecord:
        """Store a new campaign and log its creation (and approval, when it is approved)."""
        now = self._clock()
        row = tables.Campaign(
            title=new.title, content_kind=new.content.kind, briefing_id=new.content.briefing_id,
            text=new.content.text, acknowledge=new.content.acknowledge,
            audience=str(new.audience), first_at=new.schedule.at, repeat=new.schedule.repeat,
            state=new.state.value, author=new.author, approved_by=new.approved_by,
            next_run_at=new.next_run_at, created_at=now, updated_at=now,
        )  # fmt: skip
        async with self._db.sessions.begin() as session:
            session.add(row)
            await session.flush()
            self._log(session, row.id, "create", new.author, new.title, now)
            if new.approved_by:
                self._log(session, row.id, "approve", new.approved_by, None, now)
        return _record(row)

    async def get(self, campaign_id: int) -> CampaignRecord | None:
        """The campaign with this id, or None."""
        async with self._db.sessions() as session:
            row = await session.get(tables.Campaign, campaign_id)
        return _record(row) if row else None

    async def last_created(self, audience: str) -> datetime | None:
        """When the newest campaign to ``audience`` (as :meth:`Audience.__str__` writes it) was
        made, or None."""
        query = select(func.max(tables.Campaign.created_at)).where(
            tables.Campaign.audience == audience
        )
        async with self._db.sessions() as session:
            newest = await session.scalar(query)
        return aware(newest) if newest is not None else None

    async def recent(self, limit: int = 50) -> list[CampaignRecord]:
        """The newest campaigns first."""
        query = select(tables.Campaign).order_by(tables.Campaign.id.desc()).limit(limit)
        async with self._db.sessions() as session:
            return [_record(row) for row in (await session.scalars(query)).all()]

    async def in_states(self, states: Collection[State]) -> list[CampaignRecord]:
        """Every campaign in one of ``states``, oldest first."""
        query = (
            select(tables.Campaign)
            .where(tables.Campaign.state.in_([state.value for state in states]))
            .order_by(tables.Campaign.id)
        )
        async with self._db.sessions() as session:
            return [_record(row) for row in (await session.scalars(query)).all()]

    async def last_change(self) -> datetime | None:
        """When any campaign last changed: a cheap question for a scheduler that polls."""
        async with self._db.sessions() as session:
            found = await session.scalar(select(func.max(tables.Campaign.updated_at)))
        return aware(found) if found else None

    async def move(
        self,
        campaign_id: int,
        to: State,
        *,
        expected: Collection[State],
        actor: str,
        action: str,
        detail: str | None = None,
        next_run_at: datetime | None = None,
        approved_by: str | None = None,
    ) -> bool:
        """Move a campaign to ``to`` if it is in one of ``expected``, and log ``action``.

        Returns:
            False, changing nothing, when the campaign is not (or no longer) in ``expected``.
        """
        now = self._clock()
        values: dict[str, object] = {"state": to.value, "updated_at": now}
        values["next_run_at"] = next_run_at
        if approved_by is not None:
            values["approved_by"] = approved_by
        statement = (
            update(tables.Campaign)
            .where(
                tables.Campaign.id == campaign_id,
                tables.Campaign.state.in_([state.value for state in expected]),
            )
            .values(**values)
        )
        async with self._db.sessions.begin() as session:
            if not rowcount(await session.execute(statement)):
                return False
            self._log(session, campaign_id, action, actor, detail, now)
        return True

    async def log(self, campaign_id: int, action: str, actor: str, detail: str | None) -> None:
        """Log something done to a campaign that does not change its state."""
        async with self._db.sessions.begin() as session:
            self._log(session, campaign_id, action, actor, detail, self._clock())

    async def events(self, campaign_id: int) -> list[CampaignEventRecord]:
        """Who did what to the campaign, oldest first."""
        query = (
            select(tables.CampaignEvent)
            .where(tables.CampaignEvent.campaign_id == campaign_id)
            .order_by(tables.CampaignEvent.id)
        )
        async with self._db.sessions() as session:
            rows = (await session.scalars(query)).all()
        return [CampaignEventRecord(r.action, r.actor, r.detail, aware(r.at)) for r in rows]

    async def acknowledge(self, campaign_id: int, user_key: str) -> datetime:
        """Record "Gelezen" on a campaign's announcement; the first click counts. Returns it."""
        now = self._clock()
        statement = (
            dialect_insert(self._db.dialect, tables.CampaignAck)
            .values(campaign_id=campaign_id, user_key=user_key, read_at=now)
            .on_conflict_do_nothing()
        )
        query = select(tables.CampaignAck.read_at).where(
            tables.CampaignAck.campaign_id == campaign_id, tables.CampaignAck.user_key == user_key
        )
        async with self._db.sessions.begin() as session:
            await session.execute(statement)
            found = await session.scalar(query)
        return aware(found) if found else now

    async def acknowledgements(self, campaign_id: int) -> int:
        """How many people clicked "Gelezen" on the campaign."""
        query = select(func.count()).where(tables.CampaignAck.campaign_id == campaign_id)
        async with self._db.sessions() as session:
            return int(await session.scalar(query) or 0)

    @staticmethod
    def _log(
        session: AsyncSession,
        campaign_id: int,
        action: str,
        actor: str,
        detail: str | None,
        at: datetime,
    ) -> None:
        session.add(
            tables.CampaignEvent(
                campaign_id=campaign_id, action=action, actor=actor, detail=detail, at=at
            )
        )


def _record(row: tables.Campaign) -> CampaignRecord:
    return CampaignRecord(
        id=row.id,
        title=row.title,
        content=Content(content_kind(row.content_kind), row.briefing_id, row.text, row.acknowledge),
        audience=Audience.parse(row.audience),
        schedule=Schedule(aware(row.first_at) if row.first_at else None, row.repeat),
        state=State(row.state),
        author=row.author,
        approved_by=row.approved_by,
        next_run_at=aware(row.next_run_at) if row.next_run_at else None,
        created_at=aware(row.created_at),
        updated_at=aware(row.updated_at),
    )
