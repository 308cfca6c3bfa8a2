"""The migrations build exactly the schema the tables describe, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from store.database import Database
from store.migrate import current_revision, head_revision, upgrade
from store.tables import Base


async def test_upgraded_database_matches_the_tables(database: Database) -> None:
    async with database.engine.connect() as connection:
        differences = await connection.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata)
        )
    assert differences == []


async def test_upgrade_is_at_head_and_repeatable(database_url: str, database: Database) -> None:
    assert await current_revision(database_url) == head_revision()
    await asyncio.to_thread(upgrade, database_url)  # a second run changes nothing
    async with database.engine.connect() as connection:
        tables = await connection.run_sync(lambda sync: set(inspect(sync).get_table_names()))
    assert {"conversations", "conversation_members", "users"} <= tables


async def test_an_empty_database_has_no_revision(tmp_path: object) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/empty.db"
    assert await current_revision(url) is None
