"""The scheduler fires each campaign once, on time, from the table; after downtime it follows
the grace policy; a campaign planned elsewhere is picked up within seconds."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import pytest

from campaigns.rules.model import Audience, Content, Schedule, State
from campaigns.scheduler import CampaignScheduler
from store.campaigns import CampaignRecord, CampaignStore, NewCampaign
from store.clock import utc_now
from store.database import Database

GRACE = timedelta(minutes=30)


class Fired:
    """Records each run the scheduler starts."""

    def __init__(self) -> None:
        self.runs: list[tuple[int, datetime]] = []
        self.missed: list[int] = []
        self.event = asyncio.Event()

    async def fire(self, campaign: CampaignRecord, planned_at: datetime) -> None:
        self.runs.append((campaign.id, planned_at))
        self.event.set()

    async def tell(self, campaign: CampaignRecord) -> None:
        self.missed.append(campaign.id)

    async def wait(self, seconds: float = 5.0) -> None:
        await asyncio.wait_for(self.event.wait(), seconds)


async def plan(store: CampaignStore, at: datetime, repeat: str | None = None) -> CampaignRecord:
    return await store.add(
        NewCampaign("Oefening", Content("quiz"), Audience("all"), Schedule(at, repeat),
                    State.SCHEDULED, "cli:x", "cli:x", at)
    )  # fmt: skip


@pytest.fixture
async def store(database: Database) -> CampaignStore:
    return CampaignStore(database)


@pytest.fixture
async def fired() -> Fired:
    return Fired()


@pytest.fixture
async def scheduler(store: CampaignStore, fired: Fired) -> AsyncIterator[CampaignScheduler]:
    running = CampaignScheduler(store, fired.fire, fired.tell, utc_now, grace=GRACE,
                                poll_seconds=0.2)  # fmt: skip
    yield running
    await running.stop()


async def test_a_campaign_fires_at_its_time_once_and_moves_to_sending(
    store: CampaignStore, fired: Fired, scheduler: CampaignScheduler
) -> None:
    at = utc_now() + timedelta(seconds=0.4)
    campaign = await plan(store, at)
    await scheduler.start()
    assert scheduler.planned() == {campaign.id: at}
    await fired.wait()
    assert fired.runs == [(campaign.id, at)]
    assert utc_now() >= at  # not early; how late is what `make bench` measures
    stored = await store.get(campaign.id)
    assert stored is not None and stored.state == State.SENDING and stored.next_run_at is None
    await asyncio.sleep(0.5)
    assert len(fired.runs) == 1 and scheduler.planned() == {}


async def test_two_schedulers_on_one_database_fire_a_campaign_once(
    store: CampaignStore, fired: Fired, scheduler: CampaignScheduler
) -> None:
    other = CampaignScheduler(store, fired.fire, fired.tell, utc_now, grace=GRACE,
                              poll_seconds=0.2)  # fmt: skip
    at = utc_now() + timedelta(seconds=0.4)
    await plan(store, at)
    await scheduler.start()
    await other.start()
    try:
        await fired.wait()
        await asyncio.sleep(0.5)
    finally:
        await other.stop()
    assert len(fired.runs) == 1


async def test_a_campaign_planned_while_running_is_picked_up_within_seconds(
    store: CampaignStore, fired: Fired, scheduler: CampaignScheduler
) -> None:
    await scheduler.start()
    now = utc_now()
    campaign = await plan(store, now)
    await fired.wait()
    assert fired.runs == [(campaign.id, now)]


async def test_after_downtime_a_little_late_is_sent_and_too_late_is_missed(
    store: CampaignStore, fired: Fired, scheduler: CampaignScheduler
) -> None:
    late = await plan(store, utc_now() - timedelta(minutes=10))
    too_late = await plan(store, utc_now() - timedelta(hours=2))
    await scheduler.start()
    await fired.wait()
    assert [run[0] for run in fired.runs] == [late.id]
    assert fired.missed == [too_late.id]
    missed = await store.get(too_late.id)
    assert missed is not None and missed.state == State.MISSED
    [*_, last] = await store.events(too_late.id)
    assert (
        last.action == "missed"
        and last.actor == "scheduler"
        and "minutes late" in (last.detail or "")
    )


async def test_a_repeating_campaign_is_given_its_next_time(
    store: CampaignStore, fired: Fired, scheduler: CampaignScheduler
) -> None:
    at = utc_now() + timedelta(seconds=0.4)
    campaign = await plan(store, at, repeat="weekly")
    await scheduler.start()
    await fired.wait()
    stored = await store.get(campaign.id)
    assert stored is not None and stored.next_run_at is not None
    assert timedelta(days=6, hours=23) < stored.next_run_at - at < timedelta(days=7, hours=1)


async def test_a_cancelled_campaign_does_not_fire(
    store: CampaignStore, fired: Fired, scheduler: CampaignScheduler
) -> None:
    campaign = await plan(store, utc_now() + timedelta(seconds=0.4))
    await scheduler.start()
    await store.move(campaign.id, State.CANCELLED, expected={State.SCHEDULED}, actor="cli:x",
                     action="cancel")  # fmt: skip
    await asyncio.sleep(0.8)
    assert fired.runs == [] and scheduler.planned() == {}
