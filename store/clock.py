"""The time: the clock type stores and features take, the default clock, stored times as UTC."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeAlias

Clock: TypeAlias = Callable[[], datetime]
"""Gives the current time; tests hand in one they move themselves."""


def utc_now() -> datetime:
    """The current time in UTC (the default clock).

    Returns:
        An aware datetime in UTC.
    """
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """A stored time as UTC.

    Args:
        moment: A time read from the database; SQLite gives it back without a time zone.

    Returns:
        ``moment`` itself when it has a time zone, else the same wall time in UTC.
    """
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
