"""The first conversation: help, unknown text, language choice, buttons, stale cards, errors."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import text

from bot.app import DATABASE
from testkit import activities as a
from testkit.connector import FakeConnector
from tests.support.bot import MakeBot, send
from tests.support.cards import card_text


async def last_card(client: TestClient[Any, Any], connector: FakeConnector, activity: Any) -> str:
    """Send ``activity``; the text of the one card the bot answers with."""
    connector.clear()
    assert await send(client, activity) == 202
    cards = connector.cards()
    assert len(cards) == 1, connector.sent
    return card_text(cards[0])


@pytest.mark.parametrize("typed", ["help", "hulp", "?", "Hulp!", "  HELP  "])
async def test_help_lists_the_commands_in_dutch(
    bot: TestClient[Any, Any], connector: FakeConnector, typed: str
) -> None:
    shown = await last_card(bot, connector, a.message(connector.url, typed))
    assert "Wat kun je typen?" in shown
    for command in ("quiz", "briefing", "mijn team", "checklist", "taal", "hulp", "gereedheid"):
        assert command in shown


async def test_unknown_text_gets_short_help_with_the_closest_command(
    bot: TestClient[Any, Any], connector: FakeConnector
) -> None:
    shown = await last_card(bot, connector, a.message(connector.url, "qiuz"))
    assert "Bedoel je **quiz**?" in shown
    assert "Wat kun je typen?" in shown
    shown = await last_card(bot, connector, a.message(connector.url, "goedemorgen"))
    assert "Dat begreep ik niet." in shown and "Bedoel je" not in shown


async def test_a_button_nobody_owns_gets_the_stale_card(
    bot: TestClient[Any, Any], connector: FakeConnector, caplog: pytest.LogCaptureFixture
) -> None:
    response = await bot.post("/api/messages", json=a.invoke(connector.url, "kantine.open", {}))
    assert "Deze knop werkt niet meer" in card_text((await response.json())["value"])
    assert "Refused a card action that Paraat does not know" in caplog.text


async def test_card_data_of_the_wrong_shape_never_reaches_a_handler(
    bot: TestClient[Any, Any], connector: FakeConnector, caplog: pytest.LogCaptureFixture
) -> None:
    forged = {"briefing": ["stroom-4-uur-briefing"], "version": "1"}
    response = await bot.post(
        "/api/messages", json=a.invoke(connector.url, "briefing.read", forged)
    )
    assert "Deze knop werkt niet meer" in card_text((await response.json())["value"])
    assert "Refused a briefing.read card action: bad briefing, version." in caplog.text


async def test_language_choice_is_kept_per_user(
    bot: TestClient[Any, Any], connector: FakeConnector
) -> None:
    me, colleague = a.user(1), a.user(2)
    shown = await last_card(bot, connector, a.message(connector.url, "taal english", sender=me))
    assert "I will speak English with you" in shown
    shown = await last_card(bot, connector, a.message(connector.url, "help", sender=me))
    assert "What can you type?" in shown and "how ready your teams are" in shown
    shown = await last_card(bot, connector, a.message(connector.url, "help", sender=colleague))
    assert "Wat kun je typen?" in shown
    shown = await last_card(
        bot, connector, a.message(connector.url, "language nederlands", sender=me)
    )
    assert "Nederlands" in shown
    shown = await last_card(bot, connector, a.message(connector.url, "help", sender=me))
    assert "Wat kun je typen?" in shown


async def test_language_without_a_known_language_asks(
    bot: TestClient[Any, Any], connector: FakeConnector
) -> None:
    shown = await last_card(bot, connector, a.message(connector.url, "taal klingon"))
    assert "Welke taal wil je?" in shown


async def test_english_client_gets_dutch_by_default(
    bot: TestClient[Any, Any], connector: FakeConnector
) -> None:
    shown = await last_card(bot, connector, a.message(connector.url, "help", locale="en-US"))
    assert "Wat kun je typen?" in shown


async def test_follow_the_client_setting_uses_its_locale(
    make_bot: MakeBot, connector: FakeConnector
) -> None:
    bot = await make_bot(follow_client_language=True)
    shown = await last_card(bot, connector, a.message(connector.url, "help", locale="en-GB"))
    assert "What can you type?" in shown
    shown = await last_card(bot, connector, a.message(connector.url, "help", locale="nl-NL"))
    assert "Wat kun je typen?" in shown
    shown = await last_card(bot, connector, a.message(connector.url, "help", locale="fr-FR"))
    assert "Wat kun je typen?" in shown  # unsupported: the organisation's default
    await send(bot, a.message(connector.url, "taal nederlands"))
    shown = await last_card(bot, connector, a.message(connector.url, "help", locale="en-US"))
    assert "Wat kun je typen?" in shown  # the user's own choice wins


async def test_english_organisation_default(make_bot: MakeBot, connector: FakeConnector) -> None:
    bot = await make_bot(default_language="en")
    shown = await last_card(bot, connector, a.installation(connector.url))
    assert "Welcome to Paraat" in shown and "Your data" in shown


async def test_welcome_buttons_run_their_command(
    bot: TestClient[Any, Any], connector: FakeConnector
) -> None:
    await send(bot, a.installation(connector.url))
    actions = connector.cards()[0]["actions"]
    help_button = next(action for action in actions if action["title"] == "Hulp")
    assert help_button["type"] == "Action.Submit"
    shown = await last_card(bot, connector, a.submit(connector.url, help_button["data"]))
    assert "Wat kun je typen?" in shown


@pytest.mark.parametrize(
    "value",
    [
        {"verb": "command", "command": "rm -rf"},
        {"verb": "quizAnswer", "question": "q1", "option": 9},
        {"verb": "command", "command": "help", "userId": "29:someone-else"},
        {},
    ],
)
async def test_unknown_or_forged_submits_get_a_friendly_card_and_change_nothing(
    bot: TestClient[Any, Any], connector: FakeConnector, value: dict[str, Any]
) -> None:
    connector.clear()
    assert await send(bot, a.submit(connector.url, value, reply_to="activity-7")) == 202
    if value.get("command") == "help":
        # Identity comes from the activity: a name in the card data is simply ignored.
        assert "Wat kun je typen?" in card_text(connector.cards()[0])
    else:
        # The clicked card is replaced by the note; nothing else is sent.
        assert connector.cards() == []
        [replaced] = connector.updated
        assert replaced["_activity"] == "activity-7"
        shown = card_text(connector.updated_cards()[0])
        assert "Deze knop werkt niet meer" in shown and "niets veranderd" in shown


async def test_a_failing_turn_gets_one_friendly_message_and_the_bot_keeps_serving(
    bot: TestClient[Any, Any], connector: FakeConnector, caplog: pytest.LogCaptureFixture
) -> None:
    async with bot.app[DATABASE].engine.begin() as connection:
        await connection.execute(text("DROP TABLE users"))
    with caplog.at_level(logging.ERROR):
        shown = await last_card(bot, connector, a.message(connector.url, "help"))
    assert "Er ging iets mis" in shown
    assert "users" not in shown and "Traceback" not in shown  # no internals in the chat
    assert any(record.exc_info for record in caplog.records)  # the log has the traceback
    assert (await bot.get("/healthz")).status == 200
    assert (await bot.get("/readyz")).status == 200
