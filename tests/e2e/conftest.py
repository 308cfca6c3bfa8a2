"""The real thing: `paraat serve` as its own process, and the pinned Agents Playground."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from cli.playground import PLAYGROUND_BINARY, PlaygroundProcess, free_port
from tests.support.ci import missing_tool
from tests.support.playground import PlaygroundClient
from tests.support.running_bot import RunningBot, start_bot

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def playground_installed() -> None:
    """The pinned Playground and Node.js must be there (fail in CI, skip loudly elsewhere)."""
    if not PLAYGROUND_BINARY.is_file() or shutil.which("node") is None:
        missing_tool(f"the Agents Playground is not installed at {PLAYGROUND_BINARY}: make setup")


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
