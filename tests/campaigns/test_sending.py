"""A campaign end to end: the running bot picks it up within seconds of its time and delivers it
through the SDK's connector to a Teams emulator that keeps Teams' limits; cancel and retract."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from pytest_aiohttp import AiohttpClient

from bot.app import Services, create_app
from bot.proactive import build_proactive_sender
from campaigns.rules.model import Audience, Content, Schedule, State
from campaigns.rules.report import CampaignStats
from campaigns.service import Actor, CampaignService, Plan, campaign_service
from config.settings import Settings
from content.loader import Library
from store.clock import utc_now
from store.conversations import ConversationStore
from store.database import Database
from testkit import activities as a
from testkit.teams_emulator import EmulatorClientFactory, TeamsEmulator
from tests.support.cards import card_text
from tests.support.waiting import until
from wiring.build import build_people

ADMIN = Actor("cli:admin", administrator=True)
STAFF = 12


@dataclass
class Running:
    """The bot, its campaigns, and the emulated Teams it sends to."""

    bot: TestClient[Any, Any]
    teams: TeamsEmulator
    campaigns: CampaignService
    settings: Settings
    database: Database


@pytest.fixture
async def running(
    aiohttp_client: AiohttpClient, database_url: str, tmp_path: Path, bundled: Library
) -> AsyncIterator[Running]:
    teams = TeamsEmulator()
    await teams.start()
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, database_url=database_url, data_dir=tmp_path, campaign_poll_seconds=0.2
    )
    factory = EmulatorClientFactory(teams)
    services = Services(Database(database_url), client_factory=factory, library=bundled)
    bot = await aiohttp_client(create_app(settings, services))
    for number in range(1, STAFF + 1):
        response = await bot.post(
            "/api/messages", json=a.installation(teams.url, sender=a.user(number))
        )
        assert response.status == 202
    database = Database(database_url)
    people = build_people(settings, database, bundled, utc_now)
    yield Running(
        bot,
        teams,
        campaign_service(settings, database, bundled, utc_now, people),
        settings,
        database,
    )
    await database.close()
    await teams.close()


def announcement(text: str = "Vrijdag oefenen we een uur zonder stroom.") -> Plan:
    return Plan("Oefening", Content("message", text=text), Audience("all"), Schedule())


async def settled(
    campaigns: CampaignService, campaign_id: int, seconds: float = 15
) -> CampaignStats:
    """The figures once nothing is pending any more and the campaign has moved on."""

    async def done() -> bool:
        stats = await campaigns.stats(campaign_id)
        campaign = await campaigns.store.get(campaign_id)
        return bool(
            stats.targeted and not stats.pending and campaign and campaign.state == State.DONE
        )

    await until(done, seconds, step=0.1)
    return await campaigns.stats(campaign_id)


def campaign_messages(teams: TeamsEmulator) -> list[str]:
    return [m.conversation_id for m in teams.messages if "Oefening" in card_text(m.activity)]


async def test_a_campaign_reaches_everyone_once_and_is_done(running: Running) -> None:
    campaign = await running.campaigns.plan(announcement(), ADMIN)
    stats = await settled(running.campaigns, campaign.id)
    assert (stats.targeted, stats.sent, stats.unknown) == (STAFF, STAFF, 0)
    delivered = campaign_messages(running.teams)
    assert len(delivered) == STAFF == len(set(delivered))
    assert running.teams.duplicates() == []
    actions = [e.action for e in await running.campaigns.store.events(campaign.id)]
    assert actions == ["create", "approve", "start", "run", "finish"]


async def test_people_who_cannot_be_reached_are_counted_not_retried_forever(
    running: Running,
) -> None:
    welcomed = [m.conversation_id for m in running.teams.messages]  # one welcome per install
    running.teams.block(*welcomed[:2])
    campaign = await running.campaigns.plan(announcement(), ADMIN)
    stats = await settled(running.campaigns, campaign.id)
    assert stats.sent == STAFF - 2 and stats.unreachable == 2 and stats.failed == 0


async def test_a_chat_teams_no_longer_knows_is_created_anew_and_forgotten(
    running: Running,
) -> None:
    running.teams.forget(chat_of(1), chat_of(2))
    campaign = await running.campaigns.plan(announcement(), ADMIN)
    stats = await settled(running.campaigns, campaign.id)
    assert (stats.sent, stats.unreachable, stats.failed) == (STAFF, 0, 0)
    assert len(running.teams.created) == 2
    stored = {
        c.record.conversation_id: c.active for c in await ConversationStore(running.database).all()
    }
    assert (stored[chat_of(1)], stored[chat_of(2)], stored[chat_of(3)]) == (False, False, True)


async def test_retract_deletes_every_copy(running: Running) -> None:
    campaign = await running.campaigns.plan(announcement(), ADMIN)
    await settled(running.campaigns, campaign.id)
    sender = build_proactive_sender(running.settings, EmulatorClientFactory(running.teams))
    try:
        seen: list[tuple[int, int]] = []
        retraction = await running.campaigns.retract(
            campaign.id, ADMIN, sender, progress=lambda done, total: seen.append((done, total))
        )
    finally:
        await sender.close()
    assert (retraction.deleted, retraction.kept) == (STAFF, 0)
    assert len(running.teams.deletions) == STAFF and seen[-1] == (STAFF, STAFF)
    assert [e.action for e in await running.campaigns.store.events(campaign.id)][-1] == "retract"


def chat_of(number: int) -> str:
    """The personal chat of staff member ``number`` (where they installed Paraat)."""
    conversation: str = a.installation("", sender=a.user(number))["conversation"]["id"]
    return conversation


async def test_read_receipts_from_teams_make_the_read_figure(running: Running) -> None:
    campaign = await running.campaigns.plan(announcement(), ADMIN)
    await settled(running.campaigns, campaign.id)
    copies = {
        m.conversation_id: m.message_id
        for m in running.teams.messages
        if "Oefening" in card_text(m.activity)
    }

    async def receipt(number: int, last_read: str) -> None:
        activity = a.read_receipt(running.teams.url, last_read, sender=a.user(number))
        response = await running.bot.post("/api/messages", json=activity)
        assert response.status == 202

    for number in (1, 2, 3):
        await receipt(number, copies[chat_of(number)])
    await receipt(4, str(int(copies[chat_of(4)]) - 1))  # only up to the message before
    await receipt(5, "not-a-number")
    stats = await running.campaigns.stats(campaign.id)
    assert (stats.sent, stats.read) == (STAFF, 3)
