"""The fan-out benchmark's child processes and how to talk to them: Teams (:mod:`bench.teams`)
through its control API, and delivery workers (:mod:`bench.fanout_worker`) through the lines
they write."""

from __future__ import annotations

import asyncio
import json
import os
import signal
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import aiohttp

from bench.fanout_math import Timeline
from bench.process import Process, read_line, start_child, stop_bot

WORKER_LIFETIME = 240.0
"""A worker stops by itself after this many seconds, whatever happens here."""
TEAMS_LIFETIME = 600.0


class ChildFailed(RuntimeError):
    """A child process did not start, or ended without saying what it did."""


def cpu_seconds(pid: int) -> float:
    """CPU seconds (user and system) process ``pid`` has used so far (Linux; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return float("nan")
    # After the command name: state is field 3, utime field 14 and stime field 15 (man 5 proc).
    ticks = int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class TeamsStats:
    """What Teams accepted so far, and the 429s its limits gave (per limit)."""

    messages: int
    throttles: dict[str, int]


class Teams:
    """The Teams emulator process, and its control API (use ``async with``)."""

    def __init__(self, limits: bool, log: Path) -> None:
        """Teams with its rate limits (``limits``) or none, logging into ``log``."""
        self._limits = limits
        self._log = log
        self._process: Process | None = None
        self._http: aiohttp.ClientSession | None = None
        self.url = ""
        """The service URL to send to."""
        self._control = ""

    async def __aenter__(self) -> Self:
        """Start the process and wait until it serves."""
        arguments = ["--lifetime", str(TEAMS_LIFETIME)] + ([] if self._limits else ["--no-limits"])
        self._process = await start_child("bench.teams", arguments, self._log)
        word, *urls = (await read_line(self._process)).split()
        if word != "TEAMS" or len(urls) != 2:
            await stop_bot(self._process)
            raise ChildFailed(f"the Teams emulator did not start; see {self._log}")
        self.url, self._control = urls
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop the process."""
        if self._http is not None:
            await self._http.close()
        if self._process is not None:
            await stop_bot(self._process)

    def cpu_seconds(self) -> float:
        """CPU seconds the emulator has used so far."""
        assert self._process is not None
        return cpu_seconds(self._process.pid)

    async def stats(self) -> TeamsStats:
        """Messages accepted and 429s given since the last reset."""
        body = await self._get("stats")
        return TeamsStats(body["messages"], body["throttles"])

    async def until_accepted(self, messages: float, every: float) -> None:
        """Return once Teams has accepted ``messages`` messages, looking every ``every`` s."""
        while True:
            if (await self.stats()).messages >= messages:
                return
            await asyncio.sleep(every)

    async def counts(self) -> dict[str, int]:
        """Accepted messages per conversation since the last reset."""
        counts: dict[str, int] = await self._get("counts")
        return counts

    async def timeline(self) -> Timeline:
        """(monotonic time, messages accepted so far) since the last reset."""
        return [(float(at), int(count)) for at, count in await self._get("timeline")]

    async def sample(self) -> dict[str, Any]:
        """The first message accepted since the last reset, as it arrived.

        Raises:
            ChildFailed: no message was accepted.
        """
        activity = await self._get("sample")
        if not isinstance(activity, dict):
            raise ChildFailed("Teams has accepted no message yet")
        return activity

    async def chaos(self, probability: float, statuses: tuple[int, ...] = (429,)) -> float:
        """Answer each request with one of ``statuses`` with ``probability``; returns when
        (monotonic) it took effect."""
        body = await self._post("chaos", {"probability": probability, "statuses": statuses})
        return float(body["at"])

    async def reset(self) -> None:
        """Forget every message, 429 and limit counted so far; no more random failures."""
        await self._post("reset", {})

    async def _get(self, path: str) -> Any:
        assert self._http is not None
        async with self._http.get(self._control + path) as response:
            response.raise_for_status()
            return await response.json()

    async def _post(self, path: str, body: dict[str, Any]) -> Any:
        assert self._http is not None
        async with self._http.post(self._control + path, json=body) as response:
            response.raise_for_status()
            return await response.json()


@dataclass(frozen=True)
class WorkerDone:
    """What a worker reported when no row was pending any more."""

    seconds: float
    """From its first claim until the last outcome was recorded."""
    cpu_seconds: float
    """CPU seconds it used meanwhile (all its threads)."""
    results: dict[str, int]
    """Teams' answers per result (``sent``, ``throttled``, ...)."""


class Worker:
    """A delivery worker process."""

    def __init__(self, process: Process, started_at: float, log: Path) -> None:
        """A worker that started delivering at ``started_at`` (monotonic)."""
        self.process = process
        self.started_at = started_at
        self._log = log

    @classmethod
    async def start(
        cls,
        data_dir: Path,
        log: Path,
        *,
        budget: str = "teams",
        lease: float = 60.0,
        profile: Path | None = None,
    ) -> Worker:
        """Start a worker on the database in ``data_dir``; return once it starts delivering.

        Args:
            data_dir: The database's folder.
            log: Its log.
            budget: ``teams`` (Paraat's default tenant budget) or ``unlimited``.
            lease: Seconds a claimed row stays the worker's.
            profile: Profile its delivery into this file.
        """
        arguments = [
            "--data-dir", str(data_dir), "--budget", budget, "--lease", str(lease),
            "--lifetime", str(WORKER_LIFETIME),
        ]  # fmt: skip
        if profile is not None:
            arguments += ["--profile", str(profile)]
        process = await start_child("bench.fanout_worker", arguments, log)
        started = _event(await read_line(process))
        if started.get("event") != "started":
            await stop_bot(process)
            raise ChildFailed(f"the fan-out worker did not start; see {log}")
        return cls(process, float(started["at"]), log)

    async def done(self) -> WorkerDone:
        """Wait until the worker has delivered everything, and what it reported."""
        report = _event(await read_line(self.process, WORKER_LIFETIME))
        await stop_bot(self.process)
        if report.get("event") != "done":
            raise ChildFailed(f"the fan-out worker ended without its report; see {self._log}")
        return WorkerDone(report["seconds"], report["cpu_seconds"], report["results"])

    async def kill(self) -> None:
        """SIGKILL: no clean-up at all, leases and rows in flight stay as they are."""
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()


def _event(line: str) -> dict[str, Any]:
    try:
        event = json.loads(line)
    except ValueError:
        return {}
    return event if isinstance(event, dict) else {}
