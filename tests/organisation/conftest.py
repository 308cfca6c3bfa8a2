"""A fake Entra and Graph with a real client for it; the bot on a local Bot Connector."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.app import Services, create_app
from config.settings import Settings
from content.loader import Library
from directory.credentials import ClientSecret
from directory.graph import GraphDirectory
from store.database import Database
from testkit.connector import FakeConnector
from testkit.graph_server import FakeGraph
from tests.support.bot import MakeBot
from tests.support.graph import QUICK_RETRY, SECRET, credentials_for, new_id


@pytest.fixture
async def graph(tmp_path: Path) -> AsyncIterator[FakeGraph]:
    """Entra and Graph on a loopback port over TLS, serving two users per page."""
    async with FakeGraph(tmp_path / "tls", page_size=2) as fake:
        yield fake


@pytest.fixture
def graph_directory(graph: FakeGraph) -> Iterator[GraphDirectory]:
    """The real Graph client, signed in as an app registered with the fake."""
    app = new_id()
    graph.register_app(app, secret=SECRET)
    directory = GraphDirectory(credentials_for(graph, app, ClientSecret(SECRET)), retry=QUICK_RETRY)
    yield directory
    directory.close()


@pytest.fixture
async def connector() -> AsyncIterator[FakeConnector]:
    """A running local Bot Connector that records what the bot sends."""
    fake = FakeConnector()
    await fake.start()
    yield fake
    await fake.close()


@pytest.fixture
def make_bot(aiohttp_client: Any, sqlite_url: str, tmp_path: Path, bundled: Library) -> MakeBot:
    """Start the bot in local mode on one SQLite database (again, for a restart)."""

    async def start(**settings: Any) -> TestClient[Any, Any]:
        values: dict[str, Any] = {"database_url": sqlite_url, "data_dir": tmp_path} | settings
        config = Settings(_env_file=None, **values)  # type: ignore[call-arg]
        app = create_app(config, Services(Database(config.database_url), library=bundled))
        client: TestClient[Any, Any] = await aiohttp_client(app)
        return client

    return start
