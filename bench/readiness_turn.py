"""The ``readiness`` turn: a manager of a department sends ``gereedheid`` and gets their card.

It runs against a Paraat bot of its own (:data:`READINESS_BOT`, on SQLite), whose database is
seeded before it starts with the readiness benchmark's organisation (:mod:`bench.readiness`:
2,000 staff in 150 teams, a year of answers) and the weeks the card's trend shows, published as
the weekly job would have. The simulated people are that department's managers (by the object
ids of :func:`testkit.activities.user`, numbers from :data:`FIRST_MANAGER` on, so no other
scenario's people become managers). The other Paraat bots are left as they are.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence
from datetime import timedelta
from pathlib import Path

import aiohttp
from sqlalchemy import insert

from bench.load import REQUEST_TIMEOUT, Json
from bench.readiness import TREND, MovedClock, seed
from bench.readiness_data import Size
from bench.report import Comparison, Measured
from bench.scenarios import ECHO_MESSAGE, Scenario, SetUpFailed
from bench.server import paraat_settings
from bench.stats import paired_ratio
from content.loader import Library
from readiness.rules.publication import week_end
from readiness.week import ReadinessFigures
from store import tables
from store.database import Database
from store.migrate import upgrade
from store.readiness import ReadinessStore
from testkit import activities as a
from testkit.connector import FakeConnector
from wiring.readiness import card_of

READINESS_BOT = "paraat-readiness"
"""Paraat on SQLite with the seeded organisation (only the readiness turn goes here)."""
READINESS = Scenario(
    "readiness",
    READINESS_BOT,
    "message `gereedheid` from a department's manager in an organisation of 2,000 staff with "
    "1,000,000 answers (SQLite); Paraat reads the published week and posts the manager's card",
    1,
    "help",  # a message turn: checked as `help` is (the bot took it; its reply is counted)
)
READINESS_NOTE = (
    "`readiness` is compared with `echo message`. Its bot (`paraat-readiness`) is Paraat on an\n"
    "SQLite database seeded before it starts with the organisation of the\n"
    "[readiness roll-up](#readiness-roll-up) and the 8 weeks its trend shows, published as the\n"
    "weekly job does; the simulated people are managers of one department there.\n"
)
"""What the docs page says about the scenario."""
FIRST_MANAGER = 1001
"""The first simulated person's number; the next ones follow."""
MANAGERS = 50
"""Managers named: as many as the most simulated users at once."""


def readiness_messages(service_url: str, number: int) -> Iterator[Json]:
    """``gereedheid`` from manager ``number`` (1 is the first), endlessly."""
    sender = a.user(FIRST_MANAGER - 1 + number)
    while True:
        yield a.message(service_url, "gereedheid", sender=sender)


async def prepare_readiness_bot(data_dir: Path, library: Library) -> str:
    """Migrate and seed the bot's database in ``data_dir``, name the managers and publish the
    weeks of the trend, each as if just after it ended.

    Returns:
        The name of the department the managers manage.
    """
    url = paraat_settings(data_dir).database_url
    await asyncio.to_thread(upgrade, url)
    database = Database(url)
    try:
        seeded = await seed(database, library, Size(), READINESS_BOT)
        managed = seeded.org.managed
        async with database.sessions.begin() as session:
            await session.execute(
                insert(tables.OrgManager),
                [{"object_id": a.user(FIRST_MANAGER + n)["aadObjectId"], "unit_id": managed}
                 for n in range(MANAGERS)],
            )  # fmt: skip
        clock = MovedClock()
        store = ReadinessStore(database, clock=clock)
        figures = ReadinessFigures(store, library, card_of(library), clock=clock)
        for back in range(TREND - 1, -1, -1):
            week_of = seeded.last - timedelta(weeks=back)
            clock.now = week_end(week_of) + timedelta(hours=1)
            await figures.week(week_of)
        print(f"  {READINESS_BOT}: {TREND} weeks published", flush=True)
        return next(name for unit, _, name, _ in seeded.org.units if unit == managed)
    finally:
        await database.close()


async def check_readiness_card(url: str, connector: FakeConnector, department: str) -> None:
    """One ``gereedheid`` from the first manager must bring their department's card.

    Raises:
        SetUpFailed: when it brings anything else (e.g. "you manage nothing").
    """
    connector.clear()
    async with aiohttp.ClientSession(timeout=REQUEST_TIMEOUT) as session:
        activity = next(readiness_messages(connector.url, 1))
        async with session.post(url, json=activity) as response:
            status = response.status
    replies = connector.messages()
    connector.clear()
    if status not in (200, 202) or department not in str(replies):
        raise SetUpFailed(f"gereedheid brought no card of {department} (HTTP {status})")


def readiness_comparisons(measured: Sequence[Measured]) -> list[Comparison]:
    """``readiness`` against ``echo message`` at every concurrency level both were measured."""
    found = {(m.scenario.name, m.users): m for m in measured}
    comparisons = []
    for users in sorted({m.users for m in measured}):
        ours, theirs = found.get((READINESS.name, users)), found.get((ECHO_MESSAGE.name, users))
        if ours and theirs:
            comparisons.append(
                Comparison(ours, theirs, paired_ratio(ours.repetitions, theirs.repetitions))
            )
    return comparisons
