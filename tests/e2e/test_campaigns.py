"""A communications author in the Agents Playground: plans an announcement to everyone, it
arrives in the chat from the running bot, "Gelezen" is recorded, and the planning shows it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cli.playground import PlaygroundProcess, free_port
from tests.support.cards import card_text
from tests.support.playground import PlaygroundClient, StreamEvent
from tests.support.running_bot import RunningBot

pytestmark = pytest.mark.e2e
MESSAGE = "Vrijdag oefenen we een uur **zonder stroom**."


@dataclass
class Author:
    """The Playground's user, who is the organisation's one campaign author."""

    playground: PlaygroundClient
    bot: RunningBot


@pytest.fixture
def bot_port(playground_installed: None) -> int:
    return free_port()


@pytest.fixture
def playground_process(bot_port: int) -> Iterator[PlaygroundProcess]:
    with PlaygroundProcess(f"http://127.0.0.1:{bot_port}/api/messages", port=free_port()) as it:
        yield it


@pytest.fixture
async def author(
    playground_process: PlaygroundProcess, bot_port: int, tmp_path: Path
) -> AsyncIterator[Author]:
    """The bot started with the Playground's user as author, so the ids match as in Teams."""
    async with PlaygroundClient(playground_process.url) as playground:
        user = (await playground.config()).current_user
        bot = RunningBot(
            port=bot_port,
            data_dir=tmp_path / "var",
            settings={
                "PARAAT_CAMPAIGN_AUTHORS": user.aad_object_id,
                "PARAAT_CAMPAIGN_FOUR_EYES": "false",
                "PARAAT_CAMPAIGN_POLL_SECONDS": "1",
            },
        )
        bot.data_dir.mkdir()
        bot.start()
        try:
            yield Author(playground, bot)
        finally:
            bot.stop()


def shown(event: StreamEvent) -> str:
    return card_text(event.card)


async def test_an_announcement_reaches_the_chat_and_its_reading_is_counted(author: Author) -> None:
    playground = author.playground
    await playground.install()
    assert "Welkom bij Paraat" in shown(await playground.next_bot_activity())

    await playground.send_text("plan")
    form = await playground.next_bot_activity()
    assert "Nieuwe campagne" in shown(form)
    inputs = {
        "title": "Oefening zonder stroom", "content": "message", "message": MESSAGE,
        "acknowledge": "true", "audience": "all", "day": "", "time": "", "recurrence": "once",
    }  # fmt: skip
    listed = await playground.click(form, "campaign.save", inputs)
    assert listed is not None and "Oefening zonder stroom" in card_text(listed["value"])

    sent = await playground.next_bot_activity(
        lambda event: "oefenen we een uur" in shown(event), timeout=20
    )
    assert "Gelezen" in shown(sent)
    read = await playground.click(sent, "campaign.read")
    assert read is not None and "Je hebt dit gelezen op" in card_text(read["value"])

    await playground.send_text("planning")
    planning = await playground.next_bot_activity()
    assert "Bezorgd\n1 van 1" in shown(planning)
    assert "Op 'Gelezen' geklikt\n1" in shown(planning)
    figures = await playground.click(planning, "campaign.figures")
    assert figures is not None
    assert "Cijfers: Oefening zonder stroom" in card_text(figures["value"])
