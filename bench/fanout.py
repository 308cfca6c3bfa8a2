"""The campaign fan-out benchmark: Paraat's delivery worker against the Teams emulator, each in
a process of its own, on SQLite.

(a) throughput with no limits anywhere, next to the emulator's own ceiling (a plain client) and
a profile of the worker; (b) at Teams' limits with the default budget and a stretch of
injected 429s; (c) a worker killed with SIGKILL mid-run and started again. This process only
prepares each database, starts and watches the children, and counts what Teams received.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.ceiling import measure_ceiling
from bench.fanout_children import Teams, Worker
from bench.fanout_data import conversation_of, outcome, prepare
from bench.fanout_math import back_at, first_message_at, rate_between, tally
from bench.fanout_results import AtTheLimit, CrashResume, Fanout, Pushback, Throughput
from bench.process import PROJECT
from bench.profile_split import split_profile
from campaigns.delivery import DeliverySettings
from campaigns.rules.limits import BudgetPolicy

WATCH_EVERY = 0.02
"""Seconds between looks at Teams while waiting for the moment to kill a worker."""
RECOVERED = 0.9
"""(b): the pace counts as recovered from the pushback at this fraction of the campaign share."""
KILL_WAIT = 120.0
"""Seconds at most until Teams has the part of the messages at which the worker is killed."""
SETTLE = 0.3
"""Seconds for requests already on their way when a worker dies to reach Teams."""


@dataclass(frozen=True)
class FanoutOptions:
    """How much the fan-out benchmark sends.

    Attributes:
        throughput_recipients: (a): for the worker, and posts for the plain client.
        profile_recipients: (a) once more, profiled (slower; not reported as a rate).
        limit_recipients: (b): about 25 s at Paraat's share of Teams' limit.
        pushback: (b): when and how hard Teams pushes back.
        crash_paced: (c) at Teams' limits and pace: recipients.
        crash_fast: (c) at full speed (no limits): recipients.
        crash_at: (c): the worker is killed once Teams has this fraction of the messages.
        crash_lease: (c): the lease (``PARAAT_CAMPAIGN_LEASE_SECONDS``), short so the new
            worker need not wait a minute for the dead one's rows.
    """

    throughput_recipients: int = 10_000
    profile_recipients: int = 3_000
    limit_recipients: int = 900
    pushback: Pushback = Pushback(after=10.0, seconds=2.0, probability=0.2)
    crash_paced: int = 600
    crash_fast: int = 6_000
    crash_at: float = 0.4
    crash_lease: float = 3.0


class FanoutBench:
    """Runs each measurement in a fresh database in ``folder``, logs in ``logs``."""

    def __init__(self, folder: Path, logs: Path, options: FanoutOptions) -> None:
        """Measure as ``options`` says."""
        self._folder = folder
        self._logs = logs
        self._options = options
        self._databases = 0

    def _data_dir(self) -> Path:
        self._databases += 1
        return self._folder / f"fanout-{self._databases}"

    async def throughput(self, teams: Teams) -> Throughput:
        """(a) Every recipient as fast as the worker can, then the plain client's ceiling."""
        count = self._options.throughput_recipients
        data_dir = self._data_dir()
        campaign = await prepare(data_dir, count, teams.url)
        cpu = teams.cpu_seconds()
        worker = await Worker.start(data_dir, self._logs / "fanout-a.log", budget="unlimited")
        done = await worker.done()
        teams_cpu = teams.cpu_seconds() - cpu
        received = tally((conversation_of(n) for n in range(1, count + 1)), await teams.counts())
        activity = await teams.sample()
        await teams.reset()
        cpu = teams.cpu_seconds()
        concurrency = DeliverySettings().concurrency
        ceiling = await measure_ceiling(
            teams.url, activity, [f"a:ceiling-{n}" for n in range(count)], concurrency
        )
        ceiling_cpu = teams.cpu_seconds() - cpu
        await teams.reset()
        state = await outcome(data_dir, campaign)
        if state.counts.sent != count:
            print(f"  fan-out (a): only {state.counts.sent} of {count} recorded sent", flush=True)
        return Throughput(
            count, concurrency, done.seconds, done.cpu_seconds, teams_cpu, received, ceiling,
            ceiling_cpu,
        )  # fmt: skip

    async def profile(self, teams: Teams, path: Path) -> None:
        """(a) once more, smaller, with the worker's delivery under cProfile into ``path``."""
        data_dir = self._data_dir()
        await prepare(data_dir, self._options.profile_recipients, teams.url)
        worker = await Worker.start(
            data_dir, self._logs / "fanout-profile.log", budget="unlimited", profile=path
        )
        await worker.done()
        await teams.reset()

    async def at_the_limit(self, teams: Teams) -> AtTheLimit:
        """(b) Teams' limits, the default budget, and random 429s for a stretch of the run."""
        count, pushback = self._options.limit_recipients, self._options.pushback
        data_dir = self._data_dir()
        await prepare(data_dir, count, teams.url)
        worker = await Worker.start(data_dir, self._logs / "fanout-b.log")
        await asyncio.sleep(max(0.0, worker.started_at + pushback.after - time.monotonic()))
        pushed_at = await teams.chaos(pushback.probability)
        await asyncio.sleep(pushback.seconds)
        await teams.chaos(0.0)
        done = await worker.done()
        timeline, stats = await teams.timeline(), await teams.stats()
        received = tally((conversation_of(n) for n in range(1, count + 1)), await teams.counts())
        await teams.reset()
        first = first_message_at(timeline) or worker.started_at
        policy = BudgetPolicy()
        back = back_at(timeline, pushed_at + pushback.seconds, RECOVERED * policy.campaign_share)
        return AtTheLimit(
            count, policy.limit, policy.campaign_share, done.seconds, done.cpu_seconds,
            rate_between(timeline, first, pushed_at), pushback, back,
            done.results.get("throttled", 0), stats.throttles, done.results, received,
        )  # fmt: skip

    async def crash(self, teams: Teams, name: str, count: int, budget: str) -> CrashResume:
        """(c) Kill the worker once Teams has a part of the messages; start another one."""
        lease = self._options.crash_lease
        data_dir = self._data_dir()
        campaign = await prepare(data_dir, count, teams.url)
        first = await Worker.start(
            data_dir, self._logs / f"fanout-c-{budget}-1.log", budget=budget, lease=lease
        )
        async with asyncio.timeout(KILL_WAIT):
            await teams.until_accepted(count * self._options.crash_at, WATCH_EVERY)
        await first.kill()
        killed_at = time.monotonic()
        await asyncio.sleep(SETTLE)
        accepted = (await teams.stats()).messages
        at_kill = (await outcome(data_dir, campaign)).counts
        second = await Worker.start(
            data_dir, self._logs / f"fanout-c-{budget}-2.log", budget=budget, lease=lease
        )
        await second.done()
        timeline = await teams.timeline()
        resumed = next((at for at, seen in timeline if seen > accepted), float("nan"))
        received = tally((conversation_of(n) for n in range(1, count + 1)), await teams.counts())
        await teams.reset()
        final = await outcome(data_dir, campaign)
        return CrashResume(
            name, count, lease, accepted, at_kill.sent, at_kill.in_flight, resumed - killed_at,
            final.counts.uncertain, received, final.done,
        )  # fmt: skip


