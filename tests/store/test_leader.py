"""Exactly one replica leads; when it steps down or its connection dies, another takes over."""

from __future__ import annotations

from sqlalchemy import text

from store.database import Database
from store.leader import LeaderLock, lock_key


def test_lock_keys_are_stable_and_differ_by_name() -> None:
    assert lock_key("campaigns") == lock_key("campaigns")
    assert lock_key("campaigns") != lock_key("sync")
    assert 0 <= lock_key("campaigns") < 2**31


async def test_one_replica_leads_and_another_takes_over(database_url: str) -> None:
    first_db, second_db = Database(database_url), Database(database_url)
    first, second = LeaderLock(first_db, "campaigns"), LeaderLock(second_db, "campaigns")
    try:
        assert await first.acquire()
        if first_db.dialect == "sqlite":  # one process: it always leads
            assert await second.acquire()
            return
        assert not await second.acquire()
        assert await first.acquire() and await first.holds()
        await first.release()
        assert not await first.holds()
        assert await second.acquire()
        assert not await first.acquire()
        # The leader's connection is cut (its replica died): its lock goes with it.
        async with first_db.engine.connect() as connection:
            await connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_locks "
                    "WHERE locktype = 'advisory' AND objid = :key"
                ),
                {"key": lock_key("campaigns")},
            )
        assert not await second.holds()
        assert await first.acquire()
    finally:
        await first.release()
        await second.release()
        await first_db.close()
        await second_db.close()
