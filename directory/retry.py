"""When to try a throttled or failed Graph request again, and how long to wait first."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

RETRY_STATUSES = frozenset({429, 503, 504})
"""Throttled (429) or briefly unavailable (503, 504): Graph asks to come back later."""


@dataclass(frozen=True)
class RetryPolicy:
    """A bounded number of attempts; waits follow ``Retry-After``, else grow with jitter.

    Attributes:
        attempts: Tries in all, the first included.
        first_wait: The wait after the first failure without ``Retry-After`` (seconds); it
            doubles after each further failure, and a random part of it is left out (jitter),
            so replicas that were throttled together do not come back together.
        longest_wait: No wait is longer. A ``Retry-After`` longer than this gives up at once
            instead of asking Graph again too soon.
        jitter: A source of numbers in [0, 1) (seeded in tests).
    """

    attempts: int = 5
    first_wait: float = 1.0
    longest_wait: float = 60.0
    jitter: Callable[[], float] = field(default=random.random, compare=False)

    def wait(self, failures: int, retry_after: str | None) -> float | None:
        """Seconds to wait before the next try after ``failures`` failed tries; None: give up.

        Args:
            failures: Failed tries so far (1 after the first).
            retry_after: The response's ``Retry-After`` header (seconds, or an HTTP date).
        """
        if failures >= self.attempts:
            return None
        asked = parse_retry_after(retry_after)
        if asked is not None:
            return asked if asked <= self.longest_wait else None
        backoff = min(self.longest_wait, self.first_wait * 2.0 ** (failures - 1))
        return backoff * (0.5 + 0.5 * self.jitter())


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` in seconds (never negative), or None when absent or unreadable."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
