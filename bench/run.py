"""Run the whole benchmark once: start both bots, measure every scenario, then the campaign
fan-out (:mod:`bench.fanout`), and write the reports.

Both bots run in child processes of their own (:mod:`bench.server`); this process is "Teams":
the simulated users and the local Bot Connector that receives the replies. All traffic stays on
127.0.0.1. Each repetition measures every scenario once, side by side, so a slower moment of the
machine hits the baseline and Paraat alike.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench.fanout import FanoutOptions, run_fanout
from bench.fanout_report import console_summary
from bench.fanout_results import Fanout
from bench.load import Json, drive
from bench.machine import machine_facts
from bench.page import performance_page
from bench.process import PROJECT, BotProcess, start_bot, stop_bot
from bench.readiness import ReadinessOptions, ReadinessRun, run_readiness
from bench.readiness_page import readiness_summary, readiness_text, run_only, with_section
from bench.readiness_turn import (
    READINESS,
    READINESS_BOT,
    check_readiness_card,
    prepare_readiness_bot,
    readiness_comparisons,
    readiness_messages,
)
from bench.report import (
    Measured,
    RunInfo,
    compare,
    measurement_table,
    ratio_table,
    results_json,
)
from bench.scenarios import (
    ECHO_INVOKE,
    ECHO_MESSAGE,
    HELP,
    HELP_PG,
    PG_BOT,
    QUIZ_ANSWER,
    QUIZ_ANSWER_PG,
    Scenario,
    answer_feeds,
    checks,
    choose_teams,
    echo_invokes,
    help_messages,
)
from bench.startup import Lifetime, lifetime_table
from bench.stats import Repetition, reduce
from bench.turn_profile import TurnProfile, profile_table, turn_profile
from content.loader import Library, load_library
from testkit.connector import FakeConnector
from testkit.postgres import (
    PostgresCluster,
    PostgresServer,
    PostgresStartError,
    PostgresUnavailableError,
    postgres_server,
    unique_database_name,
)

OUTPUT = PROJECT / "test-output" / "bench"
DOCS = PROJECT / "docs" / "performance.md"
ORDER = (ECHO_MESSAGE, HELP, HELP_PG, READINESS, ECHO_INVOKE, QUIZ_ANSWER, QUIZ_ANSWER_PG)
"""The scenarios of one repetition, each Paraat turn right after its baseline (the PostgreSQL
ones are left out when no PostgreSQL server can be had)."""
BOT_LIFETIME = 600.0
"""A bot process stops by itself after this many seconds, whatever happens here."""
RUN_TIMEOUT = 900.0
PROFILE_SECONDS = 30.0
PROFILE_TURNS = 300
"""Turns per scenario under the profiler (one user)."""
FANOUT_TIMEOUT = 400.0


class RepliesMissing(RuntimeError):
    """The Bot Connector did not receive the replies the turns should have sent."""


@dataclass(frozen=True)
class Options:
    """How much to measure."""

    turns: int = 400
    """Turns per measurement at most."""
    seconds: float = 5.0
    """Seconds per measurement at most."""
    repeats: int = 3
    warmup: int = 50
    """Turns per scenario and concurrency before the first measurement (not reported)."""
    users: tuple[int, ...] = (1, 10, 50)
    """The concurrency levels: simulated users, each with one turn in flight."""


class Bench:
    """The running bots, the local Bot Connector and the library for picking answers."""

    def __init__(
        self, bots: dict[str, BotProcess], connector: FakeConnector, library: Library
    ) -> None:
        """Measure against these bots, with replies going to ``connector``."""
        self._bots = bots
        self._connector = connector
        self._library = library

    async def feeds(
        self, scenario: Scenario, people: Sequence[int], turns: int
    ) -> list[Iterator[Json]]:
        """What each person sends in ``scenario`` (quiz answers need fresh rounds first)."""
        url = self._connector.url
        if scenario.bot == READINESS_BOT:
            return [readiness_messages(url, number) for number in people]
        if scenario.kind == QUIZ_ANSWER.kind:
            per_person = math.ceil(turns / len(people))
            bot = self._bots[scenario.bot].url
            return await answer_feeds(bot, self._connector, self._library, people, per_person)
        if scenario.kind == ECHO_INVOKE.kind:
            return [echo_invokes(url, number) for number in people]
        return [help_messages(url, number) for number in people]

    async def measure(
        self, scenario: Scenario, people: Sequence[int], turns: int, seconds: float
    ) -> Repetition:
        """One measurement of ``scenario`` with one user per person in ``people``."""
        feeds = await self.feeds(scenario, people, turns)
        self._connector.clear()
        url = self._bots[scenario.bot].url
        sample = await drive(url, feeds, checks()[scenario.kind], turns, seconds)
        expected = sample.turns * scenario.replies_per_turn
        if len(self._connector.messages()) != expected:
            raise RepliesMissing(
                f"{scenario.name}: {len(self._connector.messages())} replies for "
                f"{sample.turns} turns, expected {expected}"
            )
        self._connector.clear()
        return reduce(sample)

    @property
    def scenarios(self) -> tuple[Scenario, ...]:
        """The scenarios of one repetition, for the bots that run."""
        return tuple(s for s in ORDER if s.bot in self._bots)

    async def profile(self, turns: int) -> list[TurnProfile]:
        """``turns`` help messages, then ``turns`` quiz answers, by one user, each under cProfile
        in Paraat's process (unreported warm-up first), on each database."""
        profiles = []
        for scenario in self.scenarios:
            if scenario.bot == "echo":
                continue
            bot = self._bots[scenario.bot]
            people = [1]
            await choose_teams(bot.url, self._connector, people)
            await self.measure(scenario, people, 20, PROFILE_SECONDS)
            feeds = await self.feeds(scenario, people, turns)
            self._connector.clear()
            path = OUTPUT / f"paraat-{scenario.name.replace(' ', '-')}.prof"
            await bot.command("PROFILE START")
            sample = await drive(bot.url, feeds, checks()[scenario.kind], turns, PROFILE_SECONDS)
            await bot.command(f"PROFILE STOP {path}")
            self._connector.clear()
            profiles.append(turn_profile(scenario.name, sample.turns, path, PROJECT))
        return profiles

    def lifetimes(self) -> list[Lifetime]:
        """Each bot's start-up and memory, now that the turns are done."""
        return [
            Lifetime(name, bot.startup_seconds, bot.rss_bytes, bot.rss())
            for name, bot in self._bots.items()
        ]

    async def run(self, options: Options) -> list[Measured]:
        """Every scenario at every concurrency level, ``options.repeats`` times."""
        measured: list[Measured] = []
        order = self.scenarios
        for users in options.users:
            people = range(1, users + 1)
            for name, bot in self._bots.items():
                if name != "echo":
                    await choose_teams(bot.url, self._connector, people)
            for scenario in order:
                await self.measure(scenario, people, options.warmup, options.seconds)
            repetitions: dict[str, list[Repetition]] = {s.name: [] for s in order}
            for repetition in range(1, options.repeats + 1):
                for scenario in order:
                    result = await self.measure(scenario, people, options.turns, options.seconds)
                    repetitions[scenario.name].append(result)
                    print(
                        f"  users={users:<3} rep {repetition}  {scenario.name:<13} "
                        f"{result.turns_per_second:7.1f} turns/s  p50 {result.p50_ms:6.2f} ms",
                        flush=True,
                    )
            measured.extend(Measured(s, users, tuple(repetitions[s.name])) for s in order)
        return measured


