"""The bot in local mode, served by aiohttp, replying to a local Bot Connector."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.app import Services, create_app
from config.settings import Settings
from content.loader import Library
from store.clock import Clock, utc_now
from store.database import Database
from testkit.connector import FakeConnector
from tests.support.bot import MakeBot


@pytest.fixture
async def connector() -> AsyncIterator[FakeConnector]:
    """A running local Bot Connector that records what the bot sends."""
    fake = FakeConnector()
    await fake.start()
    yield fake
    await fake.close()


@pytest.fixture
def make_bot(aiohttp_client: Any, sqlite_url: str, tmp_path: Path, bundled: Library) -> MakeBot:
    """Start the bot with extra settings (e.g. ``follow_client_language=True``)."""

    async def start(clock: Clock = utc_now, **settings: Any) -> TestClient[Any, Any]:
        values: dict[str, Any] = {"database_url": sqlite_url, "data_dir": tmp_path} | settings
        config = Settings(_env_file=None, **values)  # type: ignore[call-arg]
        services = Services(Database(config.database_url), library=bundled, clock=clock)
        app = create_app(config, services)
        client: TestClient[Any, Any] = await aiohttp_client(app)
        return client

    return start


@pytest.fixture
async def bot(make_bot: MakeBot) -> TestClient[Any, Any]:
    """The bot with default settings (Dutch, not following the client)."""
    return await make_bot()
