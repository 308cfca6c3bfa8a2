"""One leader among several replicas of the bot: the one that holds a PostgreSQL advisory lock.

The lock lives as long as the connection that took it, so a replica that dies (or loses its
database connection) lets another one take over. SQLite serves one process, which always leads.
"""

from __future__ import annotations

import logging
import zlib

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from store.database import Database

logger = logging.getLogger(__name__)


def lock_key(name: str) -> int:
    """A stable 31-bit key for an advisory lock called ``name``."""
    return zlib.crc32(f"paraat:{name}".encode()) & 0x7FFFFFFF


class LeaderLock:
    """``acquire`` to lead, ``holds`` to check the lock is still there, ``release`` to step down."""

    def __init__(self, database: Database, name: str) -> None:
        """A lock called ``name`` on ``database``."""
        self._db = database
        self._key = lock_key(name)
        self._connection: AsyncConnection | None = None

    async def acquire(self) -> bool:
        """Take the lock if nobody holds it; True when this process leads (now or already)."""
        if self._db.dialect != "postgresql":
            return True
        if self._connection is not None:
            return await self.holds()
        connection = await self._db.engine.connect()
        try:
            taken = await connection.scalar(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": self._key}
            )
        except Exception:
            await connection.close()
            raise
        if not taken:
            await connection.close()
            return False
        self._connection = connection
        return True

    async def holds(self) -> bool:
        """True while the connection that holds the lock is alive."""
        if self._db.dialect != "postgresql":
            return True
        if self._connection is None:
            return False
        try:
            await self._connection.execute(text("SELECT 1"))
        except Exception:  # the connection is gone, and the lock with it
            logger.warning("Lost the database connection that held the leader lock.")
            await self._drop()
            return False
        return True

    async def release(self) -> None:
        """Step down: another replica may lead from now on."""
        if self._connection is None:
            return
        try:
            await self._connection.execute(
                text("SELECT pg_advisory_unlock(:key)"), {"key": self._key}
            )
        except Exception:  # the connection is gone already, and the lock went with it
            logger.debug("The leader connection was gone at release.", exc_info=True)
        finally:
            await self._drop()

    async def _drop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                await connection.close()
            except Exception:  # already broken: nothing more to give back
                logger.debug("Closing the leader connection failed.", exc_info=True)
