"""Stopping gracefully: once asked to stop, no new turn starts, and the turns under way finish.

:class:`TurnGate` counts the turns under way; after :meth:`TurnGate.close` new requests get 503
with ``Retry-After`` (Teams tries again, by then at another replica), ``/readyz`` says not
ready, and :meth:`TurnGate.idle` waits (bounded) until the last turn has answered.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator

RETRY_AFTER_SECONDS = 5
"""What a request refused while stopping is told to wait: long enough for a replica to be
taken out of the load balancer."""


class Closed(Exception):
    """The process is stopping: no new turn may start."""


class TurnGate:
    """The turns under way, and whether new ones may start."""

    def __init__(self) -> None:
        """Open, with no turn under way."""
        self._open = True
        self._under_way = 0
        self._idle = asyncio.Event()
        self._idle.set()

    @property
    def is_open(self) -> bool:
        """False once the process is stopping."""
        return self._open

    @property
    def under_way(self) -> int:
        """Turns started and not yet answered."""
        return self._under_way

    @contextlib.contextmanager
    def turn(self) -> Iterator[None]:
        """Hold the gate for one turn; :class:`Closed` when stopping."""
        if not self._open:
            raise Closed
        self._under_way += 1
        self._idle.clear()
        try:
            yield
        finally:
            self._under_way -= 1
            if self._under_way == 0:
                self._idle.set()

    def close(self) -> None:
        """Let no new turn start."""
        self._open = False

    async def idle(self, seconds: float) -> bool:
        """Wait until no turn is under way, at most ``seconds``; True when none is."""
        try:
            async with asyncio.timeout(seconds):
                await self._idle.wait()
        except TimeoutError:
            return False
        return True
