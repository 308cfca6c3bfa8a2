"""The arithmetic of the fan-out benchmark (pure): rates from Teams' timeline, and who got no
copy or more than one."""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

Timeline = list[tuple[float, int]]
"""(monotonic time, messages accepted so far), oldest first, as Teams sampled it."""


def count_at(timeline: Sequence[tuple[float, int]], moment: float) -> int:
    """Messages accepted by ``moment``: the last sample at or before it (0 before the first)."""
    index = bisect.bisect_right([at for at, _ in timeline], moment)
    return timeline[index - 1][1] if index else 0


def first_message_at(timeline: Sequence[tuple[float, int]]) -> float | None:
    """When the first message was seen accepted (None: none was)."""
    return next((at for at, count in timeline if count > 0), None)


def rate_between(timeline: Sequence[tuple[float, int]], start: float, end: float) -> float:
    """Messages accepted per second from ``start`` to ``end`` (NaN for an empty stretch)."""
    if end <= start:
        return float("nan")
    return (count_at(timeline, end) - count_at(timeline, start)) / (end - start)


@dataclass(frozen=True)
class Tally:
    """Who got the campaign, as Teams saw it.

    Attributes:
        reached: Recipients with at least one copy.
        lost: Recipients without any.
        duplicates: Copies beyond the first, over all recipients.
    """

    reached: int
    lost: int
    duplicates: int


def tally(expected: Iterable[str], copies: Mapping[str, int]) -> Tally:
    """Count lost and duplicated messages.

    Args:
        expected: Each recipient's conversation.
        copies: Messages Teams accepted per conversation (other conversations are ignored).
    """
    counts = [copies.get(conversation, 0) for conversation in expected]
    reached = sum(1 for count in counts if count > 0)
    return Tally(reached, len(counts) - reached, sum(max(count - 1, 0) for count in counts))


def per_second(count: int, seconds: float) -> float:
    """``count`` per second over ``seconds`` (NaN when no time passed)."""
    return count / seconds if seconds > 0 else float("nan")


def back_at(
    timeline: Sequence[tuple[float, int]],
    start: float,
    rate: float,
    window: float = 1.0,
    step: float = 0.1,
) -> float:
    """Seconds after ``start`` until a ``window`` long stretch reaches ``rate`` per second.

    Args:
        timeline: Teams' timeline.
        start: From when to look (e.g. the end of a pushback).
        rate: Messages per second to reach.
        window: The stretch over which the rate is measured.
        step: How far apart the stretches looked at begin.

    Returns:
        The seconds from ``start`` to the beginning of the first such stretch; NaN when none
        reaches it before the timeline ends.
    """
    if not timeline:
        return float("nan")
    end = timeline[-1][0]
    steps = math.floor((end - window - start) / step + 1e-9)
    for index in range(max(steps + 1, 0)):
        moment = start + index * step  # not summed step by step: no drift
        if rate_between(timeline, moment, moment + window) >= rate:
            return moment - start
    return float("nan")
