"""`paraat serve` as its own process, the way an operator runs it, for the end-to-end tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from cli.playground import free_port


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


def start_bot(tmp_path: Path, **settings: str) -> RunningBot:
    """A running bot with extra ``PARAAT_*`` settings."""
    bot = RunningBot(port=free_port(), data_dir=tmp_path / "var", settings=settings)
    bot.data_dir.mkdir()
    bot.start()
    return bot
