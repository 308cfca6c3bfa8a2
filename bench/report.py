"""What a run found: medians, paired ratios, the text tables and the JSON document."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bench.scenarios import (
    ECHO_INVOKE,
    ECHO_MESSAGE,
    HELP,
    HELP_PG,
    QUIZ_ANSWER,
    QUIZ_ANSWER_PG,
    Scenario,
)
from bench.stats import Ratio, Repetition, Summary, paired_ratio, summarize

PAIRS = (
    (HELP, ECHO_MESSAGE),
    (QUIZ_ANSWER, ECHO_INVOKE),
    (QUIZ_ANSWER, ECHO_MESSAGE),
    (HELP_PG, ECHO_MESSAGE),
    (QUIZ_ANSWER_PG, ECHO_INVOKE),
)
"""Each Paraat scenario with the baselines it is compared with (like for like first)."""


@dataclass(frozen=True)
class Measured:
    """The repetitions of one scenario at one concurrency level."""

    scenario: Scenario
    users: int
    repetitions: tuple[Repetition, ...]

    @property
    def summary(self) -> Summary:
        """Medians over the repetitions."""
        return summarize(self.repetitions)


@dataclass(frozen=True)
class Comparison:
    """A Paraat scenario against a baseline scenario at the same concurrency."""

    paraat: Measured
    baseline: Measured
    ratio: Ratio


@dataclass(frozen=True)
class RunInfo:
    """When and where the run happened, and how much it measured."""

    date: datetime
    seconds: float
    machine: dict[str, str]
    options: dict[str, Any]


def compare(measured: Sequence[Measured]) -> list[Comparison]:
    """Every pair of :data:`PAIRS` at every concurrency level that was measured."""
    found = {(m.scenario.name, m.users): m for m in measured}
    comparisons = []
    for users in sorted({m.users for m in measured}):
        for paraat, baseline in PAIRS:
            ours, theirs = found.get((paraat.name, users)), found.get((baseline.name, users))
            if ours and theirs:
                ratio = paired_ratio(ours.repetitions, theirs.repetitions)
                comparisons.append(Comparison(ours, theirs, ratio))
    return comparisons


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table, each column as wide as its widest cell."""
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


def measurement_table(measured: Sequence[Measured]) -> str:
    """Medians of each scenario and concurrency level (turns/s, latency in ms)."""
    rows = []
    for m in sorted(measured, key=lambda m: m.users):
        s = m.summary
        turns = "/".join(str(r.turns) for r in m.repetitions)
        rows.append(
            [m.scenario.name, m.scenario.bot, str(m.users), f"{s.turns_per_second:.0f}",
             f"{s.p50_ms:.2f}", f"{s.p95_ms:.2f}", turns]
        )  # fmt: skip
    header = ["scenario", "bot", "users", "turns/s", "p50 ms", "p95 ms", "turns per rep"]
    return markdown_table(header, rows)


def ratio_table(comparisons: Sequence[Comparison]) -> str:
    """Paraat / baseline for each pair: throughput (below 1 is slower) and latency (above 1)."""
    rows = [
        [c.paraat.scenario.name, c.baseline.scenario.name, str(c.paraat.users),
         f"{c.ratio.turns_per_second:.2f}", f"{c.ratio.p50:.2f}", f"{c.ratio.p95:.2f}"]
        for c in comparisons
    ]  # fmt: skip
    header = ["Paraat", "baseline", "users", "turns/s ratio", "p50 ratio", "p95 ratio"]
    return markdown_table(header, rows)


def results_json(measured: Sequence[Measured], info: RunInfo) -> dict[str, Any]:
    """Everything of the run, for tools: each repetition, the medians and the ratios."""
    return {
        "date": info.date.isoformat(timespec="seconds"),
        "run_seconds": round(info.seconds, 1),
        "machine": info.machine,
        "options": info.options,
        "measurements": [
            {
                "scenario": m.scenario.name,
                "bot": m.scenario.bot,
                "users": m.users,
                "median": {k: round(v, 3) for k, v in vars(m.summary).items()},
                "repetitions": [r.as_json() for r in m.repetitions],
            }
            for m in measured
        ],
        "ratios": [
            {
                "paraat": c.paraat.scenario.name,
                "baseline": c.baseline.scenario.name,
                "users": c.paraat.users,
                "turns_per_second": round(c.ratio.turns_per_second, 3),
                "p50": round(c.ratio.p50, 3),
                "p95": round(c.ratio.p95, 3),
            }
            for c in compare(measured)
        ],
    }
