"""The nightly publish: once a day at a fixed local time, the site is brought in step.

A small loop of its own rather than a job in the campaigns' APScheduler: one fixed daily time
needs no job store and no rebuilding from a table, features may not reach into each other, and
a run is idempotent and takes the publishing lock, so a night missed during downtime or a run
on two replicas at once does no harm (the next run does what is left; the second one is told
another is busy).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from store.clock import Clock
from sync.errors import Busy, SyncError
from sync.publisher import Summary

logger = logging.getLogger(__name__)

ZONE = ZoneInfo("Europe/Amsterdam")
"""The organisation's time zone: the nightly time is local time."""

Sleep = Callable[[float], Awaitable[None]]


def next_run(after: datetime, at: time) -> datetime:
    """The first moment after ``after`` when the local clock shows ``at`` (in UTC)."""
    local = after.astimezone(ZONE)
    candidate = datetime.combine(local.date(), at, tzinfo=ZONE)
    if candidate <= local:
        candidate = datetime.combine(local.date() + timedelta(days=1), at, tzinfo=ZONE)
    return candidate.astimezone(after.tzinfo)


def parse_time(text: str) -> time:
    """``HH:MM`` as a time of day."""
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


class NightlyPublish:
    """Runs ``publish`` every day at ``at`` (local time) while started."""

    def __init__(
        self,
        publish: Callable[[], Awaitable[Summary]],
        at: time,
        clock: Clock,
        *,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        """Publish with ``publish`` at ``at`` each day; ``clock`` and ``sleep`` for tests."""
        self._publish = publish
        self._at = at
        self._clock = clock
        self._sleep = sleep
        self._task: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        """True while the loop is started."""
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        """Start the loop on the running event loop."""
        if not self.running:
            self._task = asyncio.get_running_loop().create_task(self._loop(), name="nightly")

    async def stop(self) -> None:
        """Stop the loop (a run under way stops too; the next one goes on from there)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _loop(self) -> None:
        while True:
            now = self._clock()
            wait = (next_run(now, self._at) - now).total_seconds()
            await self._sleep(max(wait, 0.0))
            await self.run_once()

    async def run_once(self) -> Summary | None:
        """One publish, logged; a failure is logged and the loop waits for the next night."""
        try:
            summary = await self._publish()
        except Busy as busy:
            logger.info("Nightly publish to SharePoint skipped: %s", busy)
            return None
        except SyncError as error:
            logger.error("Nightly publish to SharePoint did not run: %s", error)
            return None
        except Exception:  # the loop must survive whatever one night brings
            logger.exception("Nightly publish to SharePoint failed.")
            return None
        logger.info(
            "Nightly publish to SharePoint: %d pages and files done, %d failed, %d left out.",
            len(summary.outcomes) - len(summary.failed),
            len(summary.failed),
            len(summary.skipped),
        )
        return summary
