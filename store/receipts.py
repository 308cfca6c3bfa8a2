"""Read receipts as stored: per personal chat, the last message the person read.

Teams may deliver receipts late or out of order; the stored id only ever moves forward, in one
statement (``INSERT … ON CONFLICT DO UPDATE … WHERE``), so two receipts at once never move it
back.
"""

from __future__ import annotations

from sqlalchemy import select

from store import tables
from store.clock import Clock, utc_now
from store.database import Database
from store.sql import rowcount, table
from store.upsert import dialect_insert

_RECEIPTS = table(tables.ReadReceipt)


class ReceiptStore:
    """Reads and writes read receipts."""

    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        """Use ``database``; ``clock`` gives the time stamps."""
        self._db = database
        self._clock = clock

    async def record(self, conversation_id: str, last_read: int) -> bool:
        """Keep that the person read up to ``last_read`` in ``conversation_id``.

        Args:
            conversation_id: The personal chat, from the activity.
            last_read: The last message read, as a number.

        Returns:
            True when this moved the chat's receipt forward (or was its first); False when an
            equal or later one was kept already.
        """
        insert = dialect_insert(self._db.dialect, tables.ReadReceipt).values(
            conversation_id=conversation_id, last_read_message_id=last_read, read_at=self._clock()
        )
        statement = insert.on_conflict_do_update(
            index_elements=["conversation_id"],
            set_={
                "last_read_message_id": insert.excluded.last_read_message_id,
                "read_at": insert.excluded.read_at,
            },
            where=_RECEIPTS.c.last_read_message_id < insert.excluded.last_read_message_id,
        )
        async with self._db.sessions.begin() as session:
            return bool(rowcount(await session.execute(statement)))

    async def last_read(self, conversation_id: str) -> int | None:
        """The last message read in ``conversation_id``, or None before any receipt."""
        query = select(_RECEIPTS.c.last_read_message_id).where(
            _RECEIPTS.c.conversation_id == conversation_id
        )
        async with self._db.sessions() as session:
            found = await session.scalar(query)
        return int(found) if found is not None else None
