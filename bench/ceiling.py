"""The emulator's own ceiling: a plain aiohttp client posting the campaign's message to Teams as
fast as it answers, with as many requests in flight as Paraat's worker has.

Nothing but the HTTP call: no outbox, no pacing, no Agents SDK. Paraat's throughput divided by
this is the share of what the machine and the emulator allow that Paraat achieves.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import aiohttp

TIMEOUT = aiohttp.ClientTimeout(total=30)


class CeilingFailed(RuntimeError):
    """Teams refused a post (the emulator must run without limits for the ceiling)."""


@dataclass(frozen=True)
class Ceiling:
    """How fast the plain client got its posts accepted."""

    posts: int
    seconds: float
    cpu_seconds: float
    """CPU seconds this process used meanwhile (the client)."""

    @property
    def per_second(self) -> float:
        """Posts accepted per second."""
        return self.posts / self.seconds if self.seconds > 0 else float("nan")


async def measure_ceiling(
    service_url: str, activity: dict[str, Any], conversations: Sequence[str], concurrency: int
) -> Ceiling:
    """Post ``activity`` once to each of ``conversations``, ``concurrency`` at a time.

    Args:
        service_url: Teams' service URL (ends with ``/``).
        activity: The message, as Paraat's sender posted it.
        conversations: Where to post (one post each).
        concurrency: Posts in flight at once.

    Raises:
        CeilingFailed: a post was not accepted.
    """
    work = iter(conversations)
    async with aiohttp.ClientSession(service_url, timeout=TIMEOUT) as session:
        began, cpu = time.perf_counter(), time.process_time()
        async with asyncio.TaskGroup() as group:
            for _ in range(concurrency):
                group.create_task(_post_all(session, work, activity))
        seconds, cpu_seconds = time.perf_counter() - began, time.process_time() - cpu
    return Ceiling(len(conversations), seconds, cpu_seconds)


async def _post_all(
    session: aiohttp.ClientSession, work: Iterator[str], activity: dict[str, Any]
) -> None:
    # The iterator is shared: each poster takes the next conversation when it is free.
    for conversation in work:
        async with session.post(f"v3/conversations/{conversation}/activities", json=activity) as r:
            await r.read()
            if r.status not in (200, 201):
                raise CeilingFailed(f"HTTP {r.status} from the emulator for {conversation}")
