"""What the fan-out benchmark found: one record per measurement, and their JSON form."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from bench.ceiling import Ceiling
from bench.fanout_math import Tally, per_second
from bench.profile_split import Part


@dataclass(frozen=True)
class Throughput:
    """(a) As fast as Paraat can: no limits at Teams, a budget that never holds back.

    Attributes:
        recipients: Rows delivered.
        concurrency: Calls in flight at most (the worker's, and the plain client's).
        seconds: The worker's, from its first claim until the last outcome was recorded.
        worker_cpu_seconds: CPU the worker used meanwhile.
        teams_cpu_seconds: CPU the emulator used meanwhile.
        tally: Lost and duplicated messages.
        ceiling: The plain client against the same emulator.
        ceiling_teams_cpu_seconds: CPU the emulator used for the ceiling.
    """

    recipients: int
    concurrency: int
    seconds: float
    worker_cpu_seconds: float
    teams_cpu_seconds: float
    tally: Tally
    ceiling: Ceiling
    ceiling_teams_cpu_seconds: float

    @property
    def per_second(self) -> float:
        """Sends per second, end to end."""
        return per_second(self.recipients, self.seconds)

    @property
    def ratio(self) -> float:
        """Paraat's sends per second over the plain client's."""
        return self.per_second / self.ceiling.per_second


@dataclass(frozen=True)
class Pushback:
    """Random 429s for part of a run: from ``after`` seconds into it, for ``seconds``."""

    after: float
    seconds: float
    probability: float


@dataclass(frozen=True)
class AtTheLimit:
    """(b) At Teams' limits with Paraat's default budget, with a stretch of injected 429s.

    Attributes:
        recipients: Rows delivered.
        limit: Teams' calls per second per app per tenant.
        share: Paraat's campaign share of it.
        seconds: The worker's, from its first claim until the last outcome was recorded.
        worker_cpu_seconds: CPU the worker used meanwhile.
        steady_per_second: Messages accepted per second before the pushback.
        pushback: The stretch of injected 429s.
        back_after: Seconds from the end of the pushback until a second's messages reached
            0.9 of the share again (NaN: not before the run ended).
        throttled: 429s Paraat received (injected and any from the limits).
        by_limits: Of those, 429s Teams' own limits gave, per limit (tenant, conversation).
        results: Every answer Paraat received, per result.
        tally: Lost and duplicated messages.
    """

    recipients: int
    limit: float
    share: float
    seconds: float
    worker_cpu_seconds: float
    steady_per_second: float
    pushback: Pushback
    back_after: float
    throttled: int
    by_limits: dict[str, int]
    results: dict[str, int]
    tally: Tally

    @property
    def per_second(self) -> float:
        """Messages accepted per second over the whole run."""
        return per_second(self.tally.reached + self.tally.duplicates, self.seconds)


@dataclass(frozen=True)
class CrashResume:
    """(c) A worker killed with SIGKILL mid-run, and a new one started on the same database.

    Attributes:
        name: Which run (the pace it was at).
        recipients: Rows in the run.
        lease: Seconds a claimed row stays a worker's (the new worker waits that long).
        accepted_at_kill: Messages Teams had accepted when the worker died.
        recorded_at_kill: Of those, outcomes the outbox had recorded as sent.
        in_flight_at_kill: Rows marked in flight in the outbox at the kill.
        resumed_after: Seconds from the kill to the next message Teams accepted.
        unknown: Rows counted "unknown outcome" (uncertain) in the end.
        tally: Lost and duplicated messages.
        done: The run finished and the campaign moved on.
    """

    name: str
    recipients: int
    lease: float
    accepted_at_kill: int
    recorded_at_kill: int
    in_flight_at_kill: int
    resumed_after: float
    unknown: int
    tally: Tally
    done: bool


@dataclass(frozen=True)
class Fanout:
    """Every fan-out measurement of one run, and how long they took together."""

    database: str
    seconds: float
    throughput: Throughput
    profile_recipients: int
    profile: list[Part]
    at_the_limit: AtTheLimit
    crashes: list[CrashResume] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """Everything, for ``results.json``, with the derived rates."""
        document = asdict(self)
        document["throughput"] |= {
            "per_second": self.throughput.per_second,
            "ceiling_per_second": self.throughput.ceiling.per_second,
            "ratio": self.throughput.ratio,
        }
        document["at_the_limit"]["per_second"] = self.at_the_limit.per_second
        return document
