"""The load generator: simulated users, each an asyncio task with its own HTTP session.

Every user posts its next activity as soon as the previous one was answered (a closed loop), so
``users`` is also the number of turns in flight. A measurement stops after ``max_turns`` turns
or ``max_seconds`` seconds, whichever comes first.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import aiohttp

Json = dict[str, Any]
Check = Callable[[int, bytes], bool]
"""Whether a response (HTTP status, body) is the right answer to the turn."""

REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=30)
HEADERS = {"Content-Type": "application/json"}


class WrongAnswer(RuntimeError):
    """The bot answered a turn with something else than the scenario expects."""


@dataclass(frozen=True)
class Sample:
    """One measurement: how many turns, in how long, and each turn's latency (seconds)."""

    turns: int
    seconds: float
    latencies: tuple[float, ...]

    @property
    def turns_per_second(self) -> float:
        """Throughput over the whole measurement."""
        return self.turns / self.seconds if self.seconds > 0 else 0.0


class _Budget:
    """Hands out at most ``turns`` turns until ``deadline`` (a ``perf_counter`` time)."""

    def __init__(self, turns: int, seconds: float) -> None:
        self._left = turns
        self._deadline = time.perf_counter() + seconds

    def take(self) -> bool:
        if self._left <= 0 or time.perf_counter() >= self._deadline:
            return False
        self._left -= 1
        return True


async def drive(
    url: str,
    feeds: Sequence[Iterator[Json]],
    check: Check,
    max_turns: int,
    max_seconds: float,
) -> Sample:
    """Post the activities of ``feeds`` (one per user, concurrently) to the bot at ``url``.

    Raises:
        WrongAnswer: when ``check`` refuses a response (the measurement would mean nothing).
    """
    sessions = [aiohttp.ClientSession(timeout=REQUEST_TIMEOUT) for _ in feeds]
    latencies: list[float] = []
    try:
        budget = _Budget(max_turns, max_seconds)
        started = time.perf_counter()
        async with asyncio.TaskGroup() as group:
            for session, feed in zip(sessions, feeds, strict=True):
                group.create_task(_user(session, url, feed, check, budget, latencies))
        elapsed = time.perf_counter() - started
    finally:
        for session in sessions:
            await session.close()
    return Sample(len(latencies), elapsed, tuple(latencies))


async def _user(
    session: aiohttp.ClientSession,
    url: str,
    feed: Iterator[Json],
    check: Check,
    budget: _Budget,
    latencies: list[float],
) -> None:
    for activity in feed:
        if not budget.take():
            return
        body = json.dumps(activity).encode()
        began = time.perf_counter()
        async with session.post(url, data=body, headers=HEADERS) as response:
            answer = await response.read()
            status = response.status
        latencies.append(time.perf_counter() - began)
        if not check(status, answer):
            raise WrongAnswer(f"HTTP {status} from {url}: {answer[:300]!r}")
