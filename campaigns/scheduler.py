"""Campaigns fire on time: APScheduler jobs, rebuilt from the campaigns table.

The table is the truth. At start, and whenever a campaign changed (checked every few seconds,
so a campaign planned from the command line starts within seconds of its time), every scheduled
campaign gets one date job at its ``next_run_at``. A job that fires moves its campaign from
scheduled to sending with a compare-and-set: a firing happens once, however many schedulers,
restarts or stale jobs try. After downtime, a campaign less than the grace period late fires at
once; a later one is marked missed and its author is told.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from apscheduler.job import Job
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from campaigns.rules.model import State
from campaigns.rules.schedule import next_run
from store.campaigns import CampaignRecord, CampaignStore
from store.clock import Clock

logger = logging.getLogger(__name__)

SCHEDULER = "scheduler"
"""How the campaign log names the scheduler."""

Fire = Callable[[CampaignRecord, datetime], Awaitable[None]]
"""Starts one run of a campaign: (the campaign, the time it was planned for)."""
Missed = Callable[[CampaignRecord], Awaitable[None]]
"""Tells a missed campaign's author."""


class CampaignScheduler:
    """Keeps one job per scheduled campaign and fires it at its minute."""

    def __init__(
        self,
        store: CampaignStore,
        fire: Fire,
        missed: Missed,
        clock: Clock,
        *,
        grace: timedelta,
        poll_seconds: float = 5.0,
    ) -> None:
        """Fire campaigns from ``store`` with ``fire``; tell ``missed`` about late ones.

        Args:
            store: The campaigns.
            fire: Starts a run.
            missed: Tells the author of a campaign that was too late to send.
            clock: The current time.
            grace: How late a campaign may still be sent after downtime.
            poll_seconds: How often to look for campaigns planned elsewhere.
        """
        self._store = store
        self._fire = fire
        self._missed = missed
        self._clock = clock
        self._grace = grace
        self._poll = poll_seconds
        self._seen: datetime | None = None
        self._scheduler = AsyncIOScheduler(timezone=UTC)

    async def start(self) -> None:
        """Rebuild the jobs from the table and start firing (call inside the event loop)."""
        if not self._scheduler.running:
            self._scheduler.start()
        await self.sync(force=True)
        self._scheduler.add_job(
            self.sync, IntervalTrigger(seconds=self._poll), id="campaigns-sync",
            max_instances=1, coalesce=True, replace_existing=True,
        )  # fmt: skip

    async def stop(self) -> None:
        """Stop firing and end the jobs under way; nothing is lost, the table still says what
        is due."""
        if self._scheduler.running:
            # No new firing from now on; the jobs under way finish first (APScheduler's shutdown
            # would cancel them halfway through a database call, and a cancelled call to a
            # database that is closing can hang the event loop).
            self._scheduler.pause()
            executor = self._scheduler._lookup_executor("default")
            under_way = [f for f in getattr(executor, "_pending_futures", ()) if not f.done()]
            if under_way:
                await asyncio.wait(under_way, timeout=10)
            self._scheduler.shutdown(wait=False)
        self._seen = None

    def planned(self) -> dict[int, datetime]:
        """The jobs now waiting: campaign id -> when it fires (for tests and the operator)."""
        return {
            int(job.id.removeprefix("campaign-")): job.trigger.run_date
            for job in self._jobs()
            if isinstance(job.trigger, DateTrigger)
        }

    async def sync(self, force: bool = False) -> None:
        """Make the jobs match the scheduled campaigns (when anything changed since last time)."""
        changed = await self._store.last_change()
        if not force and changed == self._seen:
            return
        self._seen = changed
        now = self._clock()
        wanted: dict[str, CampaignRecord] = {}
        for campaign in await self._store.in_states({State.SCHEDULED}):
            if campaign.next_run_at is None:
                continue
            if campaign.next_run_at < now - self._grace:
                await self._mark_missed(campaign)
                continue
            wanted[f"campaign-{campaign.id}"] = campaign
        for job in self._jobs():
            if job.id not in wanted:
                job.remove()
        for job_id, campaign in wanted.items():
            existing = self._scheduler.get_job(job_id)
            at = campaign.next_run_at
            assert at is not None
            if existing and existing.args == (campaign.id, at):
                continue
            self._scheduler.add_job(
                self._run, DateTrigger(run_date=max(at, now)), args=(campaign.id, at),
                id=job_id, replace_existing=True,
                misfire_grace_time=int(self._grace.total_seconds()) or 1,
            )  # fmt: skip

    async def _run(self, campaign_id: int, planned_at: datetime) -> None:
        """The job: move the campaign to sending (once) and start its run."""
        campaign = await self._store.get(campaign_id)
        if campaign is None or campaign.next_run_at != planned_at:
            return  # changed since the job was made; the next sync puts it right
        following = next_run(campaign.schedule, planned_at)
        if not await self._store.move(
            campaign_id, State.SENDING, expected={State.SCHEDULED}, actor=SCHEDULER,
            action="start", detail=planned_at.isoformat(), next_run_at=following,
        ):  # fmt: skip
            return
        late = (self._clock() - planned_at).total_seconds()
        logger.info("Campaign %d starts (%.1f s after its time).", campaign_id, max(late, 0))
        try:
            await self._fire(campaign, planned_at)
        except Exception:  # the run is recorded; the log says why it did not start
            logger.exception("Campaign %d could not start.", campaign_id)
            await self._store.move(
                campaign_id, State.FAILED, expected={State.SENDING}, actor=SCHEDULER,
                action="fail", detail="the run could not start",
            )  # fmt: skip

    async def _mark_missed(self, campaign: CampaignRecord) -> None:
        late = self._clock() - (campaign.next_run_at or self._clock())
        if await self._store.move(
            campaign.id, State.MISSED, expected={State.SCHEDULED}, actor=SCHEDULER,
            action="missed", detail=f"{int(late.total_seconds() // 60)} minutes late",
        ):  # fmt: skip
            logger.warning("Campaign %d was missed: Paraat was down at its time.", campaign.id)
            await self._missed(campaign)

    def _jobs(self) -> list[Job]:
        return [job for job in self._scheduler.get_jobs() if job.id.startswith("campaign-")]
