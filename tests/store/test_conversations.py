"""Installs and members are kept once, survive a restart, and removal marks them inactive."""

from __future__ import annotations

import asyncio
import json

from store.conversations import ConversationRecord, ConversationStore, MemberRecord
from store.database import Database


def record(conversation_id: str = "a:1", **changes: str) -> ConversationRecord:
    values = {
        "conversation_id": conversation_id,
        "scope": "personal",
        "service_url": "https://smba.trafficmanager.net/emea/",
        "reference": json.dumps({"conversation": {"id": conversation_id}}),
        "tenant_id": "tenant-1",
        "user_aad_object_id": "object-1",
    } | changes
    return ConversationRecord(**values)


async def test_first_install_is_new_and_a_repeat_is_not(database: Database) -> None:
    store = ConversationStore(database)
    assert await store.save_active(record()) is True
    moved = record(service_url="https://smba.trafficmanager.net/nl/")
    assert await store.save_active(moved) is False
    stored = await store.all()
    assert len(stored) == 1
    assert stored[0].active
    assert stored[0].record == moved  # the newest reference is the one kept


async def test_removal_marks_inactive_and_reinstall_reactivates(database: Database) -> None:
    store = ConversationStore(database)
    await store.save_active(record())
    await store.mark_removed("a:1")
    removed = await store.get("a:1")
    assert removed is not None and not removed.active and removed.removed_at is not None
    assert await store.all(active_only=True) == []
    assert await store.save_active(record()) is True
    again = await store.get("a:1")
    assert again is not None and again.active and again.removed_at is None
    assert again.installed_at.tzinfo is not None  # UTC on SQLite too


async def test_removing_a_team_marks_all_its_channels(database: Database) -> None:
    store = ConversationStore(database)
    for channel in ("19:general", "19:announcements"):
        await store.save_active(record(channel, scope="team", team_id="19:general"))
    await store.save_active(record("a:personal"))
    await store.mark_removed("19:general", team_id="19:general")
    active = [c.record.conversation_id for c in await store.all(active_only=True)]
    assert active == ["a:personal"]


async def test_racing_install_events_welcome_once(database: Database) -> None:
    store = ConversationStore(database)
    results = await asyncio.gather(*(store.save_active(record()) for _ in range(5)))
    assert sorted(results) == [False, False, False, False, True]
    assert len(await store.all()) == 1


async def test_members_are_kept_once_and_leave(database: Database) -> None:
    store = ConversationStore(database)
    people = [MemberRecord("29:a", "object-a"), MemberRecord("29:b", None)]
    await store.save_members("19:general", people, active=True)
    await store.save_members("19:general", people, active=True)
    assert await store.members("19:general") == people
    await store.save_members("19:general", [MemberRecord("29:a", "object-a")], active=False)
    assert await store.members("19:general") == [MemberRecord("29:b", None)]


async def test_everything_survives_a_restart(database_url: str) -> None:
    first = Database(database_url)
    await ConversationStore(first).save_active(record())
    await ConversationStore(first).save_members("a:1", [MemberRecord("29:a")], active=True)
    await first.close()
    second = Database(database_url)
    try:
        stored = await ConversationStore(second).get("a:1")
        assert stored is not None and stored.record == record()
        assert await ConversationStore(second).members("a:1") == [MemberRecord("29:a")]
    finally:
        await second.close()
