"""``docs/performance.md``, written from a run: what is measured, how, where, and the results of
the turns and of the campaign fan-out."""

from __future__ import annotations

from collections.abc import Sequence

from bench.fanout import FanoutOptions
from bench.fanout_page import fanout_section
from bench.fanout_results import Fanout
from bench.readiness_turn import READINESS, READINESS_NOTE
from bench.report import Comparison, Measured, RunInfo, measurement_table, ratio_table
from bench.scenarios import ECHO_INVOKE, ECHO_MESSAGE, HELP, HELP_PG, QUIZ_ANSWER, QUIZ_ANSWER_PG
from bench.startup import Lifetime, lifetime_table
from bench.turn_profile import TurnProfile, profile_table

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
[Readiness roll-up](#readiness-roll-up), at the end, measures the figures a manager's card needs
in an organisation of 2,000 staff with a year of answers.
"""

_HOW = """\
## How

- **Each bot runs in a process of its own** (`python -m bench.server echo|paraat`), served by
  aiohttp on a free port of 127.0.0.1 and logging as `paraat serve` does (INFO, text; the SDK's
  per-turn "App ID is not provided" warning silenced in local mode for both).
  - Baseline: `MsalConnectionManager` with an anonymous `AgentAuthConfiguration`, `CloudAdapter`,
    `AgentApplication` with `MemoryStorage` (no typing timer, as in Paraat), the SDK's JWT
    middleware and `start_agent_process`, `@app.activity("message")` replying with the text.
  - Paraat: `create_app` in local mode, exactly as `paraat serve` builds it, with the bundled
    content, twice: on an SQLite database in a temporary folder (WAL, `synchronous=NORMAL`:
    no sync at each commit), and on PostgreSQL: {postgres}. Each database is migrated with
    Alembic before its bot starts, as `paraat db upgrade` before `paraat serve`.
- **The benchmark process plays Teams**: the simulated users (asyncio tasks, each with its own
  aiohttp `ClientSession`) and the local Bot Connector of the tests
  (`testkit/connector.py`), which receives the bots' replies. Activities are the tests'
  Teams-shaped ones and carry the connector's URL as `serviceUrl`. All traffic is loopback.
- **Closed loop**: a user sends its next activity as soon as the previous one is answered, so
  the number of users is the number of turns in flight: {users}.
- **Budget**: a measurement stops after {turns} turns or {seconds:g} s, whichever comes first;
  {warmup} unreported warm-up turns per scenario and concurrency level come first. There are
  {repeats} repetitions; each measures the scenarios one right after the other, so a slow
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
- With 10 and 50 users the machine's cores are shared by the bot, the load generator and the
  connector, so throughput is capped by whichever is busiest. Latency at 1 user is the
  cleanest view of the cost of one turn.
- On the 2-core machine this was written on, ratios moved by up to about 20 % from one run to
  the next (most at 10 users). A ratio that drops by more after a change, or in several runs,
  is a regression: see [Where the time goes](#where-the-time-goes) (the statistics are in
  `test-output/bench/paraat-<scenario>.prof`), or profile whole bot processes with
  `.venv/bin/python -m bench --profile` (writes `test-output/bench/<bot>.prof` and a summary
  next to it; its numbers are slowed by the profiler and are not written here).
"""


def _machine(info: RunInfo) -> str:
    rows = "\n".join(f"| {key} | {value} |" for key, value in info.machine.items())
    return f"## Machine\n\n| | |\n|---|---|\n{rows}\n"


def _scenarios() -> str:
    rows = "\n".join(
        f"| `{s.name}` | {s.bot} | {s.description} |"
        for s in (ECHO_MESSAGE, HELP, HELP_PG, READINESS, ECHO_INVOKE, QUIZ_ANSWER, QUIZ_ANSWER_PG)
    )
    return (
        "## What is measured\n\n"
        "| scenario | bot | one turn |\n|---|---|---|\n"
        f"{rows}\n\n"
        "Paraat's `help message` is compared with `echo message`, its `quiz answer` with "
        "`echo invoke` (like for like) and with `echo message`; the same for PostgreSQL (`pg`).\n"
        "Also measured: each bot's start-up and memory, and (under a profiler) where a help turn "
        "and a quiz answer spend their time.\n"
        f"{READINESS_NOTE}"
    )


_TARGETS = """\
Targets on this machine: a `quiz answer` at least **0.5** of `echo invoke`'s turns/s at 1 user and
its p95 at 10 users at most **3×** `echo invoke`'s; `help message` at least **0.8** of
`echo message`'s turns/s.
"""

_STARTUP = """\
## Start-up and memory

Each bot's process, from its start (`python -m bench.server`: the interpreter, the imports, the
library, the app) until `GET /readyz` first answers 200, polled every 5 ms; the echo bot's
`/readyz` answers as soon as it serves. Paraat checks the schema and loads the full bundled library
before it listens. Resident memory (VmRSS) is read from `/proc` right then, and again after all
the turns. It is one start per bot and run, so compare it over several runs; a busy machine
(on 2 cores, anything else running) can double it.

