"""Paraat's metrics for Prometheus: one :class:`Metrics` per running app, with its own registry.

Each family is named ``paraat_…``; labels take a few known values only, never an id or a text,
so the number of series stays small. What the store knows (the outbox) is read when Prometheus
scrapes, not counted here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

TurnKind = Literal[
    "message",
    "card_action",
    "invoke",
    "installation",
    "conversation_update",
    "read_receipt",
    "other",
]
"""What a turn was, as the edge routes it (``invoke``: one Paraat does not support)."""
TurnOutcome = Literal["ok", "failed", "ignored", "not_implemented"]
"""How a turn ended: answered, failed (the person got the error card), ignored (an activity
Paraat has no use for), or an invoke Paraat does not support (501)."""
Refusal = Literal[
    "unauthorized", "not_json", "too_large", "not_an_activity", "incomplete", "stopping"
]
"""Why a request to ``/api/messages`` was refused before any turn."""
Lane = Literal["reply", "proactive"]
"""Which calls to Teams: replies within a turn, or proactive sends (campaigns, notices)."""
CallAnswer = int | Literal["ok", "no_answer", "unexpected"]
"""What a call to Teams got: ``ok``, a refusal's HTTP status, no answer (connection or time-out),
or an answer without what was expected."""
SyncResult = Literal["published", "unchanged", "failed", "skipped"]
"""What one SharePoint publication came to."""
SchedulerOutcome = Literal["started", "failed"]
"""What a firing of the campaign scheduler came to."""

TURN_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
"""Seconds: a turn is a few milliseconds of Paraat plus Teams' round trips for its replies."""


@dataclass(frozen=True)
class OutboxBacklog:
    """The outbox as a scrape sees it."""

    pending: int
    """Rows not yet delivered (waiting, or being sent)."""
    oldest_seconds: float
    """How long the oldest of them has waited since its run started (0 when none)."""


class SyncMetrics(Protocol):
    """What the SharePoint sync records (``metrics.sync_result``)."""

    def sync_result(self, result: SyncResult) -> None:
        """Count one publication's result."""
        ...


class Metrics:
    """The counters, histograms and gauges of one running Paraat."""

    def __init__(self) -> None:
        """Every family registered in a registry of its own (tests run many apps at once)."""
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self._turns = Counter(
            "paraat_turns", "Activities handled, by kind and outcome.", ["kind", "outcome"],
            registry=r,
        )  # fmt: skip
        self._turn_seconds = Histogram(
            "paraat_turn_seconds", "Time to handle one activity, replies included.", ["kind"],
            buckets=TURN_BUCKETS, registry=r,
        )  # fmt: skip
        self._refused = Counter(
            "paraat_requests_refused", "Requests to /api/messages refused before a turn.",
            ["reason"], registry=r,
        )  # fmt: skip
        self._calls = Counter(
            "paraat_teams_calls",
            "Calls to Teams by lane and answer: ok, the HTTP status of a refusal, no_answer or "
            "unexpected.",
            ["lane", "status"], registry=r,
        )  # fmt: skip
        self._throttled = Counter(
            "paraat_teams_throttled", "429 answers received from Teams, by lane.", ["lane"],
            registry=r,
        )  # fmt: skip
        self._scheduler_jobs = Counter(
            "paraat_scheduler_jobs", "Campaign firings by the scheduler, by outcome.",
            ["outcome"], registry=r,
        )  # fmt: skip
        self._misfires = Counter(
            "paraat_scheduler_misfires",
            "Campaigns not sent because Paraat was down longer than the grace period.",
            registry=r,
        )
        self._leading = Gauge(
            "paraat_scheduler_leader", "1 while this replica schedules campaigns.", registry=r
        )
        self._pending = Gauge(
            "paraat_outbox_pending", "Campaign messages not yet delivered.", registry=r
        )
        self._oldest = Gauge(
            "paraat_outbox_oldest_pending_seconds",
            "Age of the oldest undelivered campaign message, since its run started.",
            registry=r,
        )
        self._sync = Counter(
            "paraat_sharepoint_sync", "SharePoint publications by result.", ["result"],
            registry=r,
        )  # fmt: skip

    def turn(self, kind: TurnKind, outcome: TurnOutcome, seconds: float | None = None) -> None:
        """Count one activity, and how long its turn took (None: no turn ran)."""
        self._turns.labels(kind, outcome).inc()
        if seconds is not None:
            self._turn_seconds.labels(kind).observe(seconds)

    def refused(self, reason: Refusal) -> None:
        """Count one request refused before its turn."""
        self._refused.labels(reason).inc()

    def teams_call(self, lane: Lane, answer: CallAnswer) -> None:
        """Count one call to Teams by its answer (and a 429 as throttled as well)."""
        self._calls.labels(lane, str(answer)).inc()
        if answer == 429:
            self._throttled.labels(lane).inc()

    def scheduler_job(self, outcome: SchedulerOutcome) -> None:
        """Count one firing of a campaign."""
        self._scheduler_jobs.labels(outcome).inc()

    def misfire(self) -> None:
        """Count one campaign marked missed."""
        self._misfires.inc()

    def leading(self, leads: bool) -> None:
        """Whether this replica schedules now."""
        self._leading.set(1 if leads else 0)

    def outbox(self, backlog: OutboxBacklog) -> None:
        """The outbox as read at this scrape."""
        self._pending.set(backlog.pending)
        self._oldest.set(backlog.oldest_seconds)

    def sync_result(self, result: SyncResult) -> None:
        """Count one SharePoint publication's result (for the sync feature)."""
        self._sync.labels(result).inc()


def backlog_of(pending: int, oldest_start: datetime | None, now: datetime) -> OutboxBacklog:
    """The backlog from the store's figures: ``pending`` rows, the oldest run's start."""
    age = (now - oldest_start).total_seconds() if oldest_start and pending else 0.0
    return OutboxBacklog(pending, max(age, 0.0))
