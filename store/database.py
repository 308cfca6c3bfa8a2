"""The database connection: one async engine and its session factory.

On SQLite every write transaction (``sessions.begin()``) of this process waits its turn on one
asyncio lock before it starts: SQLite allows one writer at a time anyway, and queueing in the event
loop wakes the next writer as soon as the last one commits, where SQLite's own busy handler would
sleep and poll (1, 2, 5, 10 … ms), which made the slowest turns under load ten times slower than
the median. Reads never wait (WAL).

SQLite also runs on the event loop's own thread (:class:`_InlineSQLite`): its statements take
microseconds on a local file, while aiosqlite's hand-over of every cursor, execute, fetch and close
to its thread (and back) cost more than the statements themselves, dozens of times per turn. The
one wait SQLite can have, another process's write lock, blocks the loop for as long as that write
(the command line's, milliseconds); this process's own writers queue on the lock above instead.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator, Generator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite
from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


class Database:
    """An async engine for ``url`` with a session factory; SQLite gets a folder and WAL."""

    def __init__(self, url: str) -> None:
        """Create the engine (lazily connecting) for an SQLAlchemy async URL."""
        self.url = url
        self.dialect = make_url(url).get_backend_name()
        if self.dialect == "sqlite":
            ensure_sqlite_folder(url)
        if self.dialect == "sqlite":
            self.engine: AsyncEngine = create_async_engine(url, async_creator=_inline_sqlite(url))
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        else:
            # Every connection is kept: an overflow connection is closed when it comes back to
            # a full pool, and under load that meant a new connection (a new server process)
            # every few turns. 15 is as many as the default pool (5 and 10 overflow) opened.
            # The connection back last goes out first, so that a quiet hour keeps using one
            # connection (no ping) while the others rest.
            self.engine = create_async_engine(url, pool_size=15, max_overflow=0, pool_use_lifo=True)
            _ping_after_idle(self.engine)
        self._reader = (
            self.engine
            if self.dialect == "sqlite"
            else self.engine.execution_options(isolation_level="AUTOCOMMIT")
        )
        self.sessions: async_sessionmaker[AsyncSession] = (
            _SerialWrites(self.engine, expire_on_commit=False)
            if self.dialect == "sqlite"
            else async_sessionmaker(self.engine, expire_on_commit=False)
        )

    def transaction(self) -> AbstractAsyncContextManager[AsyncConnection]:
        """A Core connection in one write transaction, committed at the end (rolled back on an
        error); on SQLite it waits its turn like ``sessions.begin()``. Cheaper than a session
        for a few statements on a hot path."""
        return self._transaction()

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[AsyncConnection]:
        if isinstance(self.sessions, _SerialWrites):
            async with self.sessions.turn(), self.engine.begin() as connection:
                yield connection
        else:
            async with self.engine.begin() as connection:
                yield connection

    def reading(self) -> AbstractAsyncContextManager[AsyncConnection]:
        """A Core connection for reads (SQLite: never waits for writers). On PostgreSQL it reads
        outside a transaction (each statement sees what was committed before it), which saves
        the round trips of BEGIN and ROLLBACK; use ``sessions()`` for reads that must agree."""
        return self._reader.connect()

    async def ping(self) -> bool:
        """True when the database answers a trivial query."""
        try:
            async with self.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception:  # any failure means "not ready"; the caller answers 503
            return False
        return True

    async def close(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()


IDLE_BEFORE_PING = 10.0
"""Seconds a server connection may rest in the pool and still be handed out without a ping."""


def _ping_after_idle(engine: AsyncEngine) -> None:
    """Ping a server connection before handing it out only when it rested in the pool a while.

    A connection that rested may have been dropped meanwhile (a restarted server, a network
    that forgets quiet connections); one that came back a moment ago is as alive as a ping would
    show. SQLAlchemy's ``pool_pre_ping`` pings at every checkout: three round trips (``BEGIN``,
    the ping, ``ROLLBACK``) per connection, more than a quiz answer's own statements. A broken
    connection that is handed out unpinged fails its statement; SQLAlchemy then replaces every
    connection of the pool (docs/decisions.md #37).
    """
    dialect = engine.dialect

    def rested(dbapi_connection: Any, record: Any) -> None:
        record.info[_RESTING_SINCE] = time.monotonic()

    def handed_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.pop(_RESTING_SINCE, None)
        if since is None or time.monotonic() - since < IDLE_BEFORE_PING:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as error:  # any failure: the pool replaces it with a new connection
            raise DisconnectionError() from error

    event.listen(engine.sync_engine, "checkin", rested)
    event.listen(engine.sync_engine, "checkout", handed_out)


_RESTING_SINCE = "paraat_resting_since"


class _InlineSQLite(aiosqlite.Connection):
    """An aiosqlite connection that runs each call at once on the calling (the loop's) thread."""

    def __init__(self, database: str) -> None:
        def connect() -> sqlite3.Connection:
            uri = database.startswith("file:")
            return sqlite3.connect(database, check_same_thread=False, uri=uri)

        super().__init__(connect, 64)

    async def _execute(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        if not self._running or not self._connection:
            raise ValueError("Connection closed")
        return fn(*args, **kwargs)

    async def _connect(self) -> _InlineSQLite:
        if self._connection is None:
            self._connection = self._connector()
        return self

    def __await__(self) -> Generator[Any, None, _InlineSQLite]:
        return self._connect().__await__()

    def stop(self) -> None:
        """Close the connection (there is no thread to stop)."""
        self._running = False
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()

    async def close(self) -> None:
        """Close the connection."""
        self.stop()


def _inline_sqlite(url: str) -> Any:
    """The ``async_creator`` of SQLite connections for ``url`` (see :class:`_InlineSQLite`)."""
    database = make_url(url).database or ":memory:"

    async def create() -> _InlineSQLite:
        return await _InlineSQLite(database)

    return create


class _SerialWrites(async_sessionmaker[AsyncSession]):
    """A session factory whose write transactions (``begin()``) take turns on one asyncio lock.

    A task that already holds the lock (a write inside a write) goes on without waiting for
    itself.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lock = asyncio.Lock()
        self._holder: asyncio.Task[Any] | None = None

    def begin(self) -> AbstractAsyncContextManager[AsyncSession]:  # type: ignore[override]
        """A session in a transaction, committed at the end, once no other write runs."""
        return self._serial_begin()

    @asynccontextmanager
    async def _serial_begin(self) -> AsyncIterator[AsyncSession]:
        async with self.turn(), super().begin() as session:
            yield session

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Wait until no other write of this process runs (at once for the task holding it)."""
        task = asyncio.current_task()
        if task is not None and self._holder is task:
            yield
            return
        async with self._lock:
            self._holder = task
            try:
                yield
            finally:
                self._holder = None


def ensure_sqlite_folder(url: str) -> None:
    """Create the folder of an SQLite database file so a fresh checkout just works."""
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the readiness probe read while a turn writes; the busy timeout rides out
    # short write locks instead of failing the turn.
    cursor = dbapi_connection.cursor()
    # The busy timeout first: switching to WAL waits for other connections too.
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL, NORMAL syncs at checkpoints instead of at every commit: the database stays intact
    # after a power cut, only the last commits before it may be lost (docs/decisions.md #37).
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
