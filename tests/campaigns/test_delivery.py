"""The delivery worker against a Teams that pushes back, on SQLite and PostgreSQL: nothing is
lost or sent twice, a throttled conversation holds up nobody else, cancel stops sending, and a
worker that dies leaves its rows to another (the ones in flight counted uncertain)."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from campaigns.delivery import Deliverer, DeliverySettings, attempt_for
from campaigns.rules.limits import BudgetPolicy, Limits, RetryPolicy, TenantBudget, Window
from campaigns.rules.model import Outcome
from conversation.proactive import Delivery, Recipient, Result
from conversation.reply import Card
from store.database import Database
from store.outbox import OutboxItem, OutboxRecipient, OutboxStore, RunRecord
from store.tables import OutboxRow

PLANNED = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
UNLIMITED = BudgetPolicy(limit=1_000_000.0, campaign_share=1_000_000.0)
QUICK_RETRIES = RetryPolicy(delays=(0.05, 0.05, 0.05), throttled_calls=10)
QUICK = DeliverySettings(
    batch_size=200,
    flush_every=0.05,
    idle_poll=0.05,
    lease=timedelta(seconds=10),
    renew_every=2.0,
)


@dataclass(frozen=True)
class Post:
    """A message Teams accepted."""

    recipient: str
    campaign_id: int
    conversation_id: str
    message_id: str
    at: float


@dataclass
class FakeTeams:
    """A ProactiveSender that answers like Teams: 429 with Retry-After for a conversation over
    its window, 503 a few times, 403 for blocked or not installed, 404 for a gone conversation.

    A message counts as posted when the call arrives (a caller that dies while waiting for the
    answer does not know it went out).
    """

    windows: tuple[Window, ...] = (Window(7, 1.0), Window(8, 2.0))
    retry_after: float | None = 0.5
    latency: float = 0.0
    gone: set[str] = field(default_factory=set)
    blocked: set[str] = field(default_factory=set)
    not_installed: set[str] = field(default_factory=set)
    flaky: Counter[str] = field(default_factory=Counter)
    posts: list[Post] = field(default_factory=list)
    answers: Counter[Result] = field(default_factory=Counter)
    calls: int = 0
    _sent: dict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque))
    _ids: itertools.count[int] = field(default_factory=itertools.count)
    _called: asyncio.Event = field(default_factory=asyncio.Event)

    async def send(self, recipient: Recipient, card: Card) -> Delivery:
        self.calls += 1
        self._called.set()
        delivery = self._answer(recipient, card)
        self.answers[delivery.result] += 1
        await asyncio.sleep(self.latency)
        return delivery

    async def delete(self, recipient: Recipient, message_id: str) -> Delivery:
        return Delivery(Result.SENT, status=200)

    def _answer(self, recipient: Recipient, card: Card) -> Delivery:
        conversation = recipient.conversation_id
        if conversation is None:
            assert recipient.user_object_id is not None
            if recipient.user_object_id in self.not_installed:
                return Delivery(Result.NOT_INSTALLED, status=403)
            conversation = f"a:new-{recipient.user_object_id}"
        if conversation in self.gone:
            return Delivery(Result.GONE, status=404)
        if conversation in self.blocked:
            return Delivery(Result.UNREACHABLE, status=403)
        if self.flaky[conversation] > 0:
            self.flaky[conversation] -= 1
            return Delivery(Result.RETRY, status=503)
        now = time.monotonic()
        sent = self._sent[conversation]
        for window in self.windows:
            if sum(1 for at in sent if at > now - window.seconds) >= window.count:
                return Delivery(Result.THROTTLED, retry_after=self.retry_after, status=429)
        sent.append(now)
        message_id = f"m-{next(self._ids)}"
        who, campaign = card["body"][0]["text"], card["campaign"]
        self.posts.append(Post(who, campaign, conversation, message_id, now))
        return Delivery(Result.SENT, message_id, conversation, status=201)

    async def reached(self, calls: int) -> None:
        """Return once ``calls`` calls have arrived."""
        while self.calls < calls:
            self._called.clear()
            await self._called.wait()

    def posted(self) -> Counter[str]:
        """Messages per recipient."""
        return Counter(post.recipient for post in self.posts)


async def card_for(item: OutboxItem) -> Card:
    return {
        "type": "AdaptiveCard",
        "version": "1.5",
        "body": [{"type": "TextBlock", "text": item.recipient}],
        "campaign": item.campaign_id,
    }


def people(count: int, *, conversation: str | None = None, first: int = 0) -> list[OutboxRecipient]:
    """Recipients with a stored chat each (or all in one ``conversation``)."""
    return [
        OutboxRecipient(
            recipient=f"user:{n}",
            service_url="https://smba.example/emea/",
            language="nl",
            tenant_id="tenant",
            conversation_id=conversation or f"a:{n}",
            user_object_id=f"oid-{n}",
        )
        for n in range(first, first + count)
    ]


class Finished:
    """Collects the runs a deliverer reports finished."""

    def __init__(self) -> None:
        self.runs: list[RunRecord] = []

    async def __call__(self, run: RunRecord) -> None:
        self.runs.append(run)


def deliverer(
    outbox: OutboxStore,
    teams: FakeTeams,
    *,
    budget: BudgetPolicy = UNLIMITED,
    limits: Limits | None = None,
    settings: DeliverySettings = QUICK,
    finished: Finished | None = None,
    worker: str | None = None,
) -> Deliverer:
    return Deliverer(
        outbox,
        teams,
        card_for,
        budget=TenantBudget(budget),
        limits=limits or Limits(retry=QUICK_RETRIES),
        settings=settings,
        worker=worker,
        on_finished=finished,
    )


async def start(outbox: OutboxStore, recipients: list[OutboxRecipient], campaign: int = 1) -> int:
    started = await outbox.create_run(campaign, PLANNED, recipients)
    return started.run.id


async def test_every_recipient_gets_one_message_and_refusals_are_final(
    database: Database,
) -> None:
    outbox = OutboxStore(database)
    run_id = await start(outbox, people(300))
    teams = FakeTeams(
        gone={"a:7"},
        blocked={"a:8", "a:9"},
        flaky=Counter({"a:10": 2, "a:11": 1}),
    )
    # Two people without a chat: one gets one created, the other has not installed Paraat.
    await outbox.add_recipients(
        (await outbox.run(run_id)) or pytest.fail("no run"),
        [
            OutboxRecipient("user:new", "https://smba.example/emea/", "en", user_object_id="o1"),
            OutboxRecipient("user:none", "https://smba.example/emea/", "nl", user_object_id="o2"),
        ],
    )
    teams.not_installed.add("o2")
    finished = Finished()
    await deliverer(outbox, teams, finished=finished).drain()

    posted = teams.posted()
    assert max(posted.values()) == 1
    assert set(posted) == {f"user:{n}" for n in range(300) if n not in (8, 9)} | {"user:new"}
    counts = await outbox.counts(1)
    assert (counts.sent, counts.unreachable, counts.not_installed) == (299, 2, 1)
    assert (counts.pending, counts.failed, counts.uncertain, counts.in_flight) == (0, 0, 0, 0)
    # The gone chat was created once more; the new one is kept for retracting.
    sent = {message.recipient: message for message in await outbox.sent(1)}
    assert sent["user:7"].conversation_id == "a:new-oid-7"
    assert sent["user:new"].conversation_id == "a:new-o1"
    assert [run.id for run in finished.runs] == [run_id]


async def test_retries_are_bounded(database: Database) -> None:
    outbox = OutboxStore(database)
    await start(outbox, people(3))
    teams = FakeTeams(flaky=Counter({"a:0": 100}))
    await deliverer(outbox, teams).drain()
    counts = await outbox.counts(1)
    assert (counts.sent, counts.failed) == (2, 1)
    assert teams.answers[Result.RETRY] == QUICK_RETRIES.attempts


async def test_a_throttled_conversation_does_not_hold_up_the_others(database: Database) -> None:
    outbox = OutboxStore(database)
    # Three posts to one busy channel, and 150 people; Teams takes one post per 0.5 s there.
    await start(outbox, people(3, conversation="19:busy@thread.tacv2", first=1000), campaign=1)
    await start(outbox, people(150), campaign=2)
    teams = FakeTeams(windows=(Window(1, 0.5),), retry_after=0.5)
    # Paraat's own windows set too wide on purpose, so Teams has to push back.
    loose = Limits(conversation=(Window(100, 1.0),), retry=QUICK_RETRIES)
    await deliverer(outbox, teams, limits=loose).drain()

    assert max(teams.posted().values()) == 1
    assert teams.answers[Result.THROTTLED] >= 2
    busy = [post.at for post in teams.posts if post.campaign_id == 1]
    others = [post.at for post in teams.posts if post.campaign_id == 2]
    assert len(busy) == 3 and len(others) == 150
    # Everyone else was done before the busy channel got its second post.
    assert max(others) < sorted(busy)[1]
    assert sorted(busy)[2] - sorted(busy)[0] >= 1.0 - 0.01
    assert (await outbox.counts(1)).sent == 3


async def test_the_worker_keeps_each_conversations_window(database: Database) -> None:
    outbox = OutboxStore(database)
    await start(outbox, people(10, conversation="19:small@thread.tacv2"))
    window = Window(3, 0.3)
    teams = FakeTeams(windows=(window,))
    await deliverer(outbox, teams, limits=Limits(conversation=(window,))).drain()
    assert teams.answers == Counter({Result.SENT: 10})
    times = [post.at for post in teams.posts]
    assert all(later - first >= 0.3 for first, later in zip(times, times[3:], strict=False))


async def test_a_slow_step_before_a_call_does_not_squeeze_its_conversation(
    database: Database,
) -> None:
    # The first call is held up after its slot was planned (a slow write or card, as under
    # load); Teams counts a call when it arrives, so the next ones keep the window from then.
    outbox = OutboxStore(database)
    await start(outbox, people(10, conversation="19:small@thread.tacv2"))
    window = Window(3, 0.3)
    teams = FakeTeams(windows=(window,))
    built = itertools.count()

    async def first_card_slow(item: OutboxItem) -> Card:
        if next(built) == 0:
            await asyncio.sleep(0.2)
        return await card_for(item)

    worker = Deliverer(
        outbox, teams, first_card_slow, budget=TenantBudget(UNLIMITED),
        limits=Limits(conversation=(window,), retry=QUICK_RETRIES), settings=QUICK,
    )  # fmt: skip
    await worker.drain()
    assert teams.answers == Counter({Result.SENT: 10})
    times = sorted(post.at for post in teams.posts)
    assert all(later - first >= 0.3 for first, later in zip(times, times[3:], strict=False))


async def test_cancel_stops_further_sends(database: Database) -> None:
    outbox = OutboxStore(database)
    await start(outbox, people(200))
    teams = FakeTeams(latency=0.01)
    finished = Finished()
    # 100 calls per second, so there is time to cancel half way.
    worker = deliverer(outbox, teams, budget=BudgetPolicy(100, 100), finished=finished)
    task = asyncio.create_task(worker.drain())
    await asyncio.wait_for(teams.reached(30), 5)
    assert await outbox.cancel(1) > 0
    at_cancel = teams.calls
    await asyncio.wait_for(task, 10)

    counts = await outbox.counts(1)
    assert counts.sent + counts.cancelled == 200 and counts.pending == 0
    assert counts.sent == len(teams.posts) == teams.calls
    # Only the calls already under way when it was cancelled went on.
    assert teams.calls <= at_cancel + QUICK.concurrency
    assert len(finished.runs) == 1


async def test_a_dead_workers_rows_are_finished_by_another_uncertain_ones_counted(
    database: Database,
) -> None:
    outbox = OutboxStore(database)
    await start(outbox, people(120))
    teams = FakeTeams(latency=0.05)
    short = DeliverySettings(
        batch_size=60,
        concurrency=8,
        flush_every=0.05,
        idle_poll=0.05,
        lease=timedelta(seconds=0.5),
        renew_every=0.15,
    )
    doomed = asyncio.create_task(deliverer(outbox, teams, settings=short, worker="doomed").drain())
    await asyncio.wait_for(teams.reached(20), 5)
    doomed.cancel()
    with pytest.raises(asyncio.CancelledError):
        await doomed
    left = await outbox.counts(1)
    assert left.in_flight > 0 and left.pending > 0

    finished = Finished()
    await deliverer(outbox, teams, settings=short, worker="heir", finished=finished).drain()

    counts = await outbox.counts(1)
    assert (counts.sent, counts.pending, counts.in_flight) == (120, 0, 0)
    assert counts.uncertain == left.in_flight
    async with database.sessions() as session:
        uncertain = set(
            await session.scalars(select(OutboxRow.recipient).where(OutboxRow.uncertain.is_(True)))
        )
    posted = teams.posted()
    assert set(posted) == {f"user:{n}" for n in range(120)}
    # Only a call whose outcome the dead worker never learned can have gone out twice.
    assert {who for who, times in posted.items() if times > 1} <= uncertain
    assert max(posted.values()) <= 2
    assert len(finished.runs) == 1


async def test_two_workers_at_once_send_everything_once(database: Database) -> None:
    outbox = OutboxStore(database)
    await start(outbox, people(200))
    teams = FakeTeams(latency=0.002)
    small = DeliverySettings(batch_size=25, flush_every=0.05, idle_poll=0.05)
    finished = Finished()
    workers = [
        deliverer(outbox, teams, settings=small, finished=finished, worker=f"w{n}")
        for n in range(2)
    ]
    await asyncio.gather(*(worker.drain() for worker in workers))
    assert teams.posted() == Counter({f"user:{n}": 1 for n in range(200)})
    counts = await outbox.counts(1)
    assert (counts.sent, counts.uncertain) == (200, 0)
    assert len(finished.runs) == 1


async def test_leases_are_renewed_while_a_long_batch_runs(database: Database) -> None:
    outbox = OutboxStore(database)
    await start(outbox, people(30))
    teams = FakeTeams(latency=0.02)
    # The one batch takes 0.6 s, three times its lease: only renewal keeps its rows.
    slow = DeliverySettings(
        batch_size=30,
        concurrency=1,
        flush_every=0.05,
        idle_poll=0.05,
        lease=timedelta(seconds=0.2),
        renew_every=0.05,
    )
    task = asyncio.create_task(deliverer(outbox, teams, settings=slow).drain())
    await asyncio.sleep(0.45)
    assert 0 < teams.calls < 30
    assert await outbox.claim("thief", 100, timedelta(seconds=10)) == []
    await asyncio.wait_for(task, 5)
    assert teams.posted() == Counter({f"user:{n}": 1 for n in range(30)})
    assert (await outbox.counts(1)).uncertain == 0


async def test_a_stopped_worker_gives_its_rows_back(database: Database) -> None:
    outbox = OutboxStore(database)
    await start(outbox, people(100))
    teams = FakeTeams(latency=0.01)
    worker = deliverer(outbox, teams, budget=BudgetPolicy(100, 100))
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    await asyncio.wait_for(teams.reached(10), 5)
    stop.set()
    await asyncio.wait_for(task, 5)
    counts = await outbox.counts(1)
    assert counts.in_flight == 0 and counts.sent == len(teams.posts)
    # Nothing is left leased: another worker takes the rest at once.
    assert len(await outbox.claim("next", 500, timedelta(seconds=10))) == counts.pending > 0


async def test_a_woken_worker_looks_at_once(database: Database) -> None:
    outbox = OutboxStore(database)
    teams = FakeTeams()
    sleepy = DeliverySettings(idle_poll=30.0)
    worker = deliverer(outbox, teams, settings=sleepy)
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    await asyncio.sleep(0.1)  # idle now, for 30 s
    await start(outbox, people(5))
    worker.wake()
    await asyncio.wait_for(teams.reached(5), 2)
    stop.set()
    await asyncio.wait_for(task, 2)


async def test_a_large_run_goes_out_in_batches_each_recipient_once(database: Database) -> None:
    # How fast is measured by `make bench`, not here: a shared machine makes timings noisy.
    outbox = OutboxStore(database)
    total = 3000
    await start(outbox, people(total))
    teams = FakeTeams(windows=())
    fast = DeliverySettings(batch_size=500, concurrency=64, flush_every=0.2, idle_poll=0.05)
    await deliverer(outbox, teams, settings=fast).drain()
    assert len(teams.posts) == total
    assert len({post.recipient for post in teams.posts}) == total


def item(**values: object) -> OutboxItem:
    base: dict[str, object] = {
        "id": 1,
        "run_id": 1,
        "campaign_id": 1,
        "recipient": "user:1",
        "service_url": "https://smba.example/emea/",
        "tenant_id": "t",
        "conversation_id": "a:1",
        "user_object_id": "o1",
        "channel_id": None,
        "team_id": None,
        "language": "nl",
        "attempts": 0,
        "uncertain": False,
    }
    return OutboxItem(**(base | values))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("delivery", "row", "status", "retry_in", "drop"),
    [
        (Delivery(Result.SENT, "m", "a:1", status=201), item(), Outcome.SENT, 0.0, False),
        (Delivery(Result.THROTTLED, retry_after=7), item(), Outcome.PENDING, 7.0, False),
        (Delivery(Result.THROTTLED), item(attempts=19), Outcome.FAILED, 0.0, False),
        (Delivery(Result.RETRY, status=503), item(), Outcome.PENDING, 2.0, False),
        (Delivery(Result.RETRY, status=503), item(attempts=4), Outcome.FAILED, 0.0, False),
        (Delivery(Result.GONE, status=404), item(), Outcome.PENDING, 0.0, True),
        (Delivery(Result.GONE), item(conversation_id=None), Outcome.UNREACHABLE, 0.0, False),
        (Delivery(Result.GONE), item(user_object_id=None), Outcome.UNREACHABLE, 0.0, False),
        (Delivery(Result.NOT_INSTALLED), item(), Outcome.NOT_INSTALLED, 0.0, False),
        (Delivery(Result.UNREACHABLE), item(), Outcome.UNREACHABLE, 0.0, False),
        (Delivery(Result.TOO_BIG, status=413), item(), Outcome.FAILED, 0.0, False),
        (Delivery(Result.FAILED), item(), Outcome.FAILED, 0.0, False),
    ],
)
def test_what_each_answer_leads_to(
    delivery: Delivery, row: OutboxItem, status: Outcome, retry_in: float, drop: bool
) -> None:
    attempt = attempt_for(row, delivery, RetryPolicy(), jitter=0.5)
    assert (attempt.status, attempt.drop_conversation) == (status, drop)
    assert attempt.retry_in == pytest.approx(retry_in)
    assert attempt.http_status == delivery.status
