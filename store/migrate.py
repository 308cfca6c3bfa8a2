"""Alembic migrations, run from code (``paraat db upgrade``); no alembic.ini needed."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import create_async_engine

from store.database import ensure_sqlite_folder

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(url: str) -> Config:
    """An Alembic configuration for the database at ``url``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # '%' would be read as interpolation by configparser (e.g. in an encoded password).
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at ``url`` up to ``revision`` (blocking: async code uses a thread)."""
    ensure_sqlite_folder(url)
    command.upgrade(alembic_config(url), revision)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        # WAL once, here: otherwise the bot's first connections race to switch the file to it
        # and one of them waits out the lock (seconds at start and at stop).
        with contextlib.closing(sqlite3.connect(parsed.database)) as connection:
            connection.execute("PRAGMA journal_mode=WAL")


def head_revision() -> str | None:
    """The newest migration shipped with this version of Paraat."""
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


async def current_revision(url: str) -> str | None:
    """The migration the database at ``url`` is at; None for an empty database."""
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(_revision_of)
    finally:
        await engine.dispose()


def _revision_of(connection: Connection) -> str | None:
    # Reading the revision is no migration: keep Alembic's "Context impl ..." lines out of the log.
    log = logging.getLogger("alembic.runtime.migration")
    level = log.level
    log.setLevel(logging.WARNING)
    try:
        return MigrationContext.configure(connection).get_current_revision()
    finally:
        log.setLevel(level)


def current_revision_blocking(url: str) -> str | None:
    """:func:`current_revision` for code with no event loop; a missing SQLite file gives None."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        if not Path(parsed.database).is_file():
            return None
    return asyncio.run(current_revision(url))


class NotMigrated(RuntimeError):
    """The database is not at the schema this version of Paraat needs."""


def check_schema(url: str) -> None:
    """Stop with a clear message when the database needs ``paraat db upgrade`` first."""
    current, head = current_revision_blocking(url), head_revision()
    if current != head:
        raise NotMigrated(
            f"The database is at schema {current or 'none'}, this Paraat needs {head}. "
            "Run: paraat db upgrade"
        )
