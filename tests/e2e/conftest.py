"""The real thing: `paraat serve` as its own process, and the pinned Agents Playground."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cli.playground import PLAYGROUND_BINARY, PlaygroundProcess, free_port
from tests.support.ci import missing_tool
from tests.support.playground import PlaygroundClient

pytestmark = pytest.mark.e2e


@dataclass
class RunningBot:
    """``paraat serve`` in a subprocess, restartable, on its own SQLite file."""

    port: int
    data_dir: Path
    settings: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        """The messaging endpoint the Playground posts to."""
        return f"http://127.0.0.1:{self.port}/api/messages"

    @property
    def database(self) -> Path:
        """The SQLite file."""
        return self.data_dir / "paraat.db"

    def environment(self) -> dict[str, str]:
        """Local mode, this port and data folder, plus the test's settings."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PARAAT_")}
        return (
            env
            | {
                "PARAAT_PORT": str(self.port),
                "PARAAT_DATA_DIR": str(self.data_dir),
                "PARAAT_DATABASE_URL": f"sqlite+aiosqlite:///{self.database}",
            }
            | self.settings
        )

    def start(self) -> None:
        """Migrate, start, and wait until ``/readyz`` answers."""
        command = [sys.executable, "-m", "cli"]
        subprocess.run(
            [*command, "db", "upgrade"], env=self.environment(), check=True, capture_output=True
        )
        log = (self.data_dir / "bot.log").open("ab")
        self.process = subprocess.Popen(
            [*command, "serve"], env=self.environment(), stdout=log, stderr=log
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"paraat serve exited: {self.log()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/readyz", timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"paraat serve did not get ready: {self.log()}")

    def stop(self) -> None:
        """Stop with SIGTERM, as an operator would."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)

    def restart(self) -> None:
        """Stop and start again on the same data."""
        self.stop()
        self.start()

    def log(self) -> str:
        """What the bot logged."""
        path = self.data_dir / "bot.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""


@pytest.fixture(scope="session")
def playground_installed() -> None:
    """The pinned Playground and Node.js must be there (fail in CI, skip loudly elsewhere)."""
    if not PLAYGROUND_BINARY.is_file() or shutil.which("node") is None:
        missing_tool(f"the Agents Playground is not installed at {PLAYGROUND_BINARY}: make setup")


def start_bot(tmp_path: Path, **settings: str) -> RunningBot:
    """A running bot with extra ``PARAAT_*`` settings."""
    bot = RunningBot(port=free_port(), data_dir=tmp_path / "var", settings=settings)
    bot.data_dir.mkdir()
    bot.start()
    return bot


@pytest.fixture
def bot(playground_installed: None, tmp_path: Path) -> Iterator[RunningBot]:
    """The bot with default settings."""
    running = start_bot(tmp_path)
    yield running
    running.stop()


@pytest.fixture
async def playground(bot: RunningBot) -> AsyncIterator[PlaygroundClient]:
    """The Playground pointed at :func:`bot`, with a connected client."""
    with PlaygroundProcess(bot.endpoint, port=free_port()) as process:
        async with PlaygroundClient(process.url) as client:
            yield client
