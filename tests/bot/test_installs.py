"""Install and membership events are stored once, survive restarts, and welcome exactly once."""

from __future__ import annotations

import json
from typing import Any

from aiohttp.test_utils import TestClient

from bot.app import DATABASE
from store.conversations import ConversationStore
from testkit import activities as a
from testkit.connector import FakeConnector
from tests.support.bot import MakeBot, send
from tests.support.cards import card_text


def store(client: TestClient[Any, Any]) -> ConversationStore:
    return ConversationStore(client.app[DATABASE])


async def test_personal_install_stores_the_reference_and_welcomes_once(
    bot: TestClient[Any, Any], connector: FakeConnector
) -> None:
    install = a.installation(connector.url)
    assert await send(bot, install) == 202
    assert await send(bot, install) == 202  # Teams may repeat an event
    bot_added = a.members_changed(connector.url, added=[a.BOT, a.user()], scope="personal")
    assert await send(bot, bot_added) == 202  # and sends this one too for the same install

    assert len(connector.cards()) == 1
    welcome = card_text(connector.cards()[0])
    assert "Welkom bij Paraat" in welcome
    assert "Jouw gegevens" in welcome
    for button in ("Quiz", "Briefing", "Mijn team", "Checklist", "Hulp"):
        assert button in welcome
    stored = await store(bot).all()
    assert len(stored) == 1
    record = stored[0].record
    assert record.scope == "personal"
    assert record.tenant_id == a.TENANT
    assert record.user_aad_object_id == a.user()["aadObjectId"]
    assert record.service_url == connector.url
    reference = json.loads(record.reference)
    assert reference["conversation"]["id"] == install["conversation"]["id"]
    assert reference["serviceUrl"] == connector.url


async def test_removal_marks_inactive_and_reinstall_welcomes_again(
    bot: TestClient[Any, Any], connector: FakeConnector
) -> None:
    await send(bot, a.installation(connector.url))
    await send(bot, a.installation(connector.url, "remove"))
    stored = await store(bot).all()
    assert [c.active for c in stored] == [False]
    await send(bot, a.installation(connector.url, "add"))
    assert [c.active for c in await store(bot).all()] == [True]
    assert len(connector.cards()) == 2


async def test_team_install_keeps_team_channel_and_members(
    bot: TestClient[Any, Any], connector: FakeConnector
) -> None:
    await send(bot, a.installation(connector.url, scope="team"))
    await send(bot, a.members_changed(connector.url, added=[a.BOT]))
    await send(bot, a.members_changed(connector.url, added=[a.user(1), a.user(2)]))
    await send(bot, a.members_changed(connector.url, removed=[a.user(2)]))

    [team] = await store(bot).all()
    assert (team.record.scope, team.record.team_id, team.record.channel_id) == (
        "team",
        a.TEAM_ID,
        a.CHANNEL_ID,
    )
    members = await store(bot).members(a.CHANNEL_ID)
    assert [(m.member_id, m.aad_object_id) for m in members] == [
        ("29:user-1", a.user(1)["aadObjectId"])
    ]
    assert len(connector.cards()) == 1
    assert connector.messages()[0]["_conversation"] == a.CHANNEL_ID

    await send(bot, a.members_changed(connector.url, removed=[a.BOT]))
    assert [c.active for c in await store(bot).all()] == [False]


async def test_group_chat_install_is_kept(
    bot: TestClient[Any, Any], connector: FakeConnector
) -> None:
    await send(bot, a.members_changed(connector.url, added=[a.BOT], scope="groupChat"))
    [chat] = await store(bot).all()
    assert (chat.record.scope, chat.record.conversation_id) == ("groupChat", a.GROUP_CHAT_ID)


async def test_installs_survive_a_restart(make_bot: MakeBot, connector: FakeConnector) -> None:
    first = await make_bot()
    await send(first, a.installation(connector.url))
    await first.close()
    second = await make_bot()
    await send(second, a.installation(connector.url))  # the same install, seen again
    assert len(await store(second).all()) == 1
    assert len(connector.cards()) == 1  # no second welcome after the restart


async def test_an_event_without_a_locale_leaves_the_welcome_to_the_install(
    make_bot: MakeBot, connector: FakeConnector
) -> None:
    bot = await make_bot(follow_client_language=True)
    bot_added = a.members_changed(connector.url, added=[a.BOT, a.user()], scope="personal")
    del bot_added["locale"]  # as the Agents Playground sends it, racing the installationUpdate
    await send(bot, bot_added)
    await send(bot, a.installation(connector.url, locale="en-US"))

    [welcome] = connector.cards()
    assert "Welcome to Paraat" in card_text(welcome)
    assert [c.active for c in await store(bot).all()] == [True]
