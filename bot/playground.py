"""Start and stop the Microsoft 365 Agents Playground, the local Teams client for development."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import time
from pathlib import Path

import aiohttp

PLAYGROUND_BIN = Path("tools/node_modules/.bin/teamsapptester")


class PlaygroundError(RuntimeError):
    """The Playground could not be found or did not start."""


def find_playground(root: Path | None = None) -> Path:
    """The Playground's launcher in the project's ``tools/``, else on the PATH."""
    candidate = (root or Path.cwd()) / PLAYGROUND_BIN
    if candidate.is_file():
        return candidate
    found = shutil.which("teamsapptester")
    if found:
        return Path(found)
    raise PlaygroundError(
        f"The Agents Playground is not installed ({candidate} is missing). "
        "Run `make run`, or `npm ci --prefix tools`."
    )


def port_is_free(port: int) -> bool:
    """True when nothing listens on ``port`` on any IPv4 address (as Node sees it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("", port))
        except OSError:
            return False
    return True


def playground_command(
    binary: Path,
    bot_endpoint: str,
    port: int,
    *,
    channel: str = "msteams",
    extra: tuple[str, ...] = (),
) -> list[str]:
    """The command line: the channel, a fixed port (always: it has a default), no telemetry."""
    return [
        str(binary), "start", "-e", bot_endpoint, "-c", channel, "-p", str(port),
        "--disable-telemetry", *extra,
    ]  # fmt: skip


async def start_playground(
    binary: Path, bot_endpoint: str, port: int, log_file: Path, wait_seconds: float = 60.0
) -> asyncio.subprocess.Process:
    """Start the Playground and wait until it answers on ``port``.

    It silently moves to a random port when its port is taken, so a busy port is an error here.
    """
    if not port_is_free(port):
        raise PlaygroundError(f"Port {port} is in use; set PARAAT_PLAYGROUND_PORT to a free one.")
    with log_file.open("ab") as log:
        process = await asyncio.create_subprocess_exec(
            *playground_command(binary, bot_endpoint, port),
            stdout=log,
            stderr=log,
            stdin=asyncio.subprocess.DEVNULL,
            start_new_session=True,
            env=playground_environment(
                log_file.with_name(f"{log_file.stem}-devtools.log"),
                open_browser=shutil.which("xdg-open") is not None,
            ),
        )
    deadline = time.monotonic() + wait_seconds
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            if process.returncode is not None:
                raise PlaygroundError(
                    f"The Playground stopped at start (exit {process.returncode})."
                )
            try:
                async with session.get(f"http://127.0.0.1:{port}/_debug/ping") as response:
                    if response.status == 200:
                        return process
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.25)
    await stop_playground(process)
    raise PlaygroundError(f"The Playground did not answer on port {port} in {wait_seconds:.0f} s.")


def playground_environment(log_file: Path, *, open_browser: bool) -> dict[str, str]:
    """The environment for the Playground: its own log file, and whether it opens a browser.

    It opens one at start and exits when it cannot (no ``xdg-open`` on a server or in CI).
    """
    env = dict(os.environ)
    env["M365_AGENTS_PLAYGROUND_LOGFILE"] = str(log_file.resolve())
    if not open_browser:
        env["TEAMSAPPTESTER_BROWSER"] = "none"
    return env


async def stop_playground(process: asyncio.subprocess.Process, grace: float = 5.0) -> None:
    """Stop the Playground and everything it started (its whole process group)."""
    if process.returncode is not None:
        return
    _signal_group(process.pid, signal.SIGTERM)
    try:
        await asyncio.wait_for(process.wait(), grace)
    except TimeoutError:
        _signal_group(process.pid, signal.SIGKILL)
        await process.wait()


def _signal_group(pid: int, sig: signal.Signals) -> None:
    try:
        os.killpg(pid, sig)
    except ProcessLookupError:
        pass
