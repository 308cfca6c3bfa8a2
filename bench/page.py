"""``docs/performance.md``, written from a run: what is measured, how, where, and the results of
the turns and of the campaign fan-out."""

from __future__ import annotations

from collections.abc import Sequence

from bench.fanout import FanoutOptions
from bench.fanout_page import fanout_section
from bench.fanout_results import Fanout
from bench.report import Comparison, Measured, RunInfo, measurement_table, ratio_table
from bench.scenarios import ECHO_INVOKE, ECHO_MESSAGE, HELP, QUIZ_ANSWER

_INTRO = """\
# Performance

<!-- Written by `make bench` (bench/page.py) from its latest run. Edit the generator, not this
file; `python -m bench --no-docs` runs without touching it. -->

Paraat's turns are measured against a **bare Microsoft 365 Agents SDK echo bot, in the same run
on the same machine**, and reported as ratios. The absolute numbers below belong to this machine
on that day; the ratios are what to compare between machines, commits and days. There are no
timed assertions anywhere: `make bench` reports, it does not pass or fail on speed.

[Campaign fan-out](#campaign-fan-out), further down, measures sending a campaign to thousands of
people: against the Teams emulator's own ceiling, at Teams' limits, and through a crash.
"""

_HOW = """\
## How

- **Each bot runs in a process of its own** (`python -m bench.server echo|paraat`), served by
  aiohttp on a free port of 127.0.0.1 and logging as `paraat serve` does (INFO, text; the SDK's
  per-turn "App ID is not provided" warning silenced in local mode for both).
  - Baseline: `MsalConnectionManager` with an anonymous `AgentAuthConfiguration`, `CloudAdapter`,
    `AgentApplication` with `MemoryStorage` (no typing timer, as in Paraat), the SDK's JWT
    middleware and `start_agent_process`, `@app.activity("message")` replying with the text.
  - Paraat: `create_app` in local mode, exactly as `paraat serve` builds it, on an SQLite
    database in a temporary folder migrated with Alembic, with the bundled content.
- **The benchmark process plays Teams**: the simulated users (asyncio tasks, each with its own
  aiohttp `ClientSession`) and the local Bot Connector of the tests
  (`testkit/connector.py`), which receives the bots' replies. Activities are the tests'
  Teams-shaped ones and carry the connector's URL as `serviceUrl`. All traffic is loopback.
- **Closed loop**: a user sends its next activity as soon as the previous one is answered, so
  the number of users is the number of turns in flight: {users}.
- **Budget**: a measurement stops after {turns} turns or {seconds:g} s, whichever comes first;
  {warmup} unreported warm-up turns per scenario and concurrency level come first. There are
  {repeats} repetitions; each measures the four scenarios one right after the other, so a slow
  moment of the machine hits the baseline and Paraat alike.
- **A turn** is one HTTP request to `/api/messages` until its answer: for a message the bot has
  posted its reply to the connector by then (the SDK sends replies within the turn); an invoke's
  card is in the HTTP answer itself. Every answer is checked (each help turn's reply reached the
  connector; each quiz answer got feedback, not the "this button no longer works" card); a wrong
  answer stops the run, since its timing would mean nothing.
- **Quiz answers are real answers**: each person first chooses the team `ict` (the `team.choose`
  invoke). Before each measurement, unmeasured, every person starts as many rounds (the `quiz`
  message) as the measurement may use; every measured turn answers the first question of a
  fresh round, so each one records a new answer and Leitner review in the database. Answers
  alternate between right and wrong.
- **Reported**: per scenario, the median over the repetitions of turns/s, p50 and p95 latency.
  A ratio is the median of the per-repetition ratios Paraat / baseline (each repetition paired
  with the baseline measured next to it).
"""

_READING = """\
## How to read the ratios

- **turns/s ratio**: Paraat's throughput as a fraction of the bare SDK's. 0.50 means Paraat
  serves half as many turns per second as an echo bot on the same machine. **Latency ratios**
  are the other way round: 2.0 means a turn takes twice as long.
- **Machine noise cancels out**: both bots are measured in the same run, side by side, with the
  same load generator, connector and Python. A faster or busier machine moves both, so the
  ratio stays put while turns/s do not. Compare ratios, not turns/s, between machines and CI.
- **The baseline is the floor**: the SDK, aiohttp, JSON and the HTTP call to the connector.
  Everything above it is Paraat's own work: reading the person, the database, building cards.
- `quiz answer` vs `echo invoke` is like for like (both answer an Action.Execute in the HTTP
  response and post nothing); vs `echo message` it is set against the everyday echo turn.
- With 10 users the machine's cores are shared by the bot, the load generator and the
  connector, so throughput is capped by whichever is busiest. Latency at 1 user is the
  cleanest view of the cost of one turn.
- On the 2-core machine this was written on, ratios moved by up to about 20 % from one run to
  the next (most at 10 users). A ratio that drops by more after a change, or in several runs,
  is a regression: profile it with `.venv/bin/python -m bench --profile` (writes
  `test-output/bench/<bot>.prof` and a summary next to it; its numbers are slowed by the
  profiler and are not written here).
"""


def _machine(info: RunInfo) -> str:
    rows = "\n".join(f"| {key} | {value} |" for key, value in info.machine.items())
    return f"## Machine\n\n| | |\n|---|---|\n{rows}\n"


def _scenarios() -> str:
    rows = "\n".join(
        f"| `{s.name}` | {s.bot} | {s.description} |"
        for s in (ECHO_MESSAGE, HELP, ECHO_INVOKE, QUIZ_ANSWER)
    )
    return (
        "## What is measured\n\n"
        "| scenario | bot | one turn |\n|---|---|---|\n"
        f"{rows}\n\n"
        "Paraat's `help message` is compared with `echo message`, its `quiz answer` with "
        "`echo invoke` (like for like) and with `echo message`.\n"
    )


def performance_page(
    measured: Sequence[Measured],
    comparisons: Sequence[Comparison],
    info: RunInfo,
    fanout: Fanout,
    fanout_options: FanoutOptions,
) -> str:
    """The whole page for this run: the turns, then the campaign fan-out."""
    options = info.options
    how = _HOW.format(
        users=" and ".join(str(u) for u in options["users"]),
        turns=options["turns"],
        seconds=options["seconds"],
        warmup=options["warmup"],
        repeats=options["repeats"],
    )
    date = info.date.strftime("%Y-%m-%d %H:%M UTC")
    results = (
        f"## Results of the run of {date}\n\n"
        f"Medians over {options['repeats']} repetitions:\n\n{measurement_table(measured)}\n\n"
        f"Paraat / baseline:\n\n{ratio_table(comparisons)}\n\n"
        f"The whole run (turns and fan-out) took {info.seconds:.0f} s. Every repetition is in\n"
        "`test-output/bench/results.json` (not kept in git).\n"
    )
    parts = [
        _INTRO, _scenarios(), how, _machine(info), results, _READING,
        fanout_section(fanout, fanout_options, date),
    ]  # fmt: skip
    return "\n".join(part.rstrip() + "\n" for part in parts)
