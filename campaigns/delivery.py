"""The delivery worker: takes due recipients from the outbox and sends them their card, as fast
as Teams allows and no faster.

One :class:`Deliverer` per process (several may share a database). Per batch it claims rows with
a lease, and sends them in waves: each row waits for its conversation's window and for the tenant
budget, a wave is marked in flight in one write just before its calls, and outcomes are written
in bulk a few times a second, so the database sees a handful of writes per second, not one per
message. What Teams answers decides what follows:

* 429: that conversation waits Retry-After (or a back-off) and the shared budget slows down;
  every other conversation goes on.
* 412/5xx/broken connection: tried again after a delay, a bounded number of times.
* 404 on a stored conversation: it is forgotten and created once more from the person's
  object id.
* 403, 413 and anything else: final.

A cancelled campaign's rows are refused at the in-flight write, so no call starts for them; a
run is marked finished once none of its rows is pending.
"""

from __future__ import annotations

import asyncio
import heapq
import logging
import math
import random
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from campaigns.rules.limits import Conversations, Lane, Limits, RetryPolicy, TenantBudget
from campaigns.rules.model import Outcome
from conversation.proactive import Delivery, ProactiveSender, Recipient, Result
from conversation.reply import Card
from ops.logcontext import campaign_context
from store.outbox import Attempt, OutboxItem, OutboxStore, RunRecord

logger = logging.getLogger(__name__)

CardBuilder = Callable[[OutboxItem], Awaitable[Card]]
"""Builds the card for one row (its campaign's content, in the row's language)."""
RunFinished = Callable[[RunRecord], Awaitable[None]]
"""Told about each run this worker found finished (e.g. to move its campaign to done)."""

_FINAL: dict[Result, Outcome] = {
    Result.NOT_INSTALLED: Outcome.NOT_INSTALLED,
    Result.UNREACHABLE: Outcome.UNREACHABLE,
    Result.TOO_BIG: Outcome.FAILED,
    Result.FAILED: Outcome.FAILED,
}


@dataclass(frozen=True)
class DeliverySettings:
    """How a worker batches its work.

    Attributes:
        batch_size: Rows claimed at a time.
        concurrency: Calls to Teams under way at once, at most.
        lease: How long claimed rows stay this worker's without renewal.
        renew_every: Seconds between lease renewals (well under ``lease``).
        flush_every: Seconds between bulk writes of outcomes.
        flush_size: Outcomes that trigger a bulk write before ``flush_every``.
        idle_poll: Seconds between looks at the outbox when nothing is due.
        longest_hold: A row whose conversation must wait longer than this goes back to the
            outbox (due then) instead of holding up the end of the batch.
        wave_slack: Waits for the budget shorter than this are slept without first starting
            the calls gathered so far (one write per wave, not per call, at high rates).
    """

    batch_size: int = 500
    concurrency: int = 32
    lease: timedelta = timedelta(seconds=60)
    renew_every: float = 20.0
    flush_every: float = 0.25
    flush_size: int = 500
    idle_poll: float = 1.0
    longest_hold: float = 5.0
    wave_slack: float = 0.002


def attempt_for(item: OutboxItem, delivery: Delivery, retry: RetryPolicy, jitter: float) -> Attempt:
    """What to record after one call.

    Args:
        item: The row, as claimed (``attempts`` not yet counting this call).
        delivery: What Teams answered.
        retry: How often and after how long to try again.
        jitter: A random number in [0, 1).

    Returns:
        ``SENT``, a final outcome, or ``PENDING`` with the seconds until the next call.
    """
    calls = item.attempts + 1
    status = delivery.status
    result = delivery.result
    if result is Result.SENT:
        return Attempt(item.id, Outcome.SENT, delivery.message_id, delivery.conversation_id, status)
    if result is Result.THROTTLED or result is Result.RETRY:
        wait = (
            retry.after_throttle(calls, delivery.retry_after, jitter)
            if result is Result.THROTTLED
            else retry.after_retry(calls, jitter)
        )
        if wait is None:
            return Attempt(item.id, Outcome.FAILED, http_status=status)
        return Attempt(item.id, Outcome.PENDING, http_status=status, retry_in=wait)
    if result is Result.GONE:
        if item.conversation_id and item.user_object_id:
            return Attempt(item.id, Outcome.PENDING, http_status=status, drop_conversation=True)
        return Attempt(item.id, Outcome.UNREACHABLE, http_status=status)
    return Attempt(item.id, _FINAL[result], http_status=status)


