"""Starting and stopping the benchmark's child processes: the bots under test
(:mod:`bench.server`) and, for the fan-out, Teams (:mod:`bench.teams`) and the delivery worker
(:mod:`bench.fanout_worker`)."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import aiohttp

PROJECT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 90.0
STOP_TIMEOUT = 15.0

Process = asyncio.subprocess.Process


class BotFailedToStart(RuntimeError):
    """The child process ended or stayed silent instead of announcing its port."""


READY_POLL_SECONDS = 0.005


@dataclass(frozen=True)
class BotProcess:
    """A running bot: its name, its child process and where it takes activities.

    Attributes:
        startup_seconds: From starting the process until ``/readyz`` first answered 200.
        rss_bytes: Its resident memory right then.
    """

    name: str
    process: Process
    url: str
    startup_seconds: float = 0.0
    rss_bytes: int = 0

    async def command(self, line: str) -> None:
        """Send one command (:class:`bench.server.Commands`) and wait for its ``OK``."""
        assert self.process.stdin is not None
        self.process.stdin.write(f"{line}\n".encode())
        await self.process.stdin.drain()
        answer = await read_line(self.process)
        if answer != "OK":
            raise RuntimeError(f"the {self.name} bot answered {answer!r} to {line!r}")

    def rss(self) -> int:
        """Its resident memory now, in bytes."""
        return resident_bytes(self.process.pid)


def resident_bytes(pid: int) -> int:
    """The resident memory (VmRSS) of process ``pid`` in bytes; 0 where /proc is missing."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _open_log(path: Path, append: bool = False) -> IO[bytes]:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.open("ab" if append else "wb")


async def start_child(
    module: str, arguments: Sequence[str], log: Path, append: bool = False
) -> Process:
    """Start ``python -m module arguments`` in the project, its standard error in ``log``
    (added to it with ``append``).

    Its standard input and output are pipes: it reports on standard output, and stops by
    itself when standard input closes (see :func:`stop_bot`).
    """
    with _open_log(log, append) as log_file:
        return await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            module,
            *arguments,
            cwd=PROJECT,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=log_file,
        )


async def read_line(process: Process, seconds: float = START_TIMEOUT) -> str:
    """The next line the child writes on standard output ("" when it ended or stayed silent)."""
    assert process.stdout is not None
    try:
        line = await asyncio.wait_for(process.stdout.readline(), seconds)
    except TimeoutError:
        line = b""
    return line.decode().strip()


async def start_bot(
    name: str,
    data_dir: Path,
    log: Path,
    lifetime: float,
    profile: Path | None = None,
    database_url: str | None = None,
) -> BotProcess:
    """Start bot ``name`` with its files in ``data_dir`` and its log in ``log``; Paraat's
    database (``database_url``, else SQLite in ``data_dir``) is migrated first, unmeasured.

    Times the start-up: from starting the process until its ``/readyz`` answers 200.
    With ``profile``, the bot runs under cProfile and writes its statistics there when it stops.
    """
    arguments = [name, "--data-dir", str(data_dir)]
    if database_url is not None:
        arguments += ["--database-url", database_url]
    if name == "paraat":
        migrating = await start_child("bench.server", [*arguments, "--migrate-only"], log)
        if await asyncio.wait_for(migrating.wait(), START_TIMEOUT) != 0:
            raise BotFailedToStart(f"the {name} bot's database was not migrated; see {log}")
    arguments += ["--lifetime", str(lifetime)]
    if profile is not None:
        arguments += ["--profile", str(profile)]
    began = time.perf_counter()
    process = await start_child("bench.server", arguments, log, append=name == "paraat")
    word, _, port = (await read_line(process)).partition(" ")
    if word != "PORT" or not port.strip().isdigit():
        await stop_bot(process)
        raise BotFailedToStart(f"the {name} bot did not start; see {log}")
    base = f"http://127.0.0.1:{int(port)}"
    if not await _ready(f"{base}/readyz", began + START_TIMEOUT):
        await stop_bot(process)
        raise BotFailedToStart(f"the {name} bot never said it was ready; see {log}")
    startup = time.perf_counter() - began
    return BotProcess(name, process, f"{base}/api/messages", startup, resident_bytes(process.pid))


async def _ready(url: str, deadline: float) -> bool:
    """Poll ``url`` until it answers 200 (True) or ``deadline`` (a ``perf_counter`` time)."""
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
        while time.perf_counter() < deadline:
            try:
                async with session.get(url) as response:
                    if response.status == 200:
                        return True
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(READY_POLL_SECONDS)
    return False


async def stop_bot(process: Process) -> None:
    """Close the child's input (it stops by itself), then terminate it if it lingers."""
    if process.returncode is not None:
        return
    if process.stdin is not None:
        process.stdin.close()
    try:
        await asyncio.wait_for(process.wait(), STOP_TIMEOUT)
    except TimeoutError:
        process.kill()
        await process.wait()
