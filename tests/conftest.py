"""Shared fixtures: the bundled library, and databases on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from content.loader import Library, load_library
from store.database import Database
from store.migrate import upgrade
from testkit.postgres import (
    PostgresServer,
    postgres_server,
    postgres_unavailable_reason,
    unique_database_name,
)
from tests.support.ci import missing_tool


@pytest.fixture(scope="session")
def bundled() -> Library:
    """The bundled content library, loaded once for the run (its items are immutable)."""
    return load_library()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file migrated once for the run; each test gets its own copy of it."""
    path = tmp_path_factory.mktemp("migrated") / "paraat.db"
    upgrade(f"sqlite+aiosqlite:///{path}")
    return path


def fresh_sqlite(template: Path, folder: Path) -> str:
    """A copy of the migrated ``template`` in ``folder``, as a database URL."""
    for suffix in ("", "-wal", "-shm"):
        source = template.with_name(template.name + suffix)
        if source.exists():
            shutil.copyfile(source, folder / source.name)
    return f"sqlite+aiosqlite:///{folder / template.name}"


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the whole run (PARAAT_TEST_POSTGRES_URL, or one started here)."""
    reason = postgres_unavailable_reason()
    if reason:
        missing_tool(reason)
    with postgres_server() as server:
        yield server


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, migrated_sqlite: Path
) -> Iterator[str]:
    """An empty, migrated database: one test run per database kind."""
    if request.param == "sqlite":
        yield fresh_sqlite(migrated_sqlite, tmp_path)
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
def sqlite_url(tmp_path: Path, migrated_sqlite: Path) -> str:
    """A migrated SQLite database only (for tests about the bot, not about storage)."""
    return fresh_sqlite(migrated_sqlite, tmp_path)