async def run_fanout(options: FanoutOptions, logs: Path, profile: Path) -> Fanout:
    """Every fan-out measurement, one after the other; the profile's statistics in ``profile``."""
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="paraat-fanout-") as folder:
        bench = FanoutBench(Path(folder), logs, options)
        async with Teams(limits=False, log=logs / "teams-unlimited.log") as teams:
            print("  fan-out (a): throughput and the emulator's ceiling", flush=True)
            throughput = await bench.throughput(teams)
            print("  fan-out (a): profiled", flush=True)
            await bench.profile(teams, profile)
            print("  fan-out (c): crash and resume at full speed", flush=True)
            fast = await bench.crash(teams, "full speed", options.crash_fast, "unlimited")
        async with Teams(limits=True, log=logs / "teams-limits.log") as teams:
            print("  fan-out (b): at Teams' limits, with 429s", flush=True)
            at_the_limit = await bench.at_the_limit(teams)
            print("  fan-out (c): crash and resume at Teams' pace", flush=True)
            paced = await bench.crash(teams, "Teams' pace", options.crash_paced, "teams")
    parts = split_profile(profile, PROJECT)
    return Fanout(
        "SQLite", time.perf_counter() - began, throughput, options.profile_recipients, parts,
        at_the_limit, [paced, fast],
    )  # fmt: skip