def calls_for(item: OutboxItem) -> int:
    """Calls to Teams a row takes: two for a person whose chat must be created first."""
    return 2 if item.conversation_id is None and item.channel_id is None else 1


def conversation_key(item: OutboxItem) -> str:
    """The conversation a row's call counts against (Teams limits per conversation)."""
    return item.conversation_id or item.channel_id or f"new:{item.recipient}"


class Deliverer:
    """Sends due outbox rows: claim, pace, send, record, repeat."""

    def __init__(
        self,
        outbox: OutboxStore,
        sender: ProactiveSender,
        card_for: CardBuilder,
        *,
        budget: TenantBudget,
        limits: Limits | None = None,
        settings: DeliverySettings | None = None,
        conversations: Conversations | None = None,
        worker: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        jitter: Callable[[], float] = random.random,
        on_finished: RunFinished | None = None,
    ) -> None:
        """Deliver from ``outbox`` through ``sender``.

        Args:
            outbox: The outbox store.
            sender: Posts to Teams (the edge's sender, or a fake).
            card_for: Builds a row's card.
            budget: The process's tenant budget, shared with everything else that calls Teams.
            limits: Windows per conversation and retry rules (Teams' own by default).
            settings: Batching, concurrency and leases.
            conversations: The per-conversation windows, when shared with other senders.
            worker: This worker's name in leases (unique; a random one by default).
            clock: Monotonic seconds, for pacing.
            sleep: Waits that many seconds.
            jitter: Random numbers in [0, 1) for back-off.
            on_finished: Told about each run found finished.
        """
        self.limits = limits or Limits()
        self.settings = settings or DeliverySettings()
        self.worker = worker or f"deliverer-{uuid.uuid4().hex[:12]}"
        self._outbox = outbox
        self._sender = sender
        self._card_for = card_for
        self._budget = budget
        self._conversations = conversations or Conversations(
            self.limits.conversation, self.limits.conversation_margin
        )
        # Calls planned but maybe not made yet: they spread a batch's rows over each window,
        # while ``_conversations`` counts the calls when they go out (see ``_take_slot``).
        self._planned = Conversations(self.limits.conversation, self.limits.conversation_margin)
        self._clock = clock
        self._sleep = sleep
        self._jitter = jitter
        self._on_finished = on_finished
        # One write at a time from this worker: its writes never wait for each other's locks.
        self._writes = asyncio.Lock()
        self._stop = asyncio.Event()
        self._wake = asyncio.Event()
        self._settle_at = -math.inf

    async def run(self, stop: asyncio.Event | None = None) -> None:
        """Deliver until ``stop`` is set (or :meth:`stop` is called), then give back the rows
        not yet sent. A failing database is logged and tried again after a pause.

        Args:
            stop: Set it to stop.
        """
        if stop is not None:
            self._stop = stop
        while not self._stop.is_set():
            # Cleared before looking, so a wake-up while looking is not lost.
            self._wake.clear()
            try:
                handled = await self.run_once()
                wait = 0.0 if handled else await self._idle_wait()
            except Exception:  # the outbox keeps everything; try again after a pause
                logger.exception("campaign delivery failed; trying again")
                wait = self.settings.idle_poll
            if wait > 0:
                await self._pause(wait)

    def stop(self) -> None:
        """Ask :meth:`run` to finish its calls under way, record them, and return."""
        self._stop.set()

    def wake(self) -> None:
        """Look at the outbox now instead of at the next poll (a run was just created)."""
        self._wake.set()

    async def drain(self) -> None:
        """Deliver until no row is pending any more (for tests and ``send now``)."""
        while True:
            if await self.run_once():
                continue
            due = await self._outbox.next_due()
            if due is None:
                return
            await self._sleep(min(max(due.total_seconds(), 0.01), self.settings.idle_poll))

    async def run_once(self) -> int:
        """Claim one batch and deliver it; then finish runs without pending rows.

        Returns:
            How many rows were claimed (0: nothing was due).
        """
        async with self._writes:
            batch = await self._outbox.claim(
                self.worker, self.settings.batch_size, self.settings.lease
            )
            if not batch and self._clock() >= self._settle_at:
                # Rarely: it looks through every leased row, and claims take lapsed ones anyway.
                self._settle_at = self._clock() + self.settings.lease.total_seconds()
                await self._outbox.release_expired()
        if batch:
            await self._deliver(batch)
        for run in await self._outbox.finish_runs():
            logger.info("campaign %s: run %s finished", run.campaign_id, run.id)
            if self._on_finished is not None:
                await self._on_finished(run)
        return len(batch)

    async def _idle_wait(self) -> float:
        due = await self._outbox.next_due()
        if due is None:
            return self.settings.idle_poll
        return min(max(due.total_seconds(), 0.01), self.settings.idle_poll)

    async def _pause(self, seconds: float) -> None:
        waits = {
            asyncio.ensure_future(self._stop.wait()),
            asyncio.ensure_future(self._wake.wait()),
            asyncio.ensure_future(self._sleep(seconds)),
        }
        try:
            await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for wait in waits:
                wait.cancel()

    async def _deliver(self, rows: list[OutboxItem]) -> None:
        batch = _Batch(rows, self._clock(), self.settings.concurrency)
        recorder = _Recorder(self._outbox, self.worker, self._writes, self.settings.flush_size)
        background = [
            asyncio.create_task(self._keep_lease([row.id for row in rows])),
            asyncio.create_task(self._keep_recording(recorder)),
        ]
        try:
            await self._dispatch(batch, recorder)
            while batch.calls:
                await asyncio.gather(*batch.calls)
            await recorder.flush()
            if batch.leftover:
                async with self._writes:
                    await self._outbox.release(self.worker, [row.id for row in rows])
        finally:
            # On cancellation (a worker that dies) nothing more is written: rows in flight stay
            # so, and come back uncertain when the lease runs out.
            for task in (*batch.calls, *background):
                task.cancel()
            await asyncio.gather(*background, return_exceptions=True)

    async def _dispatch(self, batch: _Batch, recorder: _Recorder) -> None:
        """Send every row of the batch that may go, in waves.

        Rows wait in time order: for their conversation's window (a row that would wait longer
        than ``longest_hold`` goes back to the outbox), for a free call, then for the budget.
        """
        holding_permit = False
        while batch.queue:
            if self._stop.is_set():
                batch.leftover = True
                break
            ready_at, _, item = batch.queue[0]
            now = self._clock()
            if ready_at > now:
                if batch.wave:  # start the wave first; then look again, time has passed
                    await self._launch(batch, recorder)
                else:
                    await self._sleep(ready_at - now)
                continue
            key = conversation_key(item)
            earliest = max(self._planned.earliest(key, now), self._conversations.earliest(key, now))
            if earliest > now:
                heapq.heappop(batch.queue)
                if earliest - now > self.settings.longest_hold:
                    recorder.add(Attempt(item.id, Outcome.PENDING, retry_in=earliest - now))
                else:
                    batch.later(item, earliest)
                continue
            if not holding_permit:
                if batch.permits.locked():  # the wave is as large as it can be: start it
                    await self._launch(batch, recorder)
                await batch.permits.acquire()
                holding_permit = True
                continue  # time may have passed: look at the first row again
            wait = self._budget.acquire(now, Lane.CAMPAIGN, calls_for(item))
            if wait > 0:
                if batch.wave and wait > self.settings.wave_slack:
                    await self._launch(batch, recorder)
                else:
                    await self._sleep(wait)
                continue
            heapq.heappop(batch.queue)
            self._planned.record(key, now)
            batch.wave.append(item)
            holding_permit = False
        if holding_permit:
            batch.permits.release()
        await self._launch(batch, recorder)

    async def _launch(self, batch: _Batch, recorder: _Recorder) -> None:
        """Mark the wave in flight and start its calls. Rows refused (cancelled meanwhile, or
        the lease lost) take the rest of their campaign's rows out of the batch."""
        wave, batch.wave = batch.wave, []
        if not wave:
            return
        async with self._writes:
            allowed = await self._outbox.mark_in_flight(self.worker, [item.id for item in wave])
        refused: set[int] = set()
        for item in wave:
            if item.id in allowed:
                call = asyncio.create_task(self._call(item, batch, recorder))
                batch.calls.add(call)
                call.add_done_callback(batch.calls.discard)
            else:
                batch.permits.release()
                refused.add(item.campaign_id)
        if refused:
            logger.info("campaigns %s: rows refused (cancelled?), left out", sorted(refused))
            batch.drop_campaigns(refused)

    async def _call(self, item: OutboxItem, batch: _Batch, recorder: _Recorder) -> None:
        try:
            # Each call is a task of its own, so its log lines name its campaign and chat only.
            with campaign_context(item.campaign_id, item.conversation_id or item.channel_id):
                recorder.add(await self._send(item))
        finally:
            batch.permits.release()

    async def _keep_lease(self, ids: list[int]) -> None:
        while True:
            await self._sleep(self.settings.renew_every)
            async with self._writes:
                await self._outbox.renew(self.worker, ids, self.settings.lease)

    async def _keep_recording(self, recorder: _Recorder) -> None:
        while True:
            await recorder.wait_for_work(self.settings.flush_every, self._sleep)
            await recorder.flush()

    async def _send(self, item: OutboxItem) -> Attempt:
        try:
            card = await self._card_for(item)
        except Exception:  # the content is gone or broken: this recipient cannot get it
            logger.exception("campaign %s: no card for row %s", item.campaign_id, item.id)
            return Attempt(item.id, Outcome.FAILED)
        recipient = Recipient(
            service_url=item.service_url,
            tenant_id=item.tenant_id,
            conversation_id=item.conversation_id,
            user_object_id=item.user_object_id,
            channel_id=item.channel_id,
        )
        await self._take_slot(conversation_key(item))
        try:
            delivery = await self._sender.send(recipient, card)
        except Exception:  # a sender should not raise; treat it as a broken connection
            logger.warning("campaign %s: send raised", item.campaign_id, exc_info=True)
            delivery = Delivery(Result.RETRY)
        attempt = attempt_for(item, delivery, self.limits.retry, self._jitter())
        if delivery.result is Result.THROTTLED:
            now = self._clock()
            self._budget.throttled(now, delivery.retry_after)
            self._conversations.hold(conversation_key(item), now + attempt.retry_in)
        return attempt

    async def _take_slot(self, key: str) -> None:
        """Wait for the conversation's window and count the call, right before it goes out.

        Teams counts a call when it arrives; the time between planning a call and making it
        (the wave's in-flight write, building the card) varies with the load, so calls planned
        far enough apart could still arrive too close together. Nothing awaits between taking
        the slot and the call.
        """
        while True:
            now = self._clock()
            earliest = self._conversations.earliest(key, now)
            if earliest <= now:
                self._conversations.record(key, now)
                return
            await self._sleep(earliest - now)


