"""Turning samples into the numbers reported: medians over repetitions and paired ratios."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from bench.load import Sample


@dataclass(frozen=True)
class Repetition:
    """One measurement, reduced: turns, seconds, throughput and latency percentiles (ms)."""

    turns: int
    seconds: float
    turns_per_second: float
    p50_ms: float
    p95_ms: float

    def as_json(self) -> dict[str, float]:
        """Rounded for the JSON file."""
        return {key: round(value, 3) for key, value in asdict(self).items()}


@dataclass(frozen=True)
class Summary:
    """The median of each number over the repetitions of one measurement."""

    turns_per_second: float
    p50_ms: float
    p95_ms: float


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (``fraction`` 0.5 is the median); NaN when empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def reduce(sample: Sample) -> Repetition:
    """The reported numbers of one sample."""
    return Repetition(
        sample.turns,
        sample.seconds,
        sample.turns_per_second,
        percentile(sample.latencies, 0.50) * 1000,
        percentile(sample.latencies, 0.95) * 1000,
    )


def summarize(repetitions: Sequence[Repetition]) -> Summary:
    """Medians over the repetitions."""
    return Summary(
        statistics.median(r.turns_per_second for r in repetitions),
        statistics.median(r.p50_ms for r in repetitions),
        statistics.median(r.p95_ms for r in repetitions),
    )


@dataclass(frozen=True)
class Ratio:
    """Paraat divided by the baseline: each repetition paired with the baseline's same one."""

    turns_per_second: float
    """Median of the per-repetition throughput ratios (below 1: Paraat is slower)."""
    p50: float
    """Median of the per-repetition p50 latency ratios (above 1: Paraat takes longer)."""
    p95: float
    """Median of the per-repetition p95 latency ratios."""


def paired_ratio(paraat: Sequence[Repetition], baseline: Sequence[Repetition]) -> Ratio:
    """Ratios of repetitions measured side by side, so drift of the machine cancels out."""
    pairs = list(zip(paraat, baseline, strict=True))
    return Ratio(
        statistics.median(p.turns_per_second / b.turns_per_second for p, b in pairs),
        statistics.median(p.p50_ms / b.p50_ms for p, b in pairs),
        statistics.median(p.p95_ms / b.p95_ms for p, b in pairs),
    )
