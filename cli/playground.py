"""Start and stop the Microsoft 365 Agents Playground (npm ``@microsoft/teams-app-test-tool``).

The Playground is a local Teams client. :class:`PlaygroundProcess` is the one launcher: ``paraat
dev`` runs it next to the bot, the end-to-end tests run one per test (and drive it with
``tests.support.playground.PlaygroundClient``)::

    with PlaygroundProcess(bot_endpoint, port=free_port()) as playground:
        ...  # playground.url is its web UI and API

How the process behaves (read from the package's bundled code and checked against 0.2.28):
``teamsapptester start -e <bot endpoint> -c msteams -p <port> --disable-telemetry``. When not on
a TTY it prints ``Listening on <port>`` on stdout; everything else goes to a log file
(``$M365_AGENTS_PLAYGROUND_LOGFILE``, default ``./devTools/m365agentsplayground.log`` under the
working directory). A busy ``-p`` port is *not* an error: it logs "Port N is already in use" and
listens on a random port, so a ping on N may reach someone else; the launcher reads the
``Listening on`` line and raises :class:`PlaygroundPortBusyError`. It opens a browser unless
``TEAMSAPPTESTER_BROWSER=none``, and exits when it cannot (no ``xdg-open``). It reads
``./.m365agentsplayground.yml`` if present (``$M365_AGENTS_PLAYGROUND_CONFIG_PATH``), so the
launcher runs it in a scratch directory. No auth is sent to the bot; every activity carries
``serviceUrl`` ``http://localhost:<port>/_connector`` (the mock Bot Connector the bot replies to).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

from cli.tools import tool

PLAYGROUND_BINARY = tool("node_modules/.bin/teamsapptester")
"""Where ``npm ci --prefix tools`` puts the Playground's launcher."""

_LISTENING = re.compile(r"^Listening on (\d+)\s*$")


class PlaygroundError(RuntimeError):
    """The Playground misbehaved or a request to it failed."""


class PlaygroundNotInstalledError(PlaygroundError):
    """The launcher or Node.js is missing."""


class PlaygroundStartError(PlaygroundError):
    """The Playground did not come up; the message carries its output."""


class PlaygroundPortBusyError(PlaygroundStartError):
    """The requested port was taken (the Playground would have moved to a random one)."""


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


