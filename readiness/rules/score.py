"""The readiness score of a group of people: process 50%, knowledge 30%, reach 20%.

A group is a team, a department (everyone in its teams) or the rest of a department; its
figures are made from each member's :class:`PersonState` and each team's process readiness,
so a department's figures are its people's, not an average of averages (docs/readiness.md).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from fractions import Fraction

from readiness.rules.bands import Band, band_of
from readiness.rules.knowledge import HALF_LIFE, WINDOW, FirstAttempt, share_right


@dataclass(frozen=True)
class Weights:
    """How much each part counts, in percent; together 100.

    Attributes:
        process: The manager's attested arrangements (50 by default).
        knowledge: First attempts on scenario questions (30 by default).
        reach: The share that acknowledged their team's core briefing (20 by default).
    """

    process: int = 50
    knowledge: int = 30
    reach: int = 20

    def __post_init__(self) -> None:
        """Refuse weights below 0 or not adding up to 100."""
        parts = (self.process, self.knowledge, self.reach)
        if min(parts) < 0 or sum(parts) != 100:
            raise ValueError(f"weights are 0 or more and add up to 100, not {parts}")


DEFAULT_WEIGHTS = Weights()
"""50% process, 30% knowledge, 20% reach: the starting definition (docs/readiness.md)."""


@dataclass(frozen=True)
class PersonRecord:
    """What is stored about one person that the score uses (read by the store, dated).

    Attributes:
        key: Their user key (a keyed hash, never a name).
        team_id: Their team in the organisation; None: not placed.
        first_attempts: Their first attempts on scenario questions.
        acknowledged_at: When they first acknowledged their team's core briefing; None: not.
    """

    key: str
    team_id: str | None
    first_attempts: tuple[FirstAttempt, ...]
    acknowledged_at: datetime | None


@dataclass(frozen=True)
class PersonState:
    """A person's part in the figures at one moment. Never shown: only sums of 5 or more are.

    Attributes:
        team_id: Their team; None: not placed.
        acknowledged: Whether they acknowledged their team's core briefing.
        knowledge: Their weighted share right (0 to 1); None: no answer counts (no respondent).
    """

    team_id: str | None
    acknowledged: bool
    knowledge: float | None

    @property
    def respondent(self) -> bool:
        """Whether at least one of their answers counts."""
        return self.knowledge is not None


@dataclass(frozen=True)
class Figures:
    """The figures of one group, each 0 to 100 except the counts.

    Attributes:
        members: People in the group.
        respondents: Of those, people with at least one answer that counts.
        process: Process readiness: the members' teams' share of checks met.
        knowledge: The respondents' mean weighted share right.
        reach: The share of members that acknowledged their core briefing.
        score: The weighted sum of the three.
        band: The band of the score.
    """

    members: int
    respondents: int
    process: int
    knowledge: int
    reach: int
    score: int
    band: Band


def person_state(
    record: PersonRecord,
    *,
    as_of: datetime,
    half_life: timedelta = HALF_LIFE,
    window: timedelta = WINDOW,
) -> PersonState:
    """A person's state at ``as_of`` from their dated record: later events do not count yet."""
    acknowledged = record.acknowledged_at is not None and record.acknowledged_at < as_of
    share = share_right(record.first_attempts, as_of=as_of, half_life=half_life, window=window)
    return PersonState(record.team_id, acknowledged, share)


def rounded(value: Fraction) -> int:
    """Rounded half up (68.5 becomes 69), the way people round by hand."""
    return math.floor(value + Fraction(1, 2))


def figures(
    people: Iterable[PersonState],
    process_by_team: Mapping[str, Fraction],
    weights: Weights = DEFAULT_WEIGHTS,
) -> Figures:
    """The figures of the group made of ``people``.

    Args:
        people: The members' states.
        process_by_team: Process readiness (0 to 1) per team id; a team not in it has 0.
        weights: How the three parts add up to the score.

    Raises:
        ValueError: when the group has no members or no respondents: such a group is never
            shown (see :mod:`readiness.rules.disclosure`).
    """
    members = list(people)
    # Six-digit denominators: exact enough, and a share of 2/3 is 2/3, so halves that people
    # work out by hand round the same way here.
    shares = [
        Fraction(p.knowledge).limit_denominator(1_000_000)
        for p in members
        if p.knowledge is not None
    ]
    if not shares:
        raise ValueError("a group without respondents has no figures")
    process = (
        100
        * sum((process_by_team.get(p.team_id or "", Fraction(0)) for p in members), Fraction(0))
        / len(members)
    )
    knowledge = 100 * sum(shares, Fraction(0)) / len(shares)
    reach = Fraction(100 * sum(p.acknowledged for p in members), len(members))
    score = rounded(
        (weights.process * process + weights.knowledge * knowledge + weights.reach * reach) / 100
    )
    return Figures(
        members=len(members),
        respondents=len(shares),
        process=rounded(process),
        knowledge=rounded(knowledge),
        reach=rounded(reach),
        score=score,
        band=band_of(score),
    )
