"""Knowledge: how often a person got scenario questions right the first time, recent answers
weighted more.

Each first attempt weighs ``2 ** -(age / HALF_LIFE)``: an answer :data:`HALF_LIFE` old counts
half as much as one given today, and answers older than :data:`WINDOW` no longer count. The
weights are taken relative to the person's newest answer; since every weight shrinks by the same
factor as time passes, that gives the same share as weighting by age on any later day, so a
person's share changes only when they answer or when an answer leaves the window (which is what
lets :mod:`readiness.rules.publication` tell who changed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

HALF_LIFE: Final = timedelta(days=91)
"""A quarter: an answer from three months ago counts half, from six months a quarter."""

WINDOW: Final = timedelta(days=365)
"""Answers older than a year do not count (and the retention job may aggregate them)."""


@dataclass(frozen=True)
class FirstAttempt:
    """A person's first answer to a scenario question.

    Attributes:
        answered_at: When they answered (aware).
        correct: Whether it was right.
    """

    answered_at: datetime
    correct: bool


def counted(
    attempts: Iterable[FirstAttempt], as_of: datetime, window: timedelta = WINDOW
) -> tuple[FirstAttempt, ...]:
    """The attempts that count on ``as_of``: before it, and not older than ``window``."""
    return tuple(
        sorted(
            (a for a in attempts if as_of - window <= a.answered_at < as_of),
            key=lambda a: (a.answered_at, a.correct),
        )
    )


def weight(age: timedelta, half_life: timedelta = HALF_LIFE) -> float:
    """The weight of an answer ``age`` old: 1 today, 0.5 one half-life ago."""
    return float(2 ** -(age / half_life))


def share_right(
    attempts: Iterable[FirstAttempt],
    *,
    as_of: datetime,
    half_life: timedelta = HALF_LIFE,
    window: timedelta = WINDOW,
) -> float | None:
    """The person's weighted share of first attempts that were right, 0 to 1.

    Returns:
        None when no attempt counts on ``as_of`` (the person is no respondent then).
    """
    kept = counted(attempts, as_of, window)
    if not kept:
        return None
    newest = kept[-1].answered_at
    weights = [weight(newest - a.answered_at, half_life) for a in kept]
    right = sum(w for w, a in zip(weights, kept, strict=True) if a.correct)
    return right / sum(weights)
