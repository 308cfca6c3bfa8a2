"""The delivery outbox on SQLite and PostgreSQL: runs happen once, rows are never taken twice,
a dead worker's rows come back (uncertain when they were in flight), cancel stops everything."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from campaigns.rules.model import Outcome
from store.database import Database
from store.outbox import Attempt, OutboxCounts, OutboxRecipient, OutboxStore, RunRecord

PLANNED = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LEASE = timedelta(seconds=30)


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = PLANNED

    def __call__(self) -> datetime:
        return self.now

    def move(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def people(count: int, start: int = 0) -> list[OutboxRecipient]:
    return [
        OutboxRecipient(
            recipient=f"user:{n}",
            service_url="https://smba.example/emea/",
            language="nl",
            tenant_id="tenant",
            conversation_id=f"a:conv-{n}",
            user_object_id=f"oid-{n}",
        )
        for n in range(start, start + count)
    ]


async def new_run(outbox: OutboxStore, count: int, campaign_id: int = 1) -> RunRecord:
    started = await outbox.create_run(campaign_id, PLANNED, people(count))
    assert started.created
    return started.run


async def test_a_run_is_created_once_with_its_recipients(database: Database) -> None:
    outbox = OutboxStore(database, clock=Clock())
    first = await outbox.create_run(7, PLANNED, people(3))
    # A second scheduler (or a restart) fires the same campaign for the same time.
    again = await outbox.create_run(7, PLANNED.astimezone(), people(5))
    assert first.created and not again.created
    assert again.run == first.run
    assert first.run.planned_at == PLANNED and first.run.finished_at is None
    assert await outbox.counts(7) == OutboxCounts(pending=3)
    # Adding recipients is idempotent too: only the two new ones count.
    assert await outbox.add_recipients(first.run, people(5)) == 2
    assert (await outbox.counts(7)).total == 5
    other = await outbox.create_run(7, PLANNED + timedelta(days=7), people(1))
    assert other.created and other.run.id != first.run.id


async def test_racing_schedulers_create_one_run(database: Database) -> None:
    outbox = OutboxStore(database, clock=Clock())
    starts = await asyncio.gather(*(outbox.create_run(3, PLANNED, people(4)) for _ in range(4)))
    assert sum(start.created for start in starts) == 1
    assert len({start.run.id for start in starts}) == 1
    assert await outbox.counts(3) == OutboxCounts(pending=4)


async def test_concurrent_claims_never_take_the_same_row(database: Database) -> None:
    outbox = OutboxStore(database, clock=Clock())
    await new_run(outbox, 300)
    # On PostgreSQL these run at once (SKIP LOCKED); on SQLite one writer at a time.
    batches = await asyncio.gather(
        *(outbox.claim(f"worker-{n}", 40, LEASE) for n in range(10)),
    )
    ids = [item.id for batch in batches for item in batch]
    assert len(ids) == len(set(ids)) == 300
    assert await outbox.claim("late", 40, LEASE) == []


async def test_claimed_rows_carry_what_a_send_needs(database: Database) -> None:
    outbox = OutboxStore(database, clock=Clock())
    run = await new_run(outbox, 2)
    batch = await outbox.claim("w", 10, LEASE)
    assert [(item.recipient, item.conversation_id, item.run_id) for item in batch] == [
        ("user:0", "a:conv-0", run.id),
        ("user:1", "a:conv-1", run.id),
    ]
    assert all(item.attempts == 0 and not item.uncertain for item in batch)


async def test_an_expired_lease_gives_rows_back_and_in_flight_ones_come_back_uncertain(
    database: Database,
) -> None:
    clock = Clock()
    outbox = OutboxStore(database, clock=clock)
    await new_run(outbox, 4)
    batch = await outbox.claim("dead", 10, LEASE)
    flying = {batch[0].id, batch[1].id}
    assert await outbox.mark_in_flight("dead", flying) == flying
    assert (await outbox.counts(1)).in_flight == 2
    # While the lease holds, nobody else gets them.
    clock.move(29)
    assert await outbox.claim("alive", 10, LEASE) == []
    clock.move(2)
    retaken = await outbox.claim("alive", 10, LEASE)
    assert {item.id for item in retaken} == {item.id for item in batch}
    assert {item.id for item in retaken if item.uncertain} == flying
    assert all(item.attempts == (1 if item.id in flying else 0) for item in retaken)
    counts = await outbox.counts(1)
    assert (counts.pending, counts.uncertain, counts.in_flight) == (4, 2, 0)


async def test_release_expired_settles_a_dead_workers_rows(database: Database) -> None:
    clock = Clock()
    outbox = OutboxStore(database, clock=clock)
    await new_run(outbox, 3)
    batch = await outbox.claim("dead", 10, LEASE)
    await outbox.mark_in_flight("dead", {batch[0].id})
    clock.move(10)
    assert (await outbox.release_expired()).returned == 0
    clock.move(60)
    released = await outbox.release_expired()
    assert (released.returned, released.uncertain) == (3, 1)
    assert (await outbox.counts(1)).uncertain == 1
    assert len(await outbox.claim("alive", 10, LEASE)) == 3


async def test_outcomes_are_recorded_in_bulk(database: Database) -> None:
    clock = Clock()
    outbox = OutboxStore(database, clock=clock)
    await new_run(outbox, 5)
    batch = await outbox.claim("w", 10, LEASE)
    ids = [item.id for item in batch]
    assert await outbox.mark_in_flight("w", ids) == set(ids)
    await outbox.record(
        "w",
        [
            Attempt(ids[0], Outcome.SENT, message_id="m-0", http_status=201),
            Attempt(ids[1], Outcome.SENT, message_id="m-1", conversation_id="a:new-1"),
            Attempt(ids[2], Outcome.PENDING, retry_in=5, http_status=429),
            Attempt(ids[3], Outcome.PENDING, drop_conversation=True, http_status=404),
            Attempt(ids[4], Outcome.UNREACHABLE, http_status=403),
        ],
    )
    counts = await outbox.counts(1)
    assert (counts.sent, counts.pending, counts.unreachable, counts.in_flight) == (2, 2, 1, 0)
    sent = await outbox.sent(1)
    assert [(m.recipient, m.conversation_id, m.message_id) for m in sent] == [
        ("user:0", "a:conv-0", "m-0"),
        ("user:1", "a:new-1", "m-1"),
    ]
    assert sent[0].sent_at == PLANNED
    # The dropped conversation is due now; the throttled one in 5 s.
    again = await outbox.claim("w", 10, LEASE)
    assert [(item.id, item.conversation_id, item.attempts) for item in again] == [(ids[3], None, 1)]
    assert await outbox.next_due() == timedelta(seconds=5)
    clock.move(5)
    assert [item.id for item in await outbox.claim("w2", 10, LEASE)] == [ids[2]]


async def test_only_the_lease_holder_records_or_sends(database: Database) -> None:
    clock = Clock()
    outbox = OutboxStore(database, clock=clock)
    await new_run(outbox, 2)
    batch = await outbox.claim("slow", 10, LEASE)
    ids = [item.id for item in batch]
    clock.move(31)
    assert len(await outbox.claim("fast", 10, LEASE)) == 2
    assert await outbox.mark_in_flight("slow", ids) == set()
    await outbox.record("slow", [Attempt(ids[0], Outcome.FAILED)])
    assert (await outbox.counts(1)).pending == 2


async def test_renew_keeps_a_lease_and_release_gives_rows_back(database: Database) -> None:
    clock = Clock()
    outbox = OutboxStore(database, clock=clock)
    await new_run(outbox, 3)
    ids = [item.id for item in await outbox.claim("w", 10, LEASE)]
    assert await outbox.mark_in_flight("w", ids[:1]) == {ids[0]}
    clock.move(20)
    assert await outbox.renew("w", ids, LEASE) == 3
    assert await outbox.renew("intruder", ids, LEASE) == 0
    clock.move(20)
    assert await outbox.claim("other", 10, LEASE) == []
    # A row in flight stays with its worker until its outcome is recorded.
    assert await outbox.release("w", ids) == 2
    assert [item.id for item in await outbox.claim("other", 10, LEASE)] == ids[1:]


async def test_cancel_stops_every_pending_row_at_once(database: Database) -> None:
    outbox = OutboxStore(database, clock=Clock())
    await new_run(outbox, 6, campaign_id=1)
    await new_run(outbox, 2, campaign_id=2)
    batch = await outbox.claim("w", 3, LEASE)
    # Exactly the rows returned are leased, not more.
    every_row = range(1, 100)
    assert await outbox.renew("w", every_row, LEASE) == len(batch) == 3
    ids = [item.id for item in batch]
    await outbox.mark_in_flight("w", {ids[0], ids[1]})
    assert await outbox.cancel(1) == 6
    # No call starts for a cancelled row; calls under way still record what happened.
    assert await outbox.mark_in_flight("w", {ids[2]}) == set()
    await outbox.record(
        "w", [Attempt(ids[0], Outcome.SENT, message_id="m"), Attempt(ids[1], Outcome.PENDING)]
    )
    counts = await outbox.counts(1)
    assert (counts.sent, counts.cancelled, counts.pending, counts.in_flight) == (1, 5, 0, 0)
    assert await outbox.counts(2) == OutboxCounts(pending=2)
    assert {item.campaign_id for item in await outbox.claim("w", 10, LEASE)} == {2}


async def test_a_run_finishes_when_nothing_is_pending(database: Database) -> None:
    outbox = OutboxStore(database, clock=Clock())
    run = await new_run(outbox, 2)
    empty = (await outbox.create_run(2, PLANNED, [])).run
    assert [finished.id for finished in await outbox.finish_runs()] == [empty.id]
    batch = await outbox.claim("w", 10, LEASE)
    await outbox.mark_in_flight("w", [item.id for item in batch])
    await outbox.record("w", [Attempt(batch[0].id, Outcome.SENT, message_id="m")])
    assert await outbox.finish_runs() == []
    await outbox.record("w", [Attempt(batch[1].id, Outcome.NOT_INSTALLED, http_status=403)])
    finished = await outbox.finish_runs()
    assert [(f.id, f.finished_at) for f in finished] == [(run.id, PLANNED)]
    assert await outbox.finish_runs() == []
    assert await outbox.next_due() is None
    stored = await outbox.run(run.id)
    assert stored is not None and stored.finished_at == PLANNED
