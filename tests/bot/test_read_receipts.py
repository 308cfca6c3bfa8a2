"""Teams' read receipts through the adapter: kept per personal chat from the activity alone,
moving only forward; other chats, odd ids and other events change nothing and say nothing."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient

from bot.app import DATABASE
from store.receipts import ReceiptStore
from testkit import activities as a
from testkit.connector import FakeConnector
from tests.support.bot import send

ID = "1765000000123"


def receipts(client: TestClient[Any, Any]) -> ReceiptStore:
    return ReceiptStore(client.app[DATABASE])


def chat(number: int = 1) -> str:
    """The personal chat the test kit gives user ``number``."""
    conversation: str = a.message("", "", sender=a.user(number))["conversation"]["id"]
    return conversation


async def test_a_receipt_is_kept_for_the_chat_it_came_from(
    bot: TestClient[Any, Any], connector: FakeConnector
) -> None:
    assert await send(bot, a.read_receipt(connector.url, ID)) == 202
    assert await receipts(bot).last_read(chat()) == int(ID)
    assert connector.messages() == []  # Paraat says nothing back
    assert await send(bot, a.read_receipt(connector.url, "1765000000100")) == 202  # late
    assert await receipts(bot).last_read(chat()) == int(ID)
    assert await send(bot, a.read_receipt(connector.url, "1765000000200")) == 202
    assert await receipts(bot).last_read(chat()) == 1_765_000_000_200
    assert await receipts(bot).last_read(chat(2)) is None


async def test_identity_in_the_value_is_not_believed(
    bot: TestClient[Any, Any], connector: FakeConnector
) -> None:
    forged = {"conversationId": chat(2), "conversation": {"id": chat(2)}, "from": a.user(2)}
    receipt = a.read_receipt(connector.url, ID, sender=a.user(1), value=forged)
    assert await send(bot, receipt) == 202
    assert await receipts(bot).last_read(chat(1)) == int(ID)
    assert await receipts(bot).last_read(chat(2)) is None


async def test_receipts_that_cannot_be_used_change_nothing(
    bot: TestClient[Any, Any], connector: FakeConnector
) -> None:
    unusable = [
        a.read_receipt(connector.url, "abc"),
        a.read_receipt(connector.url, "-1"),
        a.read_receipt(connector.url, None),
        a.read_receipt(connector.url, "9" * 30),
        a.read_receipt(connector.url, ID, scope="team"),  # Teams has them for personal chats only
        a.read_receipt(connector.url, ID, scope="groupChat"),
        a.read_receipt(connector.url, ID) | {"name": "application/vnd.microsoft.other"},
        a.read_receipt(connector.url, ID) | {"value": ID},  # not an object
    ]
    for activity in unusable:
        assert await send(bot, activity) == 202
    for conversation in (chat(), a.CHANNEL_ID, a.GROUP_CHAT_ID):
        assert await receipts(bot).last_read(conversation) is None
    assert connector.messages() == []
