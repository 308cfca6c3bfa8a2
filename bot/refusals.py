"""Refused requests in the log: one warning line each, without a traceback, and never a flood.

Anyone on the internet can post to ``/api/messages``, so the log keeps at most ``burst`` lines a
``window``; the ones left out are counted, and the first line of the next window says how many
there were. The metrics count every refusal (``paraat_requests_refused``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

logger = logging.getLogger("bot.refusals")


class RefusalLog:
    """Logs refusals, at most ``burst`` a ``window`` seconds."""

    def __init__(
        self,
        burst: int = 20,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """At most ``burst`` lines per ``window`` seconds on ``clock``."""
        self._burst = burst
        self._window = window
        self._clock = clock
        self._opened = -float("inf")
        self._logged = 0
        self._left_out = 0

    def refused(self, status: int, reason: str) -> None:
        """Log one refused request: its status and what was wrong (never its content)."""
        now = self._clock()
        left_out = 0
        if now - self._opened >= self._window:
            left_out = self._left_out
            self._opened, self._logged, self._left_out = now, 0, 0
        if self._logged >= self._burst:
            self._left_out += 1
            return
        self._logged += 1
        if left_out:
            logger.warning(
                "Refused a request (%d): %s; %d more were refused and not logged before it.",
                status,
                reason,
                left_out,
            )
        else:
            logger.warning("Refused a request (%d): %s.", status, reason)