@dataclass(frozen=True)
class Turns:
    """What the turns part of a run found."""

    measured: list[Measured]
    lifetimes: list[Lifetime]
    profiles: list[TurnProfile]
    postgres: str
    """The PostgreSQL server used, or why there was none."""


async def run(options: Options, profile: bool = False) -> Turns:
    """Start the connector, PostgreSQL (when there is one) and the bots, measure, and stop
    everything again."""
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(postgres_server())
        except (PostgresUnavailableError, PostgresStartError) as error:
            print(f"No PostgreSQL, measuring SQLite only: {error}", flush=True)
            return await _run(options, profile, None, f"not measured ({error})")
        url = server.create_database(unique_database_name("paraat_bench"))
        return await _run(options, profile, url, _server_name(server))


def _server_name(server: PostgresServer) -> str:
    if isinstance(server, PostgresCluster):
        return (
            "a throwaway local cluster started as the tests start theirs (`testkit/postgres.py`, "
            "tuned as for tests: `fsync`, `synchronous_commit` and `full_page_writes` off)"
        )
    return "the server named by `PARAAT_TEST_POSTGRES_URL`"


async def _run(options: Options, profile: bool, postgres_url: str | None, postgres: str) -> Turns:
    library = load_library()
    connector = FakeConnector()
    await connector.start()
    bots: dict[str, BotProcess] = {}
    names = ["echo", "paraat"] + ([PG_BOT] if postgres_url else [])
    names.append(READINESS_BOT)
    try:
        with tempfile.TemporaryDirectory(prefix="paraat-bench-") as folder:
            try:
                department = await prepare_readiness_bot(Path(folder) / READINESS_BOT, library)
                for name in names:
                    data = Path(folder) / name
                    log = OUTPUT / f"{name}.log"
                    profile_path = OUTPUT / f"{name}.prof" if profile else None
                    kind = "echo" if name == "echo" else "paraat"
                    url = postgres_url if name == PG_BOT else None
                    bots[name] = await start_bot(kind, data, log, BOT_LIFETIME, profile_path, url)
                await check_readiness_card(bots[READINESS_BOT].url, connector, department)
                bench = Bench(bots, connector, library)
                measured = await bench.run(options)
                profiles = [] if profile else await bench.profile(PROFILE_TURNS)
                return Turns(measured, bench.lifetimes(), profiles, postgres)
            finally:
                for bot in bots.values():
                    await stop_bot(bot.process)
    finally:
        await connector.close()


