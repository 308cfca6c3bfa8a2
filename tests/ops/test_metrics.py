"""``GET /metrics``: what real turns and a real campaign leave in it, read with Prometheus' own
parser; who may read it; the outbox's depth and age at scrape time."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample
from pydantic import SecretStr
from pytest_aiohttp import AiohttpClient

from bot.app import OPEN_METRICS, Services, create_app
from bot.metrics_endpoint import Access, metrics_app, metrics_handler
from campaigns.rules.model import Audience, Content, Outcome, Schedule, State
from campaigns.service import Actor, CampaignService, Plan, campaign_service
from cli.playground import free_port
from config.settings import Settings
from content.loader import Library
from ops.metrics import Metrics
from store.campaigns import NewCampaign
from store.clock import utc_now
from store.database import Database
from store.outbox import Attempt, OutboxRecipient, OutboxStore
from testkit import activities as a
from testkit.teams_emulator import EmulatorClientFactory, TeamsEmulator
from tests.support.campaigns import Clock
from tests.support.running_bot import start_bot
from tests.support.waiting import until
from wiring.build import build_people

ADMIN = Actor("cli:admin", administrator=True)
STAFF = 6
TOKEN = "metrics-token-for-the-test"


Scraped = dict[tuple[str, frozenset[tuple[str, str]]], float]


def samples(text: str) -> Scraped:
    """Every sample of a scrape, by name and labels, parsed by prometheus_client."""
    found: Scraped = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[key(sample)] = sample.value
    return found


def key(sample: Sample) -> tuple[str, frozenset[tuple[str, str]]]:
    return sample.name, frozenset(sample.labels.items())


def value(scraped: Scraped, name: str, **labels: str) -> float:
    return scraped.get((name, frozenset(labels.items())), 0.0)


async def scrape(client: TestClient[Any, Any], **headers: str) -> str:
    response = await client.get("/metrics", headers=headers)
    assert response.status == 200, await response.text()
    return await response.text()


@dataclass
class Running:
    bot: TestClient[Any, Any]
    teams: TeamsEmulator
    campaigns: CampaignService


@pytest.fixture
async def running(
    aiohttp_client: AiohttpClient, sqlite_url: str, tmp_path: Path, bundled: Library
) -> AsyncIterator[Running]:
    teams = TeamsEmulator()
    await teams.start()
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, database_url=sqlite_url, data_dir=tmp_path, campaign_poll_seconds=0.2
    )
    services = Services(
        Database(sqlite_url), client_factory=EmulatorClientFactory(teams), library=bundled
    )
    bot = await aiohttp_client(create_app(settings, services))
    database = Database(sqlite_url)
    people = build_people(settings, database, bundled, utc_now)
    yield Running(bot, teams, campaign_service(settings, database, bundled, utc_now, people))
    await database.close()
    await teams.close()


async def test_turns_replies_and_a_campaign_are_counted(running: Running) -> None:
    for number in range(1, STAFF + 1):
        activity = a.installation(running.teams.url, sender=a.user(number))
        assert (await running.bot.post("/api/messages", json=activity)).status == 202
    unsupported = a.invoke(running.teams.url, "x", {}) | {"name": "task/fetch"}
    assert (await running.bot.post("/api/messages", json=unsupported)).status == 501
    assert (await running.bot.post("/api/messages", json={"type": "message"})).status == 400
    running.teams.fail_next(a.installation("", sender=a.user(1))["conversation"]["id"], 429)

    plan = Plan(
        "Oefening", Content("message", text="Vrijdag oefenen we."), Audience("all"), Schedule()
    )
    campaign = await running.campaigns.plan(plan, ADMIN)

    async def done() -> bool:
        stats = await running.campaigns.stats(campaign.id)
        record = await running.campaigns.store.get(campaign.id)
        return bool(stats.sent == STAFF and record and record.state == State.DONE)

    await until(done, 20, step=0.1)
    late = await running.campaigns.store.add(
        NewCampaign(
            title="Te laat", content=plan.content, audience=plan.audience, schedule=Schedule(),
            state=State.SCHEDULED, author="cli:admin", approved_by="cli:admin",
            next_run_at=utc_now() - timedelta(hours=2),
        )
    )  # fmt: skip

    async def missed() -> bool:
        record = await running.campaigns.store.get(late.id)
        return bool(record and record.state == State.MISSED)

    await until(missed, 20, step=0.1)
    scraped = samples(await scrape(running.bot))

    assert value(scraped, "paraat_turns_total", kind="installation", outcome="ok") == STAFF
    assert value(scraped, "paraat_turn_seconds_count", kind="installation") == STAFF
    assert value(scraped, "paraat_turns_total", kind="invoke", outcome="not_implemented") == 1
    assert value(scraped, "paraat_requests_refused_total", reason="incomplete") == 1
    assert value(scraped, "paraat_teams_calls_total", lane="reply", status="ok") == STAFF
    assert value(scraped, "paraat_teams_calls_total", lane="proactive", status="ok") == STAFF
    assert value(scraped, "paraat_teams_calls_total", lane="proactive", status="429") == 1
    assert value(scraped, "paraat_teams_throttled_total", lane="proactive") == 1
    assert value(scraped, "paraat_scheduler_jobs_total", outcome="started") == 1
    assert value(scraped, "paraat_scheduler_misfires_total") == 1
    assert value(scraped, "paraat_scheduler_leader") == 1
    assert ("paraat_outbox_pending", frozenset()) in scraped
    assert value(scraped, "paraat_outbox_pending") == 0
    families = {family.name for family in text_string_to_metric_families(await scrape(running.bot))}
    assert "paraat_sharepoint_sync" in families  # declared, with no sample until a sync runs
    assert not [k for k in scraped if k[0].startswith("paraat_sharepoint_sync")]


async def test_the_outbox_depth_and_oldest_age_are_read_at_each_scrape(
    aiohttp_client: AiohttpClient, database: Database
) -> None:
    clock = Clock()
    outbox = OutboxStore(database, clock)
    metrics = Metrics()
    client = await aiohttp_client(
        metrics_app(metrics_handler(metrics, outbox, clock, Access(open=True)))
    )
    assert value(samples(await scrape(client)), "paraat_outbox_pending") == 0

    recipients = [
        OutboxRecipient(recipient=f"user:{n}", service_url="https://smba.example/", language="nl",
                        tenant_id="t", conversation_id=f"a:{n}")
        for n in range(3)
    ]  # fmt: skip
    await outbox.create_run(1, clock(), recipients)
    clock.move(minutes=5)
    scraped = samples(await scrape(client))
    assert value(scraped, "paraat_outbox_pending") == 3
    assert value(scraped, "paraat_outbox_oldest_pending_seconds") == 300

    claimed = await outbox.claim("w", 3, timedelta(minutes=1))
    await outbox.mark_in_flight("w", [item.id for item in claimed])
    await outbox.record("w", [Attempt(item.id, Outcome.SENT, "m") for item in claimed])
    scraped = samples(await scrape(client))
    assert value(scraped, "paraat_outbox_pending") == 0
    assert value(scraped, "paraat_outbox_oldest_pending_seconds") == 0


def production(sqlite_url: str, data_dir: Path, **extra: Any) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None, database_url=sqlite_url, data_dir=data_dir,
        app_id="5e1f0c7a-8f2d-4b4e-9a51-3c2d7b9e0f11", app_password=SecretStr("secret"),
        tenant_id="0f4b2e6c-1d3a-4c5b-8e7f-9a0b1c2d3e4f", user_key_secret=SecretStr("key"),
        **extra,
    )  # fmt: skip


async def test_in_production_metrics_are_closed_without_a_setting(
    aiohttp_client: AiohttpClient, sqlite_url: str, tmp_path: Path, bundled: Library
) -> None:
    app = create_app(
        production(sqlite_url, tmp_path), Services(Database(sqlite_url), library=bundled)
    )
    client = await aiohttp_client(app)
    assert (await client.get("/metrics")).status == 404
    assert (
        await client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    ).status == 404
    # What PARAAT_METRICS_PORT serves, on a port of its own:
    own_port = await aiohttp_client(metrics_app(app[OPEN_METRICS]))
    assert "paraat_turns" in await scrape(own_port)


async def test_in_production_the_token_opens_metrics(
    aiohttp_client: AiohttpClient, sqlite_url: str, tmp_path: Path, bundled: Library
) -> None:
    settings = production(sqlite_url, tmp_path, metrics_token=SecretStr(TOKEN))
    client = await aiohttp_client(
        create_app(settings, Services(Database(sqlite_url), library=bundled))
    )
    assert (await client.get("/metrics")).status == 401
    assert (await client.get("/metrics", headers={"Authorization": "Bearer wrong"})).status == 401
    assert "paraat_turns" in await scrape(client, Authorization=f"Bearer {TOKEN}")


async def test_local_mode_serves_metrics_to_anyone_on_loopback(
    aiohttp_client: AiohttpClient, sqlite_url: str, tmp_path: Path, bundled: Library
) -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, database_url=sqlite_url, data_dir=tmp_path
    )
    services = Services(Database(sqlite_url), library=bundled)
    client = await aiohttp_client(create_app(settings, services))
    assert "paraat_turns" in await scrape(client)


async def test_the_metrics_port_serves_metrics_from_paraat_serve(tmp_path: Path) -> None:
    port = free_port()
    bot = await asyncio.to_thread(start_bot, tmp_path, PARAAT_METRICS_PORT=str(port))
    try:
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"http://127.0.0.1:{port}/metrics") as response,
        ):
            assert response.status == 200
            assert "paraat_outbox_pending" in await response.text()
    finally:
        await asyncio.to_thread(bot.stop)
