"""Shared fixtures: databases on SQLite and PostgreSQL, and the bot on a local Bot Connector."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from store.database import Database
from store.migrate import upgrade
from tests.support.ci import missing_tool
from tests.support.postgres import (
    PostgresServer,
    postgres_server,
    postgres_unavailable_reason,
    unique_database_name,
)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the whole run (PARAAT_TEST_POSTGRES_URL, or one started here)."""
    reason = postgres_unavailable_reason()
    if reason:
        missing_tool(reason)
    with postgres_server() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty, migrated database: one test run per database kind."""
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'paraat.db'}"
        upgrade(url)
        yield url
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    name = unique_database_name()
    url = server.create_database(name)
    upgrade(url)
    try:
        yield url
    finally:
        server.drop_database(name)


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    """A :class:`Database` on :func:`database_url`, closed after the test."""
    db = Database(database_url)
    yield db
    await db.close()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A migrated SQLite database only (for tests about the bot, not about storage)."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'paraat.db'}"
    upgrade(url)
    return url
