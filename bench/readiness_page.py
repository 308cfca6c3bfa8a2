"""The "Readiness roll-up" section of ``docs/performance.md``, written from a run, and how it is
put into the page: replaced on its own (``python -m bench --only readiness``) or carried over
when the rest of the page is written again without it."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from bench.readiness import (
    TARGET_MS,
    TREND,
    DatabaseResult,
    ReadinessOptions,
    ReadinessRun,
    Timing,
    run_readiness,
)
from readiness.week import TREND_WEEKS

HEADING = "## Readiness roll-up"

_WHAT = (
    "What a manager's Teams card needs (issue 10, point 8): the readiness figures of their "
    "department for the last ended week, with the trend. Measured on its own "
    "(`.venv/bin/python -m bench --only readiness`, which replaces only this section) or at the "
    "end of `make bench`, in the benchmark's own process on Paraat's `Database` (SQLite on the "
    "event loop's thread; PostgreSQL through asyncpg: {postgres})."
)

_HOW = """\
### How

- **The organisation**: {people:,} staff in {teams} teams, stored as `paraat org import` stores
  them (`org_units`, `org_members`): four domains with three to five departments each, some of
  those split in two sections, and the teams spread over the departments and sections; people
  spread unevenly (some teams too small to be shown on their own). The library's twelve teams
  come first (they have profiles, processes and cards) and have attestations for every process;
  one in five other teams has a team attestation.
- **A year of activity**: {answers:,} answers: one in ten people never answers, the others make
  first attempts on a tenth to all of the library's questions, spread over the year before the
  run, and the rest are repeats of those, later. {first_attempts} of them are first attempts on
  scenario questions inside the knowledge window of the last ended week (what making a week
  reads). About eight in ten people acknowledged their team's briefing (some two versions),
  many a scenario briefing too.
- **Seeded fast**: the answers with `executemany` in batches of 100,000 on SQLite and `COPY`
  (asyncpg) on PostgreSQL, then `ANALYZE` on PostgreSQL (as autovacuum would after such a load);
  the smaller tables through SQLAlchemy. Seeding took {seeding}.
- **History**: the {weeks} weeks up to the last ended one are published in order, each as if
  first asked for an hour after it ended, so each week is made against the kept weeks before it
  (the disclosure check over the history, docs/privacy.md) and kept.
- **Measured**, each as the median of its repetitions (all in `test-output/bench/`):
  - *roll-up*: `ReadinessFigures.week(last ended Monday)` of the kept week, then
    `report_rows(...)` for one department as its manager ({rows} rows: the department, its
    sections and teams) and `Week.trend(...)` over {trend} weeks for every row: {rollups}
    repetitions after 3 unreported ones. Target: at most **{target:g} ms** on both databases.
  - *first publication*: making and keeping the last ended week against the full history (its
    kept row deleted before each of {makes} repetitions). No target.
  - *week under way*: this week's figures, made against the kept weeks and not kept
    ({makes} repetitions). No target.
"""

_FINDINGS = """\
Where the time goes:

