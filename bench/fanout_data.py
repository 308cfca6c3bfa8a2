"""The database side of the fan-out benchmark: a migrated SQLite database holding one campaign
being sent and its run to N recipients, and afterwards what became of each row."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from bench.server import paraat_settings
from campaigns.rules.model import Audience, Content, Schedule, State
from store.campaigns import CampaignStore, NewCampaign
from store.clock import utc_now
from store.database import Database
from store.migrate import upgrade
from store.outbox import OutboxCounts, OutboxRecipient, OutboxStore

TITLE = "Oefening zonder stroom"
TEXT = (
    "Vrijdag om 14:00 oefenen we een uur zonder stroom en internet. Leg je noodkaart klaar "
    "en spreek af waar je team elkaar treft."
)
AUTHOR = "cli:bench"
TENANT = "bench-tenant"


@dataclass(frozen=True)
class RunOutcome:
    """What the outbox says after a run: rows per status, and whether the campaign is done."""

    counts: OutboxCounts
    done: bool


def database_url(data_dir: Path) -> str:
    """The SQLite database of a fan-out measurement (as the worker opens it)."""
    return paraat_settings(data_dir).database_url


def conversation_of(number: int) -> str:
    """The stored personal conversation of recipient ``number``."""
    return f"a:bench-{number}"


def recipients(count: int, service_url: str) -> list[OutboxRecipient]:
    """``count`` people, each with a stored personal conversation (installs are kept), at
    ``service_url``."""
    return [
        OutboxRecipient(
            recipient=f"user:bench-{number}",
            service_url=service_url,
            language="nl",
            tenant_id=TENANT,
            conversation_id=conversation_of(number),
            user_object_id=f"bench-oid-{number}",
        )
        for number in range(1, count + 1)
    ]


async def prepare(data_dir: Path, count: int, service_url: str) -> int:
    """Migrate a fresh database in ``data_dir`` and start one campaign's run to ``count`` people.

    The campaign is stored as being sent (as the scheduler leaves it when it fires), with its
    recipients frozen into the outbox, so a worker only has to deliver.

    Returns:
        The campaign's id.
    """
    url = database_url(data_dir)
    await asyncio.to_thread(upgrade, url)
    database = Database(url)
    try:
        campaign = await CampaignStore(database).add(
            NewCampaign(
                TITLE, Content("message", text=TEXT), Audience("all"), Schedule(),
                State.SENDING, AUTHOR, AUTHOR, next_run_at=None,
            )
        )  # fmt: skip
        await OutboxStore(database).create_run(
            campaign.id, utc_now(), recipients(count, service_url)
        )
    finally:
        await database.close()
    return campaign.id


async def outcome(data_dir: Path, campaign_id: int) -> RunOutcome:
    """The rows of the campaign per status, and whether its run finished (campaign done)."""
    database = Database(database_url(data_dir))
    try:
        counts = await OutboxStore(database).counts(campaign_id)
        campaign = await CampaignStore(database).get(campaign_id)
    finally:
        await database.close()
    return RunOutcome(counts, campaign is not None and campaign.state == State.DONE)
