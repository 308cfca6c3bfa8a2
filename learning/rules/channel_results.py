"""When the shared results of a channel quiz may be shown.

A count that changes with every answer tells whoever looks before and after a colleague's click
what that colleague chose (5 answers 3/2/0, the 6th makes it 3/3/0). So a channel quiz is open
for :data:`OPEN_FOR`, and its shared card shows no counts at all while it is open, not even how
many answered. When it closes it takes no more answers, and its counts are shown once, and only
when at least :data:`MINIMUM_GROUP` people answered. There is one version of the figures, so no
two versions can be subtracted (docs/privacy.md, "Channel quizzes").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Final

MINIMUM_GROUP: Final = 5
"""The fewest answers the shown counts may be about."""

OPEN_FOR: Final = timedelta(hours=72)
"""How long a channel quiz takes answers: three days, so part-timers see it on a working day."""


@dataclass(frozen=True)
class SharedResults:
    """What everyone may see of a channel quiz's answers at one moment.

    Attributes:
        closes_at: When the quiz stops taking answers and its counts can be shown.
        closed: Whether that moment has passed.
        respondents: How many answered; None while open, or when too few answered.
        counts: How often each option was chosen; empty unless ``respondents`` is shown.
        minimum: The fewest answers counts are shown for.
    """

    closes_at: datetime
    closed: bool
    respondents: int | None = None
    counts: Mapping[str, int] = field(default_factory=dict)
    minimum: int = MINIMUM_GROUP


def closes_at(posted_at: datetime, open_for: timedelta = OPEN_FOR) -> datetime:
    """The moment a quiz posted at ``posted_at`` stops taking answers."""
    return posted_at + open_for


def takes_answers(posted_at: datetime, now: datetime, open_for: timedelta = OPEN_FOR) -> bool:
    """True while the quiz is open: answers given now are counted."""
    return now < closes_at(posted_at, open_for)


def shared_results(
    posted_at: datetime,
    now: datetime,
    respondents: int,
    counts: Mapping[str, int],
    *,
    minimum: int = MINIMUM_GROUP,
    open_for: timedelta = OPEN_FOR,
) -> SharedResults:
    """The shared view of a quiz's answers at ``now``.

    Args:
        posted_at: When the quiz was posted.
        now: The moment the view is made.
        respondents: How many people answered (all of them: answers are refused once closed).
        counts: How often each option was chosen.
        minimum: The fewest answers counts may be shown for.
        open_for: How long the quiz is open.

    Returns:
        While open: the closing moment only. Once closed: the counts when at least ``minimum``
        answered, else nothing but the fact that it closed.
    """
    end = closes_at(posted_at, open_for)
    if now < end:
        return SharedResults(end, closed=False, minimum=minimum)
    if respondents < minimum:
        return SharedResults(end, closed=True, minimum=minimum)
    return SharedResults(
        end, closed=True, respondents=respondents, counts=dict(counts), minimum=minimum
    )