def port_is_free(port: int) -> bool:
    """True when nothing listens on ``port`` on any IPv4 address (as Node sees it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("", port))
        except OSError:
            return False
    return True


def find_teamsapptester() -> Path:
    """The launcher in the project's ``tools/``, else ``teamsapptester`` on the PATH.

    Raises:
        PlaygroundNotInstalledError: it, or ``node`` on the PATH, is missing.
    """
    binary = PLAYGROUND_BINARY
    if not binary.is_file():
        found = shutil.which("teamsapptester")
        if found is None:
            raise PlaygroundNotInstalledError(
                f"The Agents Playground is not installed ({binary} is missing): run `make run`, "
                "or `npm ci --prefix tools` in the Paraat folder."
            )
        binary = Path(found)
    if shutil.which("node") is None:
        raise PlaygroundNotInstalledError("Node.js (`node`) is not on the PATH.")
    return binary


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


def playground_environment(log_file: Path, *, open_browser: bool) -> dict[str, str]:
    """The environment for the Playground: its own log file, and whether it opens a browser.

    A browser opens only when asked for and ``xdg-open`` exists: without one the Playground
    exits at start (servers, CI).
    """
    env = dict(os.environ)
    env["M365_AGENTS_PLAYGROUND_LOGFILE"] = str(log_file.resolve())
    if not (open_browser and shutil.which("xdg-open")):
        env["TEAMSAPPTESTER_BROWSER"] = "none"
    return env


class PlaygroundProcess:
    """One Playground subprocess on a fixed port, for one bot endpoint.

    Usable as ``with`` (blocking) or ``async with`` (start and stop run in a thread). The process
    runs in its own process group, in a scratch directory removed when it stops.
    """

    def __init__(
        self,
        bot_endpoint: str,
        port: int,
        *,
        binary: Path | None = None,
        channel: str = "msteams",
        log_file: Path | None = None,
        open_browser: bool = False,
        start_timeout: float = 60.0,
        stop_grace: float = 5.0,
        config_file: Path | None = None,
        extra_args: tuple[str, ...] = (),
    ) -> None:
        """Describe the process; nothing starts before :meth:`start`.

        Args:
            bot_endpoint: The bot's messaging URL, e.g. ``http://127.0.0.1:3978/api/messages``.
            port: The Playground's port; it must be free.
            binary: The ``teamsapptester`` launcher; default: :func:`find_teamsapptester`.
            channel: The ``-c`` channel id.
            log_file: Where its stdout and stderr are appended, with its own log next to it as
                ``<stem>-devtools.log``; both are kept. Default: the scratch directory only.
            open_browser: Open the web UI in a browser at start (only where ``xdg-open`` is).
            start_timeout: Seconds to wait for ``/_debug/ping``.
            stop_grace: Seconds between SIGTERM and SIGKILL.
            config_file: A ``.m365agentsplayground.yml`` with a custom mock tenant.
            extra_args: More command-line arguments (e.g. ``("--conversation-id", "x")``).
        """
        self.bot_endpoint = bot_endpoint
        self.port = port
        self.log_file = log_file
        self._binary = binary
        self._channel = channel
        self._open_browser = open_browser
        self._start_timeout = start_timeout
        self._stop_grace = stop_grace
        self._config_file = config_file
        self._extra_args = extra_args
        self._process: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None
        self._lines: list[str] = []
        self._lock = threading.Lock()
        self._listening_port: int | None = None
        self._work_dir: Path | None = None
        self._final_output = ""

    @property
    def url(self) -> str:
        """The Playground's base URL (web UI and API)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        """The process id (also its process group id) while it runs."""
        return self._process.pid if self._process else None

    @property
    def running(self) -> bool:
        """True while the process is alive."""
        return self._process is not None and self._process.poll() is None

    def command(self) -> list[str]:
        """The command line that :meth:`start` runs."""
        binary = self._binary or find_teamsapptester()
        return playground_command(
            binary, self.bot_endpoint, self.port, channel=self._channel, extra=self._extra_args
        )

    def start(self) -> None:
        """Start the Playground and wait until it answers ``GET /_debug/ping`` on :attr:`port`.

        Raises:
            PlaygroundNotInstalledError: the launcher or Node.js is missing.
            PlaygroundPortBusyError: :attr:`port` is taken.
            PlaygroundStartError: it exited or did not answer in time (with its output).
        """
        if self._process is not None:
            raise PlaygroundError("This PlaygroundProcess was already started.")
        command = self.command()
        if not port_is_free(self.port):
            raise PlaygroundPortBusyError(f"Port {self.port} is already in use.")
        self._work_dir = Path(tempfile.mkdtemp(prefix="playground-"))
        if self.log_file is not None:
            self.log_file.parent.mkdir(parents=True, exist_ok=True)
        env = playground_environment(self._own_log(), open_browser=self._open_browser)
        if self._config_file is not None:
            env["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = str(self._config_file.resolve())
        self._process = subprocess.Popen(
            command,
            cwd=self._work_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
            start_new_session=True,
        )
        self._reader = threading.Thread(target=self._read_stdout, daemon=True)
        self._reader.start()
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise

    def wait(self) -> int | None:
        """Block until the process ends; its exit code (None when it never started)."""
        return self._process.wait() if self._process is not None else None

    def stop(self) -> None:
        """Stop the whole process group: SIGTERM, then SIGKILL after the grace period.

        Idempotent. The scratch directory is removed; :meth:`output` still works.
        """
        process = self._process
        if process is not None and process.poll() is None:
            _signal_group(process.pid, signal.SIGTERM)
            try:
                process.wait(self._stop_grace)
            except subprocess.TimeoutExpired:
                _signal_group(process.pid, signal.SIGKILL)
                process.wait()
        if process is not None:
            # Children left in the group (none expected) must not outlive their caller.
            _signal_group(process.pid, signal.SIGKILL)
        if self._reader is not None:
            self._reader.join(timeout=5)
            self._reader = None
        if self._work_dir is not None:
            self._final_output = self._render_output()
            shutil.rmtree(self._work_dir, ignore_errors=True)
            self._work_dir = None

    def output(self) -> str:
        """Everything it printed on stdout/stderr, then the end of its own log."""
        if self._work_dir is None and self._final_output:
            return self._final_output
        return self._render_output()

    def __enter__(self) -> PlaygroundProcess:
        """Start it."""
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop it."""
        self.stop()

    async def __aenter__(self) -> PlaygroundProcess:
        """Start it without blocking the event loop."""
        await asyncio.to_thread(self.start)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop it without blocking the event loop."""
        await asyncio.to_thread(self.stop)

    def _own_log(self) -> Path:
        if self.log_file is not None:
            return self.log_file.with_name(f"{self.log_file.stem}-devtools.log")
        assert self._work_dir is not None
        return self._work_dir / "playground.log"

    def _read_stdout(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        with contextlib.ExitStack() as files:
            copy = files.enter_context(self.log_file.open("a")) if self.log_file else None
            for line in self._process.stdout:
                if copy is not None:
                    copy.write(line)
                    copy.flush()
                with self._lock:
                    self._lines.append(line.rstrip("\n"))
                    match = _LISTENING.match(line)
                    if match and self._listening_port is None:
                        self._listening_port = int(match.group(1))

    def _wait_until_ready(self) -> None:
        assert self._process is not None
        deadline = time.monotonic() + self._start_timeout
        while time.monotonic() < deadline:
            code = self._process.poll()
            if code is not None:
                if self._reader is not None:
                    self._reader.join(timeout=5)  # its last words are still in the pipe
                raise PlaygroundStartError(
                    f"The Playground exited with code {code} while starting.\n"
                    f"{self._render_output()}"
                )
            with self._lock:
                listening = self._listening_port
            if listening is not None and listening != self.port:
                raise PlaygroundPortBusyError(
                    f"Port {self.port} was taken: the Playground moved to port {listening}.\n"
                    f"{self._render_output()}"
                )
            if listening == self.port and _ping(self.url):
                return
            time.sleep(0.1)
        raise PlaygroundStartError(
            f"The Playground did not answer {self.url}/_debug/ping within "
            f"{self._start_timeout:.0f} s.\n{self._render_output()}"
        )

    def _render_output(self) -> str:
        with self._lock:
            stdout = "\n".join(self._lines)
        log = ""
        if self._work_dir is not None or self.log_file is not None:
            with contextlib.suppress(OSError):
                log = self._own_log().read_text(errors="replace")
        return f"--- Playground stdout/stderr ---\n{stdout}\n--- Playground log ---\n{log[-8000:]}"


def _signal_group(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)


def _ping(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_debug/ping", timeout=1.0) as response:
            return bool(response.status == 200 and response.read().strip() == b"pong")
    except (urllib.error.URLError, OSError):
        return False
