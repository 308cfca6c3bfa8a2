"""A user's own language choice is kept per user key."""

from __future__ import annotations

from store.database import Database
from store.users import UserStore


async def test_language_choice_is_kept_and_can_change(database: Database) -> None:
    users = UserStore(database)
    assert await users.choices("key-1") == (None, None)
    await users.set_language("key-1", "en")
    await users.set_language("key-2", "nl")
    assert (await users.choices("key-1"))[0] == "en"
    await users.set_language("key-1", "nl")
    assert (await users.choices("key-1"))[0] == "nl"
    assert (await users.choices("key-2"))[0] == "nl"


async def test_both_choices_in_one_read(database: Database) -> None:
    users = UserStore(database)
    assert await users.choices("key-1") == (None, None)
    await users.set_team("key-1", "ict")
    assert await users.choices("key-1") == (None, "ict")
    await users.set_language("key-1", "en")
    assert await users.choices("key-1") == ("en", "ict")
