"""Starting and stopping the benchmark's child processes: the bots under test
(:mod:`bench.server`) and, for the fan-out, Teams (:mod:`bench.teams`) and the delivery worker
(:mod:`bench.fanout_worker`)."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

PROJECT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 90.0
STOP_TIMEOUT = 15.0

Process = asyncio.subprocess.Process


class BotFailedToStart(RuntimeError):
    """The child process ended or stayed silent instead of announcing its port."""


@dataclass(frozen=True)
class BotProcess:
    """A running bot: its name, its child process and where it takes activities."""

    name: str
    process: Process
    url: str


def _open_log(path: Path) -> IO[bytes]:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.open("wb")


async def start_child(module: str, arguments: Sequence[str], log: Path) -> Process:
    """Start ``python -m module arguments`` in the project, its standard error in ``log``.

    Its standard input and output are pipes: it reports on standard output, and stops by
    itself when standard input closes (see :func:`stop_bot`).
    """
    with _open_log(log) as log_file:
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
    name: str, data_dir: Path, log: Path, lifetime: float, profile: Path | None = None
) -> BotProcess:
    """Start bot ``name`` with its files in ``data_dir`` and its log in ``log``.

    With ``profile``, the bot runs under cProfile and writes its statistics there when it stops.
    """
    arguments = [name, "--data-dir", str(data_dir), "--lifetime", str(lifetime)]
    if profile is not None:
        arguments += ["--profile", str(profile)]
    process = await start_child("bench.server", arguments, log)
    word, _, port = (await read_line(process)).partition(" ")
    if word != "PORT" or not port.strip().isdigit():
        await stop_bot(process)
        raise BotFailedToStart(f"the {name} bot did not start; see {log}")
    return BotProcess(name, process, f"http://127.0.0.1:{int(port)}/api/messages")


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
