"""The service endpoints: alive, ready, and not ready when the database is away."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from bot.app import Services, create_app
from config.settings import Settings
from store.database import Database


async def test_ready_needs_the_database(aiohttp_client: Any, tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql+asyncpg://paraat@127.0.0.1:{port}/paraat"
    settings = Settings(_env_file=None, database_url=url, data_dir=tmp_path)  # type: ignore[call-arg]
    client = await aiohttp_client(create_app(settings, Services(Database(url))))
    assert (await client.get("/healthz")).status == 200
    response = await client.get("/readyz")
    assert response.status == 503
    assert await response.json() == {"status": "database unreachable"}


async def test_alive_and_ready(make_bot: Any) -> None:
    client = await make_bot()
    assert await (await client.get("/healthz")).json() == {"status": "ok"}
    assert await (await client.get("/readyz")).json() == {"status": "ready"}
