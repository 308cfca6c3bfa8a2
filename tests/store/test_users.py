"""A user's own language choice is kept per user key."""

from __future__ import annotations

from store.database import Database
from store.users import UserChoices, UserStore


async def test_language_choice_is_kept_and_can_change(database: Database) -> None:
    users = UserStore(database)
    assert await users.choices("key-1") == UserChoices()
    await users.set_language("key-1", "en")
    await users.set_language("key-2", "nl")
    assert (await users.choices("key-1")).language == "en"
    await users.set_language("key-1", "nl")
    assert (await users.choices("key-1")).language == "nl"
    assert (await users.choices("key-2")).language == "nl"


async def test_both_choices_in_one_read(database: Database) -> None:
    users = UserStore(database)
    assert await users.choices("key-1") == UserChoices()
    await users.set_team("key-1", "ict")
    assert await users.choices("key-1") == UserChoices(None, "ict")
    await users.set_language("key-1", "en")
    assert await users.choices("key-1") == UserChoices("en", "ict")
