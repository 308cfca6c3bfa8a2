"""``paraat serve`` stops gracefully on SIGTERM: new turns get 503 with Retry-After, the turn and
the campaign calls under way finish, what was not sent goes back to the outbox, and it exits 0.

The bot runs as its own process, the way an operator (or a container engine) runs and stops it;
Teams is a local connector that holds its answers until the test lets them go.
"""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from testkit import activities as a
from tests.support.held_connector import HeldConnector
from tests.support.running_bot import RunningBot, start_bot
from tests.support.waiting import until


@pytest.fixture
async def teams() -> AsyncIterator[HeldConnector]:
    connector = HeldConnector()
    await connector.start()
    yield connector
    await connector.close()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def running(tmp_path: Path, **settings: str) -> AsyncIterator[RunningBot]:
    bot = await asyncio.to_thread(start_bot, tmp_path, **settings)
    try:
        yield bot
    finally:
        await asyncio.to_thread(bot.stop)


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[RunningBot]:
    async for each in running(
        tmp_path, PARAAT_CAMPAIGN_POLL_SECONDS="0.2", PARAAT_CAMPAIGN_RATE="1"
    ):
        yield each


async def post(http: aiohttp.ClientSession, bot: RunningBot, activity: dict[str, object]) -> int:
    async with http.post(bot.endpoint, json=activity) as response:
        return response.status


async def stopping(http: aiohttp.ClientSession, bot: RunningBot) -> bool:
    async with http.get(f"http://127.0.0.1:{bot.port}/readyz") as response:
        return response.status == 503


async def refuses_new_turns(http: aiohttp.ClientSession, bot: RunningBot, url: str) -> None:
    """A new turn gets 503 with Retry-After while the bot stops."""
    activity = a.message(url, "help", sender=a.user(7))
    async with http.post(bot.endpoint, json=activity) as response:
        assert response.status == 503
        assert int(response.headers["Retry-After"]) > 0


async def exit_code(bot: RunningBot) -> int:
    assert bot.process is not None
    return await asyncio.to_thread(bot.process.wait, 60)


async def test_a_turn_under_way_finishes_new_ones_get_503_and_the_exit_is_0(
    bot: RunningBot, teams: HeldConnector, http: aiohttp.ClientSession
) -> None:
    teams.hold()
    turn = asyncio.create_task(post(http, bot, a.message(teams.url, "help")))
    await until(lambda: bool(teams.arrived), 30)  # the reply is on its way to Teams
    assert bot.process is not None
    bot.process.send_signal(signal.SIGTERM)
    await until(lambda: stopping(http, bot), 30)
    await refuses_new_turns(http, bot, teams.url)
    assert not turn.done()

    teams.release()
    assert await turn == 202
    assert await exit_code(bot) == 0
    assert len(teams.answered) == 1  # the help card, and nothing from the refused turn
    log = bot.log()
    assert "Stopping" in log and "Stopped." in log and "Traceback" not in log


async def test_a_campaign_under_way_keeps_what_was_sent_and_gives_the_rest_back(
    bot: RunningBot, teams: HeldConnector, http: aiohttp.ClientSession
) -> None:
    staff = range(1, 9)
    for number in staff:
        assert await post(http, bot, a.installation(teams.url, sender=a.user(number))) == 202
    welcomes = len(teams.answered)
    teams.hold()
    plan = [
        sys.executable, "-m", "cli", "campaign", "add", "--title", "Oefening",
        "--message", "Vrijdag oefenen we een uur zonder stroom.", "--audience", "all",
    ]  # fmt: skip
    planned = await asyncio.to_thread(
        subprocess.run, plan, env=bot.environment(), capture_output=True, check=False
    )
    assert planned.returncode == 0, planned.stderr.decode()
    await until(lambda: len(teams.arrived) > welcomes, 30)  # a campaign call is under way
    assert bot.process is not None
    bot.process.send_signal(signal.SIGTERM)
    await until(lambda: stopping(http, bot), 30)
    await refuses_new_turns(http, bot, teams.url)

    teams.release()
    assert await exit_code(bot) == 0
    sent_to_teams = len(teams.answered) - welcomes
    rows = outbox(bot.database)
    sent = [row for row in rows if row[0] == "sent"]
    back = [row for row in rows if row[0] != "sent"]
    assert len(rows) == len(staff)
    assert len(sent) == sent_to_teams >= 1  # every call under way finished and was recorded
    assert back and all(row == ("pending", None, 0) for row in back)  # no lease, not in flight
    assert "Traceback" not in bot.log()


def outbox(database: Path) -> list[tuple[str, str | None, int]]:
    """(status, lease owner, in flight) of every outbox row."""
    with sqlite3.connect(database) as connection:
        return list(
            connection.execute("SELECT status, lease_owner, in_flight FROM campaign_outbox")
        )