- **Roll-up**: a kept week is read from what is shown only (`ReadinessStore.shown_weeks`: the
  units and the kept weeks' `groups` column, two queries), never the answers or anyone's state,
  so it does not grow with the answers or the staff, only with the shown groups times the kept
  weeks ({trend_weeks} at most). Most of its time is turning those weeks' JSON into figures; the
  two queries take a few milliseconds. No index is needed for it. A repetition far slower than
  the median (see the p95) met one of the interpreter's full garbage collections, which visit
  every object of the process (some 130,000 here) whatever runs at the time: 50 to 300 ms each
  when the machine was busy.
- **Making a week** reads every first attempt on a scenario question in the knowledge window
  (one scan of `answers`, about {first_attempts} rows), the first acknowledgements, the
  attestations and the states of every kept week (one row per person per week); then the rules
  make the figures and check them against the kept weeks so that no combination singles anyone
  out. Reading the answers is the largest part; the check and the reading of the kept states
  grow with the kept history.
{growth}
- A week is made once (the first time anyone asks after it ended); every later look is the
  roll-up above. The week under way is made on every look, which is why the card shows the last
  ended week.
"""


def _growth_sentence(results: Sequence[DatabaseResult]) -> str:
    parts = []
    for r in results:
        none, full = r.history[0], r.history[-1]
        parts.append(
            f"on {r.database} the rules took {none.rules_ms:,.0f} ms with no kept week and "
            f"{full.rules_ms:,.0f} ms with {full.kept}, reading {none.reading_ms:,.0f} and "
            f"{full.reading_ms:,.0f} ms"
        )
    text = (
        "In this run, " + "; ".join(parts) + ". *all* includes keeping the week with its states. "
        "These are one-shot numbers on a shared machine: read the trend, not single values."
    )
    return textwrap.fill(text, 100, initial_indent="- ", subsequent_indent="  ")


def _ms(timing: Timing) -> str:
    value = timing.median_ms
    return f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms"


def _table(results: Sequence[DatabaseResult]) -> str:
    head = "| | " + " | ".join(r.database for r in results) + " |"
    rule = "|---|" + "---:|" * len(results)
    rows = [
        ("**roll-up** (median)", [f"**{_ms(r.rollup)}**" for r in results]),
        ("of which `week()`", [_ms(r.rollup_week) for r in results]),
        ("roll-up p95", [f"{r.rollup.p95_ms:.1f} ms" for r in results]),
        ("target met (median ≤ 100 ms)", ["yes" if r.rollup.median_ms <= TARGET_MS else "**no**"
                                          for r in results]),
        ("first publication of a week", [_ms(r.first_publication) for r in results]),
        ("of which reading", [_ms(r.first_reading) for r in results]),
        ("of which the rules", [_ms(r.first_rules) for r in results]),
        ("week under way", [_ms(r.under_way) for r in results]),
        ("seeding", [f"{r.seed_seconds:.0f} s" for r in results]),
    ]  # fmt: skip
    body = "\n".join(f"| {name} | " + " | ".join(values) + " |" for name, values in rows)
    return f"{head}\n{rule}\n{body}"


def _growth(results: Sequence[DatabaseResult]) -> str:
    names = [r.database for r in results]
    head = "| kept weeks | " + " | ".join(f"{n}: all | reading | rules" for n in names) + " |"
    rule = "|---:|" + "---:|---:|---:|" * len(results)
    lines = []
    for index, made in enumerate(results[0].history):
        values = [
            f"{m.total_ms:,.0f} ms | {m.reading_ms:,.0f} ms | {m.rules_ms:,.0f} ms"
            for m in (r.history[index] for r in results)
        ]
        lines.append(f"| {made.kept} | " + " | ".join(values) + " |")
    return f"{head}\n{rule}\n" + "\n".join(lines)


def readiness_section(run: ReadinessRun, date: str) -> str:
    """The whole section for ``run``, dated ``date``."""
    if not run.results:
        return f"{HEADING}\n\nNot measured in this run.\n"
    first = run.results[0]
    options = run.options
    what = textwrap.fill(_WHAT.format(postgres=run.postgres), 100)
    how = f"{HEADING}\n\n{what}\n\n" + _HOW.format(
        people=options.size.people,
        teams=options.size.teams, answers=options.size.answers,
        first_attempts=f"{first.first_attempts:,}", weeks=len(first.history),
        seeding=", ".join(f"{r.seed_seconds:.0f} s on {r.database}" for r in run.results),
        rows=first.rows, trend=TREND, rollups=options.rollups, target=TARGET_MS,
        makes=options.makes,
    )  # fmt: skip
    results = (
        f"### Results of the run of {date}\n\n{_table(run.results)}\n\n"
        + textwrap.fill(
            "Time to make and keep a week, by the kept weeks it is checked against (each week "
            "published once, in order; *reading*: the kept weeks with their states and the "
            "inputs; *rules*: the figures and the disclosure check):",
            100,
        )
        + "\n\n"
        f"{_growth(run.results)}\n\n"
        f"The readiness part took {run.seconds:.0f} s.\n"
    )
    findings = _FINDINGS.format(
        trend_weeks=TREND_WEEKS,
        first_attempts=f"{first.first_attempts:,}",
        growth=_growth_sentence(run.results),
    )
    return "\n".join(part.rstrip() + "\n" for part in (how, results, findings))


def readiness_summary(run: ReadinessRun) -> str:
    """A few lines for the console."""
    return "\n".join(
        f"Readiness on {r.database}: roll-up {_ms(r.rollup)} (p95 {r.rollup.p95_ms:.1f} ms, "
        f"target {TARGET_MS:g} ms), first publication {_ms(r.first_publication)}, "
        f"week under way {_ms(r.under_way)}"
        for r in run.results
    )


def with_section(page: str, section: str | None) -> str:
    """``page`` with its readiness section replaced by ``section`` (added at the end when it has
    none); ``section`` None keeps what ``page`` has."""
    start = page.find(f"\n{HEADING}\n")
    if section is None:
        return page
    if start < 0:
        return page.rstrip("\n") + "\n\n" + section
    end = page.find("\n## ", start + 1)
    rest = page[end:] if end >= 0 else ""
    return page[: start + 1] + section + rest


def section_of(page: str) -> str | None:
    """The readiness section of ``page``, or None when it has none."""
    start = page.find(f"\n{HEADING}\n")
    if start < 0:
        return None
    end = page.find("\n## ", start + 1)
    return page[start + 1 : end + 1 if end >= 0 else len(page)]


def readiness_text(run: ReadinessRun | None, date: datetime, docs: Path) -> str | None:
    """The section of ``run``; without a run, the one ``docs`` has now (None: it has none), to
    be carried over when the page is written again."""
    if run is not None:
        return readiness_section(run, f"{date:%Y-%m-%d %H:%M} UTC")
    return section_of(docs.read_text()) if docs.exists() else None


def run_only(docs: Path | None, output: Path) -> int:
    """``python -m bench --only readiness``: measure, write ``readiness.json`` into ``output``,
    and replace the section in ``docs`` (None: leave the page as it is)."""
    date = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    run = run_readiness(ReadinessOptions())
    output.mkdir(parents=True, exist_ok=True)
    written = [output / "readiness.json"]
    written[0].write_text(json.dumps(run.as_json(), indent=2) + "\n")
    if docs is not None:
        docs.write_text(with_section(docs.read_text(), readiness_section(run, date)))
        written.append(docs)
    print(f"\n{readiness_summary(run)}\n\nWritten: " + ", ".join(map(str, written)))
    return 0
