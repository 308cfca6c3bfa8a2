"""The delivery outbox: a campaign's runs and, per run, one row per recipient.

A run is created once per (campaign, planned time), with its recipients frozen in the same
transaction, so a run never exists half-filled and a second try changes nothing. Workers take
rows with a lease (:meth:`OutboxStore.claim`); on PostgreSQL with ``FOR UPDATE SKIP LOCKED`` so
replicas never take the same row (SQLite has one writer at a time, which is as safe). Just before
the calls a worker marks its rows in flight; a row found in flight when its lease ran out is sent
again and flagged ``uncertain`` (Teams may have it twice), never lost. Every write that touches
many rows takes their locks in id order, so two of them never deadlock.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    DateTime,
    Integer,
    Row,
    Select,
    String,
    Update,
    and_,
    bindparam,
    case,
    func,
    null,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from campaigns.rules.model import Outcome
from store.clock import Clock, aware, utc_now
from store.database import Database
from store.sql import rowcount, table
from store.tables import CampaignRun, Conversation, OutboxRow
from store.upsert import dialect_insert

_OUT = table(OutboxRow)
_RUNS = table(CampaignRun)
_PENDING = Outcome.PENDING.value


@dataclass(frozen=True)
class OutboxRecipient:
    """One recipient of a run, as frozen when the run starts.


    Attributes:
        recipient: Who it is, unique within the run (``user:<object id>`` or ``channel:<id>``).
        service_url: The Bot Connector of their region.
        language: The language to send in.
        tenant_id: Their Entra tenant.
        conversation_id: Their stored conversation, when there is one.
        user_object_id: Their Entra object id, to create a personal conversation.
        channel_id: A team channel, for a new post in it.
        team_id: The team of that channel.
    """

    recipient: str
    service_url: str
    language: str
    tenant_id: str | None = None
    conversation_id: str | None = None
    user_object_id: str | None = None
    channel_id: str | None = None
    team_id: str | None = None


@dataclass(frozen=True)
class OutboxItem:
    """A row a worker claimed: where to send, and how it went so far.

    Attributes:
        id: The row.
        run_id: Its run.
        campaign_id: Its campaign.
        recipient: Who it is (unique within the run).
        service_url: The Bot Connector of their region.
        tenant_id: Their Entra tenant.
        conversation_id: The conversation to post in (None: create one, or a channel post).
        user_object_id: Their Entra object id, to create a personal conversation.
        channel_id: A team channel, for a new post in it.
        team_id: The team of that channel (or the person's team).
        language: The language to send in.
        attempts: Calls made for it before this claim.
        uncertain: An earlier call may have reached Teams without Paraat learning the outcome.
    """

    id: int
    run_id: int
    campaign_id: int
    recipient: str
    service_url: str
    tenant_id: str | None
    conversation_id: str | None
    user_object_id: str | None
    channel_id: str | None
    team_id: str | None
    language: str
    attempts: int
    uncertain: bool


@dataclass(frozen=True)
class Attempt:
    """What became of one claimed row, to record.

    Attributes:
        row_id: The row.
        status: ``SENT``, a final failure, or ``PENDING`` to go again after ``retry_in``.
        message_id: The message Teams accepted (``SENT``).
        conversation_id: The conversation it went to, when Paraat created it (``SENT``).
        http_status: Teams' HTTP status, for the record.
        retry_in: Seconds until a ``PENDING`` row may be claimed again.
        drop_conversation: ``PENDING`` only: forget the stored conversation, so the next call
            creates it again from the person's object id (Teams said it is gone).
    """

    row_id: int
    status: Outcome
    message_id: str | None = None
    conversation_id: str | None = None
    http_status: int | None = None
    retry_in: float = 0.0
    drop_conversation: bool = False


@dataclass(frozen=True)
class RunRecord:
    """One firing of a campaign."""

    id: int
    campaign_id: int
    planned_at: datetime
    started_at: datetime
    finished_at: datetime | None


@dataclass(frozen=True)
class RunStart:
    """The run for a (campaign, planned time), and whether this call created it."""

    run: RunRecord
    created: bool


@dataclass(frozen=True)
class Released:
    """Rows given back after their worker's lease ran out.

    Attributes:
        returned: Rows released.
        uncertain: Of those, rows that were in flight: their call may have reached Teams.
    """

    returned: int
    uncertain: int


@dataclass(frozen=True)
class OutboxCounts:
    """Rows per status, for a campaign's (or a run's) statistics."""

    pending: int = 0
    sent: int = 0
    not_installed: int = 0
    unreachable: int = 0
    failed: int = 0
    cancelled: int = 0
    uncertain: int = 0
    """Rows of any status whose call may have gone out twice (or once, unrecorded)."""
    in_flight: int = 0
    """Rows whose call is under way now."""

    @property
    def total(self) -> int:
        """Every recipient."""
        return (
            self.pending
            + self.sent
            + self.not_installed
            + self.unreachable
            + self.failed
            + self.cancelled
        )


@dataclass(frozen=True)
class SentMessage:
    """A message a campaign posted, for updating or retracting it."""

    run_id: int
    recipient: str
    service_url: str
    tenant_id: str | None
    conversation_id: str | None
    channel_id: str | None
    message_id: str | None
    sent_at: datetime


_ITEM_COLUMNS = (
    _OUT.c.id,
    _OUT.c.run_id,
    _OUT.c.campaign_id,
    _OUT.c.recipient,
    _OUT.c.service_url,
    _OUT.c.tenant_id,
    _OUT.c.conversation_id,
    _OUT.c.user_object_id,
    _OUT.c.channel_id,
    _OUT.c.team_id,
    _OUT.c.language,
    _OUT.c.attempts,
    _OUT.c.uncertain,
)

_RELEASE: dict[str, Any] = {"in_flight": False, "lease_owner": None, "lease_until": None}


class OutboxStore:
    """Runs and their recipients; every method is one transaction."""

    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        """Use ``database``; ``clock`` gives the time (leases, retries, time stamps)."""
        self._db = database
        self._clock = clock

    @property
    def database(self) -> Database:
        """The database the outbox is in (for queries that read it with other tables)."""
        return self._db

    async def create_run(
        self,
        campaign_id: int,
        planned_at: datetime,
        recipients: Iterable[OutboxRecipient] = (),
    ) -> RunStart:
        """Create the run for ``(campaign_id, planned_at)`` with its recipients, once.

        Args:
            campaign_id: The campaign that fires.
            planned_at: When it was planned to fire (an aware time): with the campaign the key
                that makes the run happen once, however many schedulers try.
            recipients: Who gets it, frozen now; ignored when the run exists already.

        Returns:
            The run, and whether this call created it.

        Raises:
            ValueError: for a ``planned_at`` without a time zone.
        """
        planned = _utc(planned_at)
        now = self._clock()
        insert = (
            dialect_insert(self._db.dialect, CampaignRun)
            .values(campaign_id=campaign_id, planned_at=planned, started_at=now, finished_at=None)
            .on_conflict_do_nothing(index_elements=["campaign_id", "planned_at"])
            .returning(_RUNS.c.id)
        )
        async with self._db.sessions.begin() as session:
            run_id = (await session.execute(insert)).scalar_one_or_none()
            if run_id is not None:
                await self._insert(session, run_id, campaign_id, recipients, now)
            row = (
                await session.execute(
                    select(_RUNS).where(
                        _RUNS.c.campaign_id == campaign_id, _RUNS.c.planned_at == planned
                    )
                )
            ).one()
        return RunStart(_run(row), created=run_id is not None)

    async def add_recipients(self, run: RunRecord, recipients: Iterable[OutboxRecipient]) -> int:
        """Add recipients to a run; one already there is left as it is.

        Args:
            run: The run.
            recipients: Who to add.

        Returns:
            How many were new.
        """
        async with self._db.sessions.begin() as session:
            return await self._insert(session, run.id, run.campaign_id, recipients, self._clock())

    async def run(self, run_id: int) -> RunRecord | None:
        """The run with this id, or None."""
        async with self._db.sessions() as session:
            row = (await session.execute(select(_RUNS).where(_RUNS.c.id == run_id))).first()
        return _run(row) if row else None

    async def claim(self, worker: str, limit: int, lease: timedelta) -> list[OutboxItem]:
        """Take up to ``limit`` pending rows that are due, for ``worker``, for ``lease``.

        A row whose earlier lease ran out is taken too; if it was in flight then, it is flagged
        uncertain. Rows come oldest due first.

        Args:
            worker: Who claims (unique per worker process or task).
            limit: How many rows at most.
            lease: How long they are the worker's unless renewed.

        Returns:
            The claimed rows, by id.
        """
        now = self._clock()
        due = and_(
            _OUT.c.status == _PENDING,
            _OUT.c.not_before <= now,
            or_(_OUT.c.lease_until.is_(None), _OUT.c.lease_until < now),
        )
        picked = (
            select(_OUT.c.id)
            .where(due)
            .order_by(_OUT.c.not_before, _OUT.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
            # A CTE is run once: PostgreSQL may run a LIMIT subquery under IN more than once,
            # taking more rows than asked for.
            .cte("picked")
        )
        statement = (
            update(_OUT)
            .where(_OUT.c.id.in_(select(picked.c.id)), due)
            .values(
                lease_owner=worker,
                lease_until=now + lease,
                uncertain=or_(_OUT.c.uncertain, _OUT.c.in_flight),
                in_flight=False,
            )
            .returning(*_ITEM_COLUMNS)
        )
        async with self._db.sessions.begin() as session:
            rows = (await session.execute(statement)).all()
        return sorted((_item(row) for row in rows), key=lambda item: item.id)

    async def mark_in_flight(self, worker: str, ids: Collection[int]) -> set[int]:
        """Mark rows in flight just before their calls, and count the calls.

        Args:
            worker: The worker that holds them.
            ids: The rows about to be sent.

        Returns:
            The rows that may be sent: still pending and still the worker's. A row cancelled
            meanwhile, or taken by another worker after this one's lease ran out, is left out.
        """
        if not ids:
            return set()
        mine = (_OUT.c.id.in_(list(ids)), _OUT.c.lease_owner == worker, _OUT.c.status == _PENDING)
        statement = (
            update(_OUT)
            .where(_OUT.c.id.in_(_in_order(*mine)))
            .values(in_flight=True, attempts=_OUT.c.attempts + 1)
            .returning(_OUT.c.id)
        )
        async with self._db.sessions.begin() as session:
            return set((await session.scalars(statement)).all())

    async def record(self, worker: str, attempts: Sequence[Attempt]) -> None:
        """Record the outcomes of calls, all in one transaction.

        Only rows still leased by ``worker`` change. ``SENT`` is recorded even for a row that
        was cancelled while its call was under way (it did go out, and a retract needs its
        message id); other outcomes leave a cancelled row cancelled.

        Args:
            worker: The worker that made the calls.
            attempts: One per row.
        """
        if not attempts:
            return
        now = self._clock()
        sent = [_sent_params(a, worker) for a in attempts if a.status is Outcome.SENT]
        again_attempts = [a for a in attempts if a.status is Outcome.PENDING]
        again = [_again_params(a, worker, now) for a in again_attempts]
        final = [
            _final_params(a, worker)
            for a in attempts
            if a.status not in (Outcome.SENT, Outcome.PENDING)
        ]
        dropped = [a.row_id for a in again_attempts if a.drop_conversation]
        async with self._db.sessions.begin() as session:
            if self._db.dialect == "postgresql":
                # The updates below lock row by row; take the locks in id order first.
                ids = [attempt.row_id for attempt in attempts]
                await session.execute(_in_order(_OUT.c.id.in_(ids)))
            if sent:
                await session.execute(_SENT.values(sent_at=now), sent)
            if dropped:
                await session.execute(_forget_conversations(dropped, worker, now))
            if again:
                await session.execute(_AGAIN, again)
            if final:
                await session.execute(_FINAL, final)

    async def renew(self, worker: str, ids: Collection[int], lease: timedelta) -> int:
        """Extend the lease on those of ``ids`` that ``worker`` still holds.

        Args:
            worker: The worker.
            ids: The rows it claimed (rows already recorded are left alone).
            lease: The new lease, from now.

        Returns:
            How many rows it still holds.
        """
        if not ids:
            return 0
        until = self._clock() + lease
        mine = _in_order(_OUT.c.id.in_(list(ids)), _OUT.c.lease_owner == worker)
        statement = update(_OUT).where(_OUT.c.id.in_(mine)).values(lease_until=until)
        async with self._db.sessions.begin() as session:
            return rowcount(await session.execute(statement))

    async def release(self, worker: str, ids: Collection[int]) -> int:
        """Give back those of ``ids`` that ``worker`` holds and is not sending (a worker that
        stops, or a batch that leaves rows out).

        Returns:
            How many rows were given back.
        """
        if not ids:
            return 0
        mine = _in_order(
            _OUT.c.id.in_(list(ids)), _OUT.c.lease_owner == worker, _OUT.c.in_flight.is_(False)
        )
        statement = update(_OUT).where(_OUT.c.id.in_(mine)).values(**_RELEASE)
        async with self._db.sessions.begin() as session:
            return rowcount(await session.execute(statement))

    async def release_expired(self) -> Released:
        """Give back every row whose lease ran out; rows that were in flight become uncertain.

        :meth:`claim` takes pending rows with a lapsed lease anyway; this also settles rows that
        were cancelled while in flight when their worker died.

        Returns:
            How many rows came back, and how many of them uncertain.
        """
        # Only pending and cancelled rows can hold a lease (recording clears it); naming them
        # lets the status index narrow the search.
        lapsed = and_(
            _OUT.c.status.in_([_PENDING, Outcome.CANCELLED.value]),
            _OUT.c.lease_until < self._clock(),
        )
        in_flight = _in_order(lapsed, _OUT.c.in_flight.is_(True))
        idle = _in_order(lapsed, _OUT.c.in_flight.is_(False))
        async with self._db.sessions.begin() as session:
            uncertain = rowcount(
                await session.execute(
                    update(_OUT).where(_OUT.c.id.in_(in_flight)).values(uncertain=True, **_RELEASE)
                )
            )
            returned = rowcount(
                await session.execute(update(_OUT).where(_OUT.c.id.in_(idle)).values(**_RELEASE))
            )
        return Released(returned + uncertain, uncertain)

    async def cancel(self, campaign_id: int) -> int:
        """Cancel every pending row of a campaign at once.

        A row whose call is under way keeps its lease, so its outcome is still recorded
        (``SENT`` if it went out); no call starts for a cancelled row.

        Returns:
            How many rows were cancelled.
        """
        pending = _in_order(_OUT.c.campaign_id == campaign_id, _OUT.c.status == _PENDING)
        statement = (
            update(_OUT)
            .where(_OUT.c.id.in_(pending))
            .values(
                status=Outcome.CANCELLED.value,
                lease_owner=case((_OUT.c.in_flight, _OUT.c.lease_owner), else_=null()),
                lease_until=case((_OUT.c.in_flight, _OUT.c.lease_until), else_=null()),
            )
        )
        async with self._db.sessions.begin() as session:
            return rowcount(await session.execute(statement))

    async def finish_runs(self) -> list[RunRecord]:
        """Mark every unfinished run without pending rows as finished.

        Returns:
            The runs finished now (each is returned by one call only).
        """
        waiting = select(_OUT.c.id).where(_OUT.c.run_id == _RUNS.c.id, _OUT.c.status == _PENDING)
        statement = (
            update(_RUNS)
            .where(_RUNS.c.finished_at.is_(None), ~waiting.exists())
            .values(finished_at=self._clock())
            .returning(*_RUNS.c)
        )
        async with self._db.sessions.begin() as session:
            rows = (await session.execute(statement)).all()
        return sorted((_run(row) for row in rows), key=lambda run: run.id)

    async def next_due(self) -> timedelta | None:
        """How long until the next pending row can be claimed (zero when one can now, counting
        leases still held), or None when no row is pending."""
        leased_longer = and_(
            _OUT.c.lease_until.is_not(None), _OUT.c.lease_until > _OUT.c.not_before
        )
        due_at = case((leased_longer, _OUT.c.lease_until), else_=_OUT.c.not_before)
        query = select(func.min(due_at)).where(_OUT.c.status == _PENDING)
        async with self._db.sessions() as session:
            moment = await session.scalar(query)
        if moment is None:
            return None
        return max(aware(moment) - self._clock(), timedelta(0))

    async def backlog(self) -> tuple[int, datetime | None]:
        """Rows not yet delivered, and when the oldest run among them started (for metrics:
        one indexed count and a look at the few unfinished runs)."""
        pending = select(func.count()).where(_OUT.c.status == _PENDING)
        oldest = select(func.min(_RUNS.c.started_at)).where(
            _RUNS.c.finished_at.is_(None),
            select(_OUT.c.id)
            .where(_OUT.c.run_id == _RUNS.c.id, _OUT.c.status == _PENDING)
            .exists(),
        )
        async with self._db.sessions() as session:
            count = await session.scalar(pending)
            started = await session.scalar(oldest)
        return int(count or 0), aware(started) if started is not None else None

    async def counts(self, campaign_id: int, run_id: int | None = None) -> OutboxCounts:
        """Rows per status of a campaign, or of one of its runs.

        Args:
            campaign_id: The campaign.
            run_id: One run only, when given.

        Returns:
            The counts, with uncertain and in-flight rows.
        """
        query = (
            select(
                _OUT.c.status,
                func.count(),
                func.sum(case((_OUT.c.uncertain, 1), else_=0)),
                func.sum(case((_OUT.c.in_flight, 1), else_=0)),
            )
            .where(_OUT.c.campaign_id == campaign_id)
            .group_by(_OUT.c.status)
        )
        if run_id is not None:
            query = query.where(_OUT.c.run_id == run_id)
        async with self._db.sessions() as session:
            rows = (await session.execute(query)).all()
        by_status = {status: int(count) for status, count, _, _ in rows}
        known = {outcome.value for outcome in Outcome}
        return OutboxCounts(
            **{status: count for status, count in by_status.items() if status in known},
            uncertain=sum(int(uncertain or 0) for _, _, uncertain, _ in rows),
            in_flight=sum(int(flying or 0) for _, _, _, flying in rows),
        )

    async def sent(self, campaign_id: int) -> list[SentMessage]:
        """Every message a campaign posted, in the order they went."""
        query = (
            select(_OUT)
            .where(_OUT.c.campaign_id == campaign_id, _OUT.c.status == Outcome.SENT.value)
            .order_by(_OUT.c.sent_at, _OUT.c.id)
        )
        async with self._db.sessions() as session:
            rows = (await session.execute(query)).all()
        return [
            SentMessage(
                run_id=row.run_id,
                recipient=row.recipient,
                service_url=row.service_url,
                tenant_id=row.tenant_id,
                conversation_id=row.conversation_id,
                channel_id=row.channel_id,
                message_id=row.message_id,
                sent_at=aware(row.sent_at),
            )
            for row in rows
        ]

    async def _insert(
        self,
        session: AsyncSession,
        run_id: int,
        campaign_id: int,
        recipients: Iterable[OutboxRecipient],
        now: datetime,
    ) -> int:
        rows = [
            {
                **asdict(recipient),
                "run_id": run_id,
                "campaign_id": campaign_id,
                "status": _PENDING,
                "attempts": 0,
                "not_before": now,
                "in_flight": False,
                "uncertain": False,
            }
            for recipient in recipients
        ]
        if not rows:
            return 0
        statement = (
            dialect_insert(self._db.dialect, OutboxRow)
            .on_conflict_do_nothing(index_elements=["run_id", "recipient"])
            .returning(_OUT.c.id)
        )
        return len((await session.execute(statement, rows)).all())


def _in_order(*where: ColumnElement[bool]) -> Select[tuple[int]]:
    """The ids of the rows matching ``where``, locked in id order (PostgreSQL; on SQLite the
    one writer already keeps writers apart)."""
    return select(_OUT.c.id).where(*where).order_by(_OUT.c.id).with_for_update()


_MINE = and_(_OUT.c.id == bindparam("b_id", type_=Integer), _OUT.c.lease_owner == bindparam("b_w"))
_HTTP = bindparam("b_http", type_=Integer)

_SENT = (
    update(_OUT)
    .where(_MINE)
    .values(
        status=Outcome.SENT.value,
        message_id=bindparam("b_message", type_=String),
        conversation_id=func.coalesce(
            bindparam("b_conversation", type_=String), _OUT.c.conversation_id
        ),
        last_status=_HTTP,
        **_RELEASE,
    )
)

_AGAIN = (
    update(_OUT)
    .where(_MINE)
    .values(
        not_before=bindparam("b_not_before", type_=DateTime(timezone=True)),
        conversation_id=case(
            (bindparam("b_drop", type_=Boolean), null()), else_=_OUT.c.conversation_id
        ),
        last_status=_HTTP,
        **_RELEASE,
    )
)

_FINAL = (
    update(_OUT)
    .where(_MINE)
    .values(
        status=case(
            (_OUT.c.status == _PENDING, bindparam("b_status", type_=String)),
            else_=_OUT.c.status,
        ),
        last_status=_HTTP,
        **_RELEASE,
    )
)


def _forget_conversations(row_ids: list[int], worker: str, now: datetime) -> Update:
    """Teams no longer knows these rows' stored conversations (404): mark them gone, so later
    campaigns create the chat anew instead of trying the stored one first."""
    gone = select(_OUT.c.conversation_id).where(
        _OUT.c.id.in_(row_ids), _OUT.c.lease_owner == worker, _OUT.c.conversation_id.is_not(None)
    )
    return (
        update(Conversation)
        .where(Conversation.conversation_id.in_(gone))
        .values(active=False, removed_at=now, updated_at=now)
    )


def _sent_params(attempt: Attempt, worker: str) -> dict[str, Any]:
    return {
        "b_id": attempt.row_id,
        "b_w": worker,
        "b_message": attempt.message_id,
        "b_conversation": attempt.conversation_id,
        "b_http": attempt.http_status,
    }


def _again_params(attempt: Attempt, worker: str, now: datetime) -> dict[str, Any]:
    return {
        "b_id": attempt.row_id,
        "b_w": worker,
        "b_not_before": now + timedelta(seconds=max(attempt.retry_in, 0.0)),
        "b_drop": attempt.drop_conversation,
        "b_http": attempt.http_status,
    }


def _final_params(attempt: Attempt, worker: str) -> dict[str, Any]:
    return {
        "b_id": attempt.row_id,
        "b_w": worker,
        "b_status": attempt.status.value,
        "b_http": attempt.http_status,
    }


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("a planned time needs a time zone")
    return moment.astimezone(UTC)


def _item(row: Row[Any]) -> OutboxItem:
    return OutboxItem(
        id=row.id,
        run_id=row.run_id,
        campaign_id=row.campaign_id,
        recipient=row.recipient,
        service_url=row.service_url,
        tenant_id=row.tenant_id,
        conversation_id=row.conversation_id,
        user_object_id=row.user_object_id,
        channel_id=row.channel_id,
        team_id=row.team_id,
        language=row.language,
        attempts=row.attempts,
        uncertain=bool(row.uncertain),
    )


def _run(row: Row[Any]) -> RunRecord:
    return RunRecord(
        id=row.id,
        campaign_id=row.campaign_id,
        planned_at=aware(row.planned_at),
        started_at=aware(row.started_at),
        finished_at=aware(row.finished_at) if row.finished_at else None,
    )
