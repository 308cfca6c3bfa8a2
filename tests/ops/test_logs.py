"""The log of turns and campaign sends: one line per event, each naming its activity, its
conversation (digested, never the Teams id) and its campaign; a failed call to Teams is one line
with what Teams said; no traceback, token or message text.

Lines are captured as production writes them (``PARAAT_LOG_FORMAT=json``).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from pytest_aiohttp import AiohttpClient

from bot.app import Services, create_app
from campaigns.rules.model import Audience, Content, Schedule, State
from campaigns.service import Actor, CampaignService, Plan, campaign_service
from config.settings import Settings
from content.loader import Library
from ops.logcontext import conversation_digest
from store.clock import utc_now
from store.database import Database
from testkit import activities as a
from testkit.teams_emulator import EmulatorClientFactory, TeamsEmulator
from tests.support.logs import captured_logs
from tests.support.waiting import until
from wiring.build import build_people

TOKEN = "eyJ0eXAiOiJKV1Qi.outbound-token.signature"
PERSONAL = "Mijn telefoonnummer is 0612345678"
STAFF = 4
DIGEST = re.compile(r"[0-9a-f]{12}")


def settings_for(sqlite_url: str, tmp_path: Path) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None, database_url=sqlite_url, data_dir=tmp_path, campaign_poll_seconds=0.2
    )


def chat_of(number: int) -> str:
    conversation: str = a.installation("", sender=a.user(number))["conversation"]["id"]
    return conversation


@pytest.fixture
async def teams() -> AsyncIterator[TeamsEmulator]:
    emulator = TeamsEmulator()
    await emulator.start()
    yield emulator
    await emulator.close()


async def test_turns_and_a_failing_campaign_log_one_line_per_event_with_their_context(
    aiohttp_client: AiohttpClient,
    sqlite_url: str,
    tmp_path: Path,
    bundled: Library,
    teams: TeamsEmulator,
) -> None:
    settings = settings_for(sqlite_url, tmp_path)
    factory = EmulatorClientFactory(teams, lambda: TOKEN)
    services = Services(Database(sqlite_url), client_factory=factory, library=bundled)
    database = Database(sqlite_url)
    people = build_people(settings, database, bundled, utc_now)
    campaigns = campaign_service(settings, database, bundled, utc_now, people)
    with captured_logs() as logs:
        bot = await aiohttp_client(create_app(settings, services))
        installs = [a.installation(teams.url, sender=a.user(n)) for n in range(1, STAFF + 1)]
        for activity in installs:
            assert (await bot.post("/api/messages", json=activity)).status == 202
        asked = a.message(teams.url, PERSONAL, sender=a.user(1))
        assert (await bot.post("/api/messages", json=asked)).status == 202
        teams.block(chat_of(2))
        campaign_id = await run_campaign(campaigns)
    await database.close()
    lines = logs.lines()

    assert not [line for line in lines if "traceback" in line]
    text = "\n".join(str(line) for line in lines)
    for secret in (TOKEN, PERSONAL, "0612345678", *(chat_of(n) for n in range(1, STAFF + 1))):
        assert secret not in text
    for line in lines:
        if "conversation" in line:
            assert DIGEST.fullmatch(str(line["conversation"]))

    installed = [
        line for line in lines if line["message"] == "Installed in a personal conversation."
    ]
    assert [(line["activity_id"], line["conversation"]) for line in installed] == [
        (activity["id"], conversation_digest(activity["conversation"]["id"]))
        for activity in installs
    ]
    refused = [line for line in lines if str(line["message"]).startswith("Proactive send failed")]
    assert len(refused) == 1  # one line for the one refused send, with Teams' reason
    assert refused[0]["message"] == (
        "Proactive send failed: unreachable, HTTP 403 ConversationBlockedByUser."
    )
    assert refused[0]["campaign_id"] == campaign_id
    assert refused[0]["conversation"] == conversation_digest(chat_of(2))


async def run_campaign(campaigns: CampaignService) -> int:
    """Plan a message to everyone and wait until it is done."""
    plan = Plan(
        "Oefening", Content("message", text="Vrijdag oefenen we."), Audience("all"), Schedule()
    )
    campaign = await campaigns.plan(plan, Actor("cli:admin", administrator=True))

    async def done() -> bool:
        record = await campaigns.store.get(campaign.id)
        return bool(record and record.state == State.DONE)

    await until(done, 20, step=0.1)
    stats = await campaigns.stats(campaign.id)
    assert (stats.sent, stats.unreachable) == (STAFF - 1, 1)
    return campaign.id


async def test_an_unreachable_service_url_is_one_line_per_turn_without_a_traceback(
    aiohttp_client: AiohttpClient, sqlite_url: str, tmp_path: Path, bundled: Library
) -> None:
    unreachable = "http://127.0.0.1:9/"  # the discard port: nobody answers
    services = Services(Database(sqlite_url), library=bundled)
    bot: TestClient[Any, Any] = await aiohttp_client(
        create_app(settings_for(sqlite_url, tmp_path), services)
    )
    messages = [a.message(unreachable, "help", sender=a.user(n)) for n in range(1, 31)]
    with captured_logs() as logs:
        for activity in messages:
            assert (await bot.post("/api/messages", json=activity)).status == 202
    lines = logs.lines()
    assert len(lines) == len(messages)
    assert all(
        line["message"] == "A reply to Teams failed: no answer (ClientConnectorError)."
        and line["level"] == "WARNING"
        and "traceback" not in line
        for line in lines
    )
    assert [line["activity_id"] for line in lines] == [m["id"] for m in messages]
