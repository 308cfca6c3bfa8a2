"""The readiness jobs: publish the week that ended, and apply the retention, on a timer.

Every Monday shortly after midnight (Europe/Amsterdam) the week that just ended is published,
so every week is kept even when nobody looks; a bot that was down then catches up when it
starts. Every night the retention turns old answers into counts per question and month
(docs/privacy.md, "Retention"). Both are safe on every replica at once (decision #38):
the first replica to keep a week wins, and each answer is aggregated by the one transaction that
deleted it. A failing job is logged in one line and tried again at its next time.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from typing import Final

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from readiness.rules.publication import ZONE
from readiness.week import ReadinessFigures
from store.clock import Clock, utc_now
from store.readiness import ReadinessStore
from store.retention import RetentionStore

logger = logging.getLogger(__name__)

PUBLISH: Final = "readiness-publish"
RETENTION: Final = "readiness-retention"

# Late is still fine within the week for publishing; the retention may as well wait a night.
_PUBLISH_GRACE: Final = timedelta(days=1)
_RETENTION_GRACE: Final = timedelta(hours=6)
_STOP_WAIT_SECONDS: Final = 30


def last_ended_week(now: datetime) -> date:
    """The Monday of the week that ended most recently at ``now`` (weeks end on Monday 00:00
    in Europe/Amsterdam)."""
    today = now.astimezone(ZONE).date()
    return today - timedelta(days=today.weekday() + 7)


class ReadinessJobs:
    """Publishes each ended week and applies the retention, on an APScheduler timer."""

    def __init__(
        self,
        figures: ReadinessFigures,
        weeks: ReadinessStore,
        retention: RetentionStore,
        clock: Clock = utc_now,
        *,
        catch_up_after: timedelta = timedelta(minutes=1),
    ) -> None:
        """Publish through ``figures`` (``weeks`` tells which are kept); apply the retention
        through ``retention``; ``clock`` decides which week ended last; a missed week is
        published ``catch_up_after`` the start (so start-up and the first turns go first)."""
        self._figures = figures
        self._weeks = weeks
        self._retention = retention
        self._clock = clock
        self._catch_up_after = catch_up_after
        self._scheduler = AsyncIOScheduler(timezone=ZONE)
        self._under_way: set[asyncio.Task[None]] = set()
        self._stopping = False

    async def publish_ended_week(self) -> date | None:
        """Publish the week that ended most recently.

        Returns:
            Its Monday; None when it was kept already (nothing is done then).
        """
        monday = last_ended_week(self._clock())
        kept = await self._weeks.shown_weeks(since=monday)
        if any(week.week_start == monday for week in kept.weeks):
            return None
        week = await self._figures.week(monday)
        logger.info(
            "Readiness week of %s published: %d groups shown.",
            monday.isoformat(),
            len(week.publication.groups),
        )
        return monday

    async def apply_retention(self) -> int:
        """Aggregate and delete the answers older than the retention (and delete old quiz
        rounds and repetition boxes); stops between batches when the jobs stop.

        Returns:
            How many answers were aggregated.
        """
        run = await self._retention.apply(keep_going=lambda: not self._stopping)
        logger.info(
            "Retention: %d answers added to the question totals and deleted; %d quiz rounds "
            "and %d repetition boxes deleted.",
            run.answers,
            run.rounds,
            run.reviews,
        )
        return run.answers

    async def start(self) -> None:
        """Start the timers (inside the event loop); publish soon when the week that ended
        last is not kept yet (the bot may have been down on Monday)."""
        self._stopping = False
        if not self._scheduler.running:
            self._scheduler.start()
        monday = CronTrigger(day_of_week="mon", hour=0, minute=30, timezone=ZONE)
        self._add(PUBLISH, monday, _PUBLISH_GRACE, self.publish_ended_week)
        nightly = CronTrigger(hour=3, minute=15, timezone=ZONE)
        self._add(RETENTION, nightly, _RETENTION_GRACE, self.apply_retention)
        # Catch up: the publishing job runs soon once (a no-op when the week is kept), then on
        # its Mondays again.
        soon = datetime.now(ZONE) + self._catch_up_after
        self._scheduler.modify_job(PUBLISH, next_run_time=soon)

    async def stop(self) -> None:
        """Stop the timers; a job under way ends after its current batch (up to 30 s)."""
        self._stopping = True
        if not self._scheduler.running:
            return
        self._scheduler.pause()
        if self._under_way:
            await asyncio.wait(set(self._under_way), timeout=_STOP_WAIT_SECONDS)
        self._scheduler.shutdown(wait=False)

    def planned(self) -> dict[str, datetime]:
        """The jobs waiting and when each runs next (for tests and the operator)."""
        return {
            job.id: job.next_run_time
            for job in self._scheduler.get_jobs()
            if job.next_run_time is not None
        }

    def _add(
        self,
        name: str,
        trigger: CronTrigger,
        grace: timedelta,
        job: Callable[[], Awaitable[object]],
    ) -> None:
        self._scheduler.add_job(
            self._run, trigger, args=(name, job), id=name, replace_existing=True,
            max_instances=1, coalesce=True, misfire_grace_time=int(grace.total_seconds()),
        )  # fmt: skip

    async def _run(self, name: str, job: Callable[[], Awaitable[object]]) -> None:
        """Run a job; an error is one line in the log, and the next time tries again."""
        task = asyncio.current_task()
        if task is not None:
            self._under_way.add(task)
        try:
            await job()
        except Exception as error:  # the timer must go on; the next run tries again
            # The class only: a database error's text can quote the rows it was about.
            logger.error("The job %s failed (%s); it runs again at its next time.", name,
                         type(error).__name__)  # fmt: skip
        finally:
            if task is not None:
                self._under_way.discard(task)
