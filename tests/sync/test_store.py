"""The recorded state of the site's pages, on SQLite and PostgreSQL, and its migration."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from sqlalchemy import inspect

from store.database import Database
from store.migrate import alembic_config, upgrade
from store.sharepoint import SharePointStore
from sync.rules.plan import Recorded, State

SITE = "https://gemeente.sharepoint.com/sites/paraat"


async def test_each_step_replaces_the_pages_record_per_site(database: Database) -> None:
    store = SharePointStore(database)
    pending = Recorded("briefing:a:nl", "nieuws-a.aspx", 4, State.PENDING, news=True)
    await store.save(SITE, pending)
    drafted = Recorded("briefing:a:nl", "nieuws-a.aspx", 4, State.DRAFTED, draft_hash="d" * 64,
                       news=True, promoted=True)  # fmt: skip
    await store.save(SITE, drafted)
    await store.save(f"{SITE}-other", pending)

    assert await store.targets(SITE) == [drafted]
    assert await store.targets(f"{SITE}-other") == [pending]
    assert await store.targets("https://elders.sharepoint.com/sites/x") == []


async def _tables(url: str) -> set[str]:
    database = Database(url)
    try:
        async with database.engine.connect() as connection:
            return await connection.run_sync(lambda sync: set(inspect(sync).get_table_names()))
    finally:
        await database.close()


async def test_the_table_comes_with_0006_and_goes_with_its_downgrade(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'paraat.db'}"
    await asyncio.to_thread(upgrade, url, "0005")
    assert "sharepoint_targets" not in await _tables(url)
    await asyncio.to_thread(upgrade, url, "0006")
    assert "sharepoint_targets" in await _tables(url)
    await asyncio.to_thread(command.downgrade, alembic_config(url), "0005")
    tables = await _tables(url)
    assert "sharepoint_targets" not in tables and "read_receipts" in tables
