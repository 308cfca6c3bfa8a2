"""Nothing is lost when the sending process dies: `paraat serve` is killed with SIGKILL in the
middle of a campaign, started again, and the campaign completes. Every recipient gets the
message; a second copy is possible only for a message in flight at the kill, and each such row
is counted as an unknown outcome."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

import aiohttp
import pytest

from campaigns.rules.model import Audience, Content, Schedule, State
from campaigns.rules.report import CampaignStats
from campaigns.service import Actor, CampaignService, Plan, campaign_service
from cli.playground import free_port
from config.settings import Settings
from content.loader import Library
from store.clock import utc_now
from store.database import Database
from testkit import activities as a
from testkit.teams_emulator import TeamsEmulator
from tests.support.cards import card_text
from tests.support.running_bot import RunningBot
from tests.support.waiting import until
from wiring.build import build_people

pytestmark = pytest.mark.e2e

STAFF = 150
TITLE = "Oefening zonder stroom"


async def install_everyone(bot: RunningBot, teams: TeamsEmulator) -> None:
    async with aiohttp.ClientSession() as session:
        for number in range(1, STAFF + 1):
            activity = a.installation(teams.url, sender=a.user(number))
            async with session.post(bot.endpoint, json=activity) as response:
                assert response.status == 202, await response.text()


def delivered(teams: TeamsEmulator) -> Counter[str]:
    """Campaign copies per conversation."""
    return Counter(m.conversation_id for m in teams.messages if TITLE in card_text(m.activity))


async def settled(campaigns: CampaignService, campaign_id: int) -> CampaignStats:
    async def done() -> bool:
        campaign = await campaigns.store.get(campaign_id)
        return campaign is not None and campaign.state == State.DONE

    await until(done, 60, step=0.2)
    return await campaigns.stats(campaign_id)


async def test_a_killed_sender_resumes_and_loses_no_one(
    database_url: str, tmp_path: Path, bundled: Library
) -> None:
    teams = TeamsEmulator()  # Teams' real limits: 50 calls per second for the whole app
    await teams.start()
    bot = RunningBot(
        port=free_port(), data_dir=tmp_path / "var",
        settings={
            "PARAAT_DATABASE_URL": database_url, "PARAAT_CAMPAIGN_POLL_SECONDS": "0.2",
            "PARAAT_CAMPAIGN_LEASE_SECONDS": "3",
        },
    )  # fmt: skip
    bot.data_dir.mkdir()
    database = Database(database_url)
    try:
        await asyncio.to_thread(bot.start)
        await install_everyone(bot, teams)
        settings = Settings(_env_file=None, database_url=database_url, data_dir=bot.data_dir)  # type: ignore[call-arg]
        people = build_people(settings, database, bundled, utc_now)
        campaigns = campaign_service(settings, database, bundled, utc_now, people)
        plan = Plan(TITLE, Content("message", text="Vrijdag oefenen we."), Audience("all"),
                    Schedule())  # fmt: skip
        campaign = await campaigns.plan(plan, Actor("cli:test", administrator=True))
        await until(lambda: len(delivered(teams)) >= STAFF // 3, 30)
        assert bot.process is not None
        bot.process.kill()  # SIGKILL: no clean-up, leases and in-flight rows left as they were
        await asyncio.to_thread(bot.process.wait)
        before = len(delivered(teams))
        assert before < STAFF, "the campaign finished before the kill: make it larger"
        await asyncio.to_thread(bot.start)
        stats = await settled(campaigns, campaign.id)
    finally:
        await asyncio.to_thread(bot.stop)
        await database.close()
        await teams.close()
    copies = delivered(teams)
    assert len(copies) == STAFF, f"lost: {STAFF - len(copies)}; bot log:\n{bot.log()}"
    extra = sum(count - 1 for count in copies.values())
    assert extra <= stats.unknown, (extra, stats)
    assert (stats.targeted, stats.sent, stats.pending) == (STAFF, STAFF, 0)
    assert "Traceback" not in bot.log()
