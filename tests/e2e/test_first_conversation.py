"""A new user in the Agents Playground: install, welcome, help, language, buttons, restart."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cli.playground import PlaygroundProcess, free_port
from tests.support.cards import card_text
from tests.support.playground import PlaygroundClient, StreamEvent
from tests.support.running_bot import RunningBot, start_bot

pytestmark = pytest.mark.e2e


def shown(event: StreamEvent) -> str:
    """All text on the event's card."""
    return card_text(event.card)


def conversations(database: Path) -> list[tuple[str, str, int]]:
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT conversation_id, scope, active FROM conversations ORDER BY id"
        ).fetchall()


async def test_install_welcomes_once_and_help_answers_in_dutch(
    bot: RunningBot, playground: PlaygroundClient
) -> None:
    config = await playground.config()
    await playground.install()
    welcome = await playground.next_bot_activity()
    assert "Welkom bij Paraat" in shown(welcome)
    assert "Jouw gegevens" in shown(welcome)
    await playground.install()  # the web UI does this on every page load
    await playground.expect_no_bot_activity(seconds=1.5)
    assert conversations(bot.database) == [(config.personal_chat_id, "personal", 1)]

    await playground.send_text("help")  # the Playground says en-US; the organisation says nl
    help_card = await playground.next_bot_activity()
    assert "Wat kun je typen?" in shown(help_card)
    assert "hoe paraat je teams zijn" in shown(help_card)

    await playground.click(welcome, "Hulp")  # the welcome card's button, an Action.Submit
    assert "Wat kun je typen?" in shown(await playground.next_bot_activity())

    await playground.send_text("qiuz")
    assert "Bedoel je **quiz**?" in shown(await playground.next_bot_activity())


async def test_language_choice_is_kept_across_a_restart(
    bot: RunningBot, playground: PlaygroundClient
) -> None:
    await playground.send_text("taal english")
    assert "I will speak English with you" in shown(await playground.next_bot_activity())
    await playground.send_text("hulp")
    assert "What can you type?" in shown(await playground.next_bot_activity())

    bot.restart()
    await playground.send_message_activity("help", locale="nl-NL")
    assert "What can you type?" in shown(await playground.next_bot_activity())
    await playground.send_text("language nederlands")
    assert "Nederlands" in shown(await playground.next_bot_activity())
    await playground.send_text("help")
    assert "Wat kun je typen?" in shown(await playground.next_bot_activity())


async def test_follow_the_client_setting(playground_installed: None, tmp_path: Path) -> None:
    bot = start_bot(tmp_path, PARAAT_FOLLOW_CLIENT_LANGUAGE="true")
    try:
        with PlaygroundProcess(bot.endpoint, port=free_port()) as process:
            async with PlaygroundClient(process.url) as playground:
                await playground.install()
                assert "Welcome to Paraat" in shown(await playground.next_bot_activity())
                await playground.send_message_activity("hulp", locale="nl-NL")
                assert "Wat kun je typen?" in shown(await playground.next_bot_activity())
                await playground.send_text("help")  # en-US
                assert "What can you type?" in shown(await playground.next_bot_activity())
    finally:
        bot.stop()


async def test_team_install_is_kept_and_welcomed_in_the_channel(
    bot: RunningBot, playground: PlaygroundClient
) -> None:
    team = (await playground.config()).team
    await playground.install(team.id)
    welcome = await playground.next_bot_activity(conversation_id=team.id)
    assert "Welkom bij Paraat" in shown(welcome)
    assert (team.id, "team", 1) in conversations(bot.database)
