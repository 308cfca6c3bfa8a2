"""One campaign delivery worker in a process of its own: ``python -m bench.fanout_worker``.

It is Paraat's delivery as the bot runs it, without the bot around it: the outbox of the
database in ``--data-dir``, :class:`~campaigns.delivery.Deliverer` with the runner's card and
"run finished" steps, and the edge's :class:`~bot.proactive.ConnectorSender` built as
``paraat serve`` builds it in local mode (the SDK's connector client over HTTP to the service URL
of each row, here the Teams emulator). It delivers until no row is pending, then exits.

On standard output it writes one JSON object per line: ``{"event": "started", "at": T}`` just
before the first claim (``T`` on the monotonic clock every process on the machine shares), and
``{"event": "done", ...}`` with the seconds taken, the CPU seconds used and what Teams answered.
The benchmark may kill it with SIGKILL at any moment in between.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import json
import logging
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench.lifetime import wait_for_end_of_input
from bench.server import paraat_settings, write_profile
from bot.proactive import build_proactive_sender
from campaigns.delivery import Deliverer, DeliverySettings
from campaigns.rules.limits import BudgetPolicy, TenantBudget
from cli.logs import configure_logging
from content.loader import load_library
from conversation.proactive import Delivery, ProactiveSender, Recipient
from conversation.reply import Card
from store.clock import utc_now
from store.database import Database
from store.outbox import OutboxStore
from wiring.build import build_paraat, build_runner

UNLIMITED = BudgetPolicy(limit=1_000_000.0, campaign_share=1_000_000.0)
"""A budget that never holds a call back: for measuring the sender itself, never for Teams."""
BUDGETS = ("teams", "unlimited")


class CountingSender:
    """A :class:`~conversation.proactive.ProactiveSender` that counts what Teams answered."""

    def __init__(self, sender: ProactiveSender) -> None:
        """Send with ``sender``."""
        self._sender = sender
        self.results: Counter[str] = Counter()
        """Answers per :class:`~conversation.proactive.Result`."""

    async def send(self, recipient: Recipient, card: Card) -> Delivery:
        """Send as the wrapped sender does, and count the answer."""
        delivery = await self._sender.send(recipient, card)
        self.results[delivery.result.value] += 1
        return delivery

    async def delete(self, recipient: Recipient, message_id: str) -> Delivery:
        """Delete as the wrapped sender does."""
        return await self._sender.delete(recipient, message_id)


@contextlib.contextmanager
def _profiled(path: Path | None) -> Iterator[None]:
    """cProfile what runs inside into ``path`` (nothing without one), written on the way out."""
    if path is None:
        yield
        return
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        yield
    finally:
        profiler.disable()
        write_profile(profiler, path)


def _say(event: str, **fields: Any) -> None:
    print(json.dumps({"event": event, **fields}), flush=True)


async def deliver(data_dir: Path, budget: str, lease: float, profile: Path | None = None) -> None:
    """Deliver every pending row of the database in ``data_dir``, reporting on standard output.

    Args:
        data_dir: The database's folder (as :mod:`bench.fanout_data` made it).
        budget: ``teams``: Paraat's default tenant budget (campaigns 40 calls/s);
            ``unlimited``: none at all.
        lease: Seconds a claimed row stays this worker's (a crash shows for that long).
        profile: Profile the delivery (not the start-up) with cProfile and write the
            statistics here.
    """
    settings = paraat_settings(data_dir)
    database = Database(settings.database_url)
    library = load_library()
    paraat = build_paraat(settings, database, library, utc_now)
    sender = build_proactive_sender(settings)
    counting = CountingSender(sender)
    runner = build_runner(paraat, settings, database, library, utc_now, counting)
    deliverer = Deliverer(
        OutboxStore(database, utc_now),
        counting,
        runner.card_for,
        budget=TenantBudget(UNLIMITED) if budget == "unlimited" else paraat.budget,
        settings=DeliverySettings(lease=timedelta(seconds=lease), renew_every=lease / 3),
        on_finished=runner.finished,
    )
    try:
        _say("started", at=time.monotonic())
        with _profiled(profile):
            began, cpu = time.perf_counter(), time.process_time()
            await deliverer.drain()
            seconds, cpu_seconds = time.perf_counter() - began, time.process_time() - cpu
    finally:
        await sender.close()
        await database.close()
    # Only now: the benchmark may end this process as soon as it reads the line.
    _say("done", seconds=seconds, cpu_seconds=cpu_seconds, results=dict(counting.results))


async def _main(
    data_dir: Path, budget: str, lease: float, lifetime: float, profile: Path | None
) -> None:
    work = asyncio.create_task(deliver(data_dir, budget, lease, profile))
    # The benchmark going away (its end of standard input closes) stops the worker too.
    orphaned = asyncio.create_task(wait_for_end_of_input(lifetime, "bench fan-out worker"))
    done, _ = await asyncio.wait({work, orphaned}, return_when=asyncio.FIRST_COMPLETED)
    for task in (work, orphaned):
        task.cancel()
    await asyncio.gather(work, orphaned, return_exceptions=True)
    if work in done:
        work.result()


def main(argv: Sequence[str] | None = None) -> int:
    """Deliver the database's pending rows once."""
    parser = argparse.ArgumentParser(prog="python -m bench.fanout_worker", description=__doc__)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--budget", choices=BUDGETS, default="teams")
    parser.add_argument("--lease", type=float, default=60.0, help="seconds")
    parser.add_argument("--lifetime", type=float, default=300.0, help="seconds at most")
    parser.add_argument("--profile", type=Path, help="profile the delivery, statistics here")
    args = parser.parse_args(argv)
    configure_logging("INFO", "text")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    asyncio.run(_main(args.data_dir, args.budget, args.lease, args.lifetime, args.profile))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
