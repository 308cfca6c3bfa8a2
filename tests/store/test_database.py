"""PostgreSQL connections are kept between turns and pinged only after a rest in the pool."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from store import database as database_module
from store.database import Database
from testkit.postgres import PostgresServer, unique_database_name

pytestmark = pytest.mark.postgres


@pytest.fixture
async def database(postgres: PostgresServer) -> AsyncIterator[Database]:
    name = unique_database_name()
    db = Database(postgres.create_database(name))
    yield db
    await db.close()
    postgres.drop_database(name)


async def backend(db: Database) -> int:
    """The server process of the connection the pool hands out next."""
    async with db.reading() as connection:
        return int(await connection.scalar(text("SELECT pg_backend_pid()")) or 0)


async def cut(db: Database, pid: int) -> None:
    """The server drops one connection (as a restart or a forgetful network would)."""
    other = create_async_engine(db.url, poolclass=NullPool)
    async with other.connect() as connection:
        await connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    await other.dispose()


async def test_a_connection_that_rested_is_pinged_and_replaced_when_dropped(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    dropped = await backend(database)
    await cut(database, dropped)
    monkeypatch.setattr(database_module, "IDLE_BEFORE_PING", 0.0)
    assert await backend(database) not in (dropped, 0)


async def test_a_connection_back_a_moment_ago_is_not_pinged(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    dropped = await backend(database)
    await cut(database, dropped)
    monkeypatch.setattr(database_module, "IDLE_BEFORE_PING", 3600.0)
    # Unpinged, the dropped connection fails its statement; the pool then starts afresh.
    with pytest.raises(DBAPIError):
        await backend(database)
    assert await backend(database) not in (dropped, 0)


async def test_turns_one_after_another_reuse_the_connection_back_last(
    database: Database,
) -> None:
    async with database.reading() as one, database.reading() as two, database.reading() as three:
        for connection in (one, two, three):  # three connections open at once
            await connection.execute(text("SELECT 1"))
    first = await backend(database)
    assert {await backend(database) for _ in range(6)} == {first}