class _Batch:
    """One claimed batch on its way: rows waiting in time order, the wave being gathered, and
    the calls under way."""

    def __init__(self, rows: list[OutboxItem], now: float, concurrency: int) -> None:
        self.queue: list[tuple[float, int, OutboxItem]] = [(now, row.id, row) for row in rows]
        heapq.heapify(self.queue)
        self.wave: list[OutboxItem] = []
        self.calls: set[asyncio.Task[None]] = set()
        self.permits = asyncio.Semaphore(concurrency)
        self.leftover = False
        """Rows were left unsent and are still leased (a cancelled campaign's, or on stop)."""
        self._order = max(row.id for row in rows)

    def later(self, row: OutboxItem, ready_at: float) -> None:
        """Put a row back, to look at again at ``ready_at``."""
        self._order += 1
        heapq.heappush(self.queue, (ready_at, self._order, row))

    def drop_campaigns(self, campaign_ids: set[int]) -> None:
        """Take every row of these campaigns out of the batch."""
        self.queue = [entry for entry in self.queue if entry[2].campaign_id not in campaign_ids]
        heapq.heapify(self.queue)
        self.leftover = True


class _Recorder:
    """Outcomes waiting to be written, and the bulk write."""

    def __init__(self, outbox: OutboxStore, worker: str, writes: asyncio.Lock, size: int) -> None:
        self._outbox = outbox
        self._worker = worker
        self._writes = writes
        self._size = size
        self._waiting: list[Attempt] = []
        self._full = asyncio.Event()
        # Taking outcomes and writing them is one step, so a last flush waits for one under way.
        self._flushing = asyncio.Lock()

    def add(self, attempt: Attempt) -> None:
        self._waiting.append(attempt)
        if len(self._waiting) >= self._size:
            self._full.set()

    async def wait_for_work(
        self, seconds: float, sleep: Callable[[float], Awaitable[None]]
    ) -> None:
        """Return after ``seconds``, or sooner when enough outcomes are waiting."""
        full = asyncio.ensure_future(self._full.wait())
        pause = asyncio.ensure_future(sleep(seconds))
        try:
            await asyncio.wait({full, pause}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            full.cancel()
            pause.cancel()

    async def flush(self) -> None:
        async with self._flushing:
            self._full.clear()
            if not self._waiting:
                return
            taken, self._waiting = self._waiting, []
            async with self._writes:
                await self._outbox.record(self._worker, taken)