def _parser() -> argparse.ArgumentParser:
    defaults = Options()
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--turns", type=int, default=defaults.turns, help="per measurement")
    parser.add_argument("--seconds", type=float, default=defaults.seconds, help="per measurement")
    parser.add_argument("--repeats", type=int, default=defaults.repeats)
    parser.add_argument("--warmup", type=int, default=defaults.warmup)
    parser.add_argument(
        "--no-docs", action="store_true", help=f"leave {DOCS.relative_to(PROJECT)} as it is"
    )
    parser.add_argument(
        "--no-fanout",
        action="store_true",
        help="measure the turns only (leaves the docs page as it is)",
    )
    parser.add_argument(
        "--only",
        choices=["readiness"],
        help="run only the readiness roll-up (replaces only its section of the docs page)",
    )
    parser.add_argument(
        "--no-readiness", action="store_true", help="leave out the readiness roll-up"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="profile both bots (cProfile, into test-output/bench/); implies --no-docs",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run once; print the table, write the JSON and (unless told not to) the docs page."""
    args = _parser().parse_args(argv)
    if args.only == "readiness":
        return run_only(None if args.no_docs or args.profile else DOCS, OUTPUT)
    options = Options(
        turns=max(1, args.turns),
        seconds=max(0.1, args.seconds),
        repeats=max(1, args.repeats),
        warmup=max(1, args.warmup),
    )
    print(
        f"Benchmark: up to {options.turns} turns or {options.seconds:g} s per measurement, "
        f"{options.repeats} repetitions, users {', '.join(map(str, options.users))}",
        flush=True,
    )
    started, clock = datetime.now(UTC), time.perf_counter()
    turns = asyncio.run(asyncio.wait_for(run(options, args.profile), RUN_TIMEOUT))
    measured = turns.measured
    fanout_options = FanoutOptions()
    fanout: Fanout | None = None
    if not args.no_fanout:
        print("Campaign fan-out: the delivery worker against the Teams emulator", flush=True)
        fanout = asyncio.run(
            asyncio.wait_for(
                run_fanout(fanout_options, OUTPUT, OUTPUT / "fanout-worker.prof"), FANOUT_TIMEOUT
            )
        )
    readiness: ReadinessRun | None = None
    if not (args.no_readiness or args.profile):
        readiness = run_readiness(ReadinessOptions())
    info = RunInfo(started, time.perf_counter() - clock, machine_facts(PROJECT), asdict(options))
    comparisons = compare(measured)
    comparisons += readiness_comparisons(measured)
    results = OUTPUT / "results.json"
    results.parent.mkdir(parents=True, exist_ok=True)
    document = results_json(measured, info)
    document["postgres"] = turns.postgres
    document["startup"] = [life.as_json() for life in turns.lifetimes]
    document["profiles"] = [profile.as_json() for profile in turns.profiles]
    if fanout is not None:
        document["fanout"] = {"options": asdict(fanout_options)} | fanout.as_json()
    if readiness is not None:
        document["readiness"] = readiness.as_json()
    results.write_text(json.dumps(document, indent=2) + "\n")
    written = [results]
    if fanout is not None and not (args.no_docs or args.profile):
        readiness_part = readiness_text(readiness, info.date, DOCS)
        DOCS.write_text(
            performance_page(
                measured,
                turns.lifetimes,
                turns.profiles,
                turns.postgres,
                comparisons,
                info,
                fanout,
                fanout_options,
            )
        )
        DOCS.write_text(with_section(DOCS.read_text(), readiness_part))
        written.append(DOCS)
    print(f"\n{measurement_table(measured)}\n\n{ratio_table(comparisons)}\n")
    print(f"{lifetime_table(turns.lifetimes)}\n")
    for profile in turns.profiles:
        print(f"{profile_table(profile)}\n")
    if fanout is not None:
        print(f"{console_summary(fanout)}\n")
    if readiness is not None:
        print(f"{readiness_summary(readiness)}\n")
    print("Written: " + ", ".join(str(path.relative_to(PROJECT)) for path in written))
    return 0