{table}
"""

_PROFILE = """\
## Where the time goes

{turns} turns of each by one user, with cProfile on in Paraat's process for just those turns
(after a warm-up); each function's own time goes to the first part whose name matches (the parts
add up to the whole). SQLite runs on the event loop's thread, so its statements count under
*database*; asyncpg's waits for the server count as *waiting*. The profiler slows everything, so
the busy time per turn is only for comparing runs with each other.

{tables}

{top}
"""


def _profiles(profiles: Sequence[TurnProfile]) -> str:
    if not profiles:
        return ""
    tables = "\n\n".join(
        f"`{p.scenario}`: {p.busy_ms_per_turn:.1f} ms busy per turn under the profiler\n\n"
        f"{profile_table(p)}"
        for p in profiles
    )
    lines = []
    for p in profiles:
        heaviest = ", ".join(f"`{loc}` {share:.0%}" for loc, share in p.top[:5])
        lines.append(f"- Heaviest functions (own time) in `{p.scenario}`: {heaviest}.")
    top = "\n".join(lines) + "\n\n" + _FINDINGS
    return _PROFILE.format(turns=profiles[0].turns, tables=tables, top=top)


_FINDINGS = """\
What was cut, and what is left:

- **The SDK's clients are kept between turns** (`bot/turn_clients.py`): the SDK's own factory
  builds a new connector client and a new user token client for every turn, each with its own
  aiohttp session (so every reply opened a new TCP connection to Teams) and a `User-Agent` string
  read from the package metadata on disk. Paraat gets the token as the SDK does and reuses the
  client made for that service URL and token. The echo bot is the bare SDK and still pays this,
  which is why `help message` can now beat it.
- **A quiz answer is one read and one write** (`LearningStore.in_round`): the person's language
  and team, the round and the review of that one question in one read (the router hands the
  answer a `PendingTurn`, so the person is not read before it), then the move of the round, the
  answer (its "first attempt" read inside the insert) and the review, as Core statements built
  once, on one connection. On SQLite that is one write transaction; on PostgreSQL the read runs
  outside a transaction and the write is one statement (the three changes as data-modifying
  `WITH` parts), atomic on its own. It used to open five sessions and, on PostgreSQL, wait for
  the server thirteen times.
- **PostgreSQL's pool**: connections are pinged only after resting 10 s in the pool (not at every
  checkout: three round trips each), the last one back goes out first, and all 15 are kept
  (the default 5 plus 10 overflow closed an overflow connection whenever it came back, so under
  load a new server process every few turns).
- **SQLite without a thread**: aiosqlite handed every cursor, execute, fetch, close, commit and
  rollback to its thread and back (about 30 hand-overs per answer), each costing more than the
  statement. SQLite now runs on the loop's thread (`store/database.py`), in WAL with
  `synchronous=NORMAL`.
- **Writers queue in the loop, not in SQLite**: this process's write transactions take turns on
  one asyncio lock. Before, concurrent answers met SQLite's busy handler, which sleeps and polls;
  that made the p95 at 10 users 27 times the echo bot's.
- **Left**: SQLAlchemy around each statement of an answer (the largest part of a quiz answer on
  SQLite); the Agents SDK's own work per turn (turn context, activity models, deep copies of
  each outgoing activity), the same as the echo bot's; for `help`, the reply's HTTP call and the
  help card. On PostgreSQL every statement is a round trip to the server: a quiz answer waits
  for it twice, a help turn once (the person's read), and the server's own work on a 2-core
  machine shares the cores with the bot and the load (*waiting* above).
"""


def performance_page(
    measured: Sequence[Measured],
    lifetimes: Sequence[Lifetime],
    profiles: Sequence[TurnProfile],
    postgres: str,
    comparisons: Sequence[Comparison],
    info: RunInfo,
    fanout: Fanout,
    fanout_options: FanoutOptions,
) -> str:
    """The whole page for this run: the turns, then the campaign fan-out."""
    options = info.options
    how = _HOW.format(
        postgres=postgres,
        users=", ".join(str(u) for u in options["users"]),
        turns=options["turns"],
        seconds=options["seconds"],
        warmup=options["warmup"],
        repeats=options["repeats"],
    )
    date = info.date.strftime("%Y-%m-%d %H:%M UTC")
    results = (
        f"## Results of the run of {date}\n\n"
        f"Medians over {options['repeats']} repetitions:\n\n{measurement_table(measured)}\n\n"
        f"Paraat / baseline:\n\n{ratio_table(comparisons)}\n\n{_TARGETS}\n"
        f"The whole run (turns and fan-out) took {info.seconds:.0f} s. Every repetition is in\n"
        "`test-output/bench/results.json` (not kept in git).\n"
    )
    parts = [
        _INTRO, _scenarios(), how, _machine(info), results,
        _STARTUP.format(table=lifetime_table(lifetimes)), _profiles(profiles), _READING,
        fanout_section(fanout, fanout_options, date),
    ]  # fmt: skip
    return "\n".join(part.rstrip() + "\n" for part in parts)
