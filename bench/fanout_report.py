"""The fan-out results as Markdown tables, for the console and ``docs/performance.md``."""

from __future__ import annotations

import math

from bench.fanout_results import AtTheLimit, CrashResume, Fanout, Throughput
from bench.report import markdown_table


def _number(value: float, digits: int = 0) -> str:
    return "–" if math.isnan(value) else f"{value:,.{digits}f}"


def _ms_per(seconds: float, count: int) -> str:
    return _number(seconds * 1000 / count, 2) if count else "–"


def throughput_table(result: Throughput) -> str:
    """(a) Paraat's worker next to the plain client, against the same emulator."""
    ceiling = result.ceiling
    rows = [
        ["messages", _number(result.recipients), _number(ceiling.posts)],
        ["seconds", _number(result.seconds, 2), _number(ceiling.seconds, 2)],
        ["**messages per second**", f"**{_number(result.per_second)}**",
         _number(ceiling.per_second)],
        ["**Paraat / ceiling**", f"**{result.ratio:.2f}**", "1"],
        ["sender's CPU, cores busy", _number(result.worker_cpu_seconds / result.seconds, 2),
         _number(ceiling.cpu_seconds / ceiling.seconds, 2)],
        ["sender's CPU per message, ms", _ms_per(result.worker_cpu_seconds, result.recipients),
         _ms_per(ceiling.cpu_seconds, ceiling.posts)],
        ["emulator's CPU, cores busy", _number(result.teams_cpu_seconds / result.seconds, 2),
         _number(result.ceiling_teams_cpu_seconds / ceiling.seconds, 2)],
        ["lost / duplicates", f"{result.tally.lost} / {result.tally.duplicates}", "–"],
    ]  # fmt: skip
    header = ["", "Paraat (outbox → sender → Teams → outcome)", "plain client (ceiling)"]
    return markdown_table(header, rows)


def limit_table(result: AtTheLimit) -> str:
    """(b) At Teams' limits, with a pushback."""
    push = result.pushback
    share = result.share
    by_limits = sum(result.by_limits.values())
    rows = [
        ["recipients", _number(result.recipients)],
        ["seconds", _number(result.seconds, 1)],
        ["**messages per second, whole run**", f"**{_number(result.per_second, 1)}**"],
        ["of Teams' limit", f"{result.per_second / result.limit:.2f} of {result.limit:g}/s"],
        ["**of the campaign share**", f"**{result.per_second / share:.2f}** of {share:g}/s"],
        ["**before the pushback**", f"{_number(result.steady_per_second, 1)}/s = "
         f"**{result.steady_per_second / share:.2f}** of the share"],
        ["pushback", f"from {push.after:g} s on, for {push.seconds:g} s, "
         f"{push.probability:.0%} of calls answered 429 (Retry-After: 1)"],
        ["429s received", f"{result.throttled} (from Teams' own limits: {by_limits})"],
        ["back at 0.9 of the share", "not before the run ended" if math.isnan(result.back_after)
         else f"{result.back_after:.1f} s after the pushback"],
        ["lost / duplicates", f"{result.tally.lost} / {result.tally.duplicates}"],
    ]  # fmt: skip
    return markdown_table(["", "at Teams' limits, default budget"], rows)


def crash_table(results: list[CrashResume]) -> str:
    """(c) One row per crash-and-resume run."""
    rows = [
        [c.name, _number(c.recipients), _number(c.accepted_at_kill), _number(c.recorded_at_kill),
         _number(c.in_flight_at_kill), _number(c.resumed_after, 1), _number(c.unknown),
         f"**{c.tally.duplicates}**", f"**{c.tally.lost}**", "yes" if c.done else "**no**"]
        for c in results
    ]  # fmt: skip
    header = [
        "pace", "recipients", "Teams had at the kill", "recorded sent", "in flight",
        "resumed after s", "unknown outcome", "duplicates", "lost", "campaign done",
    ]  # fmt: skip
    return markdown_table(header, rows)


def profile_table(result: Fanout) -> str:
    """Where the profiled worker's time went."""
    rows = [[part.name, f"{part.share:.0%}"] for part in result.profile]
    return markdown_table(["part", "share of the worker's time"], rows)


def console_summary(result: Fanout) -> str:
    """Every table, for the console."""
    return "\n\n".join(
        [
            "Fan-out (a), throughput:\n" + throughput_table(result.throughput),
            "Fan-out (b), at Teams' limits:\n" + limit_table(result.at_the_limit),
            "Fan-out (c), crash and resume:\n" + crash_table(result.crashes),
            "Fan-out, where the worker's time goes:\n" + profile_table(result),
            "Fan-out checks: " + ("; ".join(problems(result)) or "nothing lost, no duplicates "
                                  "beyond the unknown outcomes"),
        ]
    )  # fmt: skip


def problems(result: Fanout) -> list[str]:
    """What went wrong beyond speed: anyone lost, or copies not accounted for."""
    found = []
    throughput, limit = result.throughput.tally, result.at_the_limit.tally
    for name, tally in (("(a) throughput", throughput), ("(b) at Teams' limits", limit)):
        if tally.lost or tally.duplicates:
            found.append(f"{name}: {tally.lost} lost, {tally.duplicates} duplicates")
    for crash in result.crashes:
        if crash.tally.lost:
            found.append(f"(c) {crash.name}: {crash.tally.lost} lost")
        if crash.tally.duplicates > crash.unknown:
            found.append(
                f"(c) {crash.name}: {crash.tally.duplicates} duplicates but only "
                f"{crash.unknown} rows counted unknown outcome"
            )
        if not crash.done:
            found.append(f"(c) {crash.name}: the campaign did not finish")
    return found


def cpu_per_message_ratio(result: Throughput) -> float:
    """The worker's CPU per message over the plain client's."""
    ours = result.worker_cpu_seconds / result.recipients
    plain = result.ceiling.cpu_seconds / result.ceiling.posts
    return ours / plain if plain > 0 else float("nan")
