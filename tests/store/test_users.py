"""A user's own language choice is kept per user key."""

from __future__ import annotations

from store.database import Database
from store.users import UserStore


async def test_language_choice_is_kept_and_can_change(database: Database) -> None:
    users = UserStore(database)
    assert await users.language("key-1") is None
    await users.set_language("key-1", "en")
    await users.set_language("key-2", "nl")
    assert await users.language("key-1") == "en"
    await users.set_language("key-1", "nl")
    assert await users.language("key-1") == "nl"
    assert await users.language("key-2") == "nl"
