"""``paraat campaign``: plan, list, show, cancel and retract campaigns from the command line.

The options are a stable interface for scripts. The command line is the administrator's: a
campaign added here is approved by its author and is sent by the running bot (within seconds of
its time).
"""

from __future__ import annotations

import asyncio
import getpass
import json
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.table import Table

from cli.output import console, fail
from cli.settings import settings_or_exit

if TYPE_CHECKING:
    from campaigns.service import Actor, CampaignService
    from config.settings import Settings
    from store.campaigns import CampaignRecord

app = typer.Typer(name="campaign", help="Plan campaigns to staff, and follow how they do.")

T = TypeVar("T")


@dataclass(frozen=True)
class _Tools:
    """What a campaign command works with (imported late: ``paraat --help`` stays quick)."""

    service: CampaignService
    actor: Actor
    settings: Settings


@asynccontextmanager
async def _tools(settings: Settings) -> AsyncIterator[_Tools]:
    from campaigns.service import Actor, campaign_service
    from content.loader import LIBRARY, load_library
    from store.clock import utc_now
    from store.database import Database
    from wiring.build import build_people

    library = load_library(settings.content_dir or LIBRARY)
    database = Database(settings.database_url)
    try:
        people = build_people(settings, database, library, utc_now)
        service = campaign_service(settings, database, library, utc_now, people)
        yield _Tools(service, Actor(f"cli:{getpass.getuser()}", administrator=True), settings)
    finally:
        await database.close()


def _run(work: Callable[[_Tools], Awaitable[T]]) -> T:
    """Run ``work`` with the service; a campaign error is said plainly with exit code 1."""
    from campaigns.rules.model import CampaignError
    from store.migrate import NotMigrated, check_schema

    settings = settings_or_exit()
    try:
        check_schema(settings.database_url)
    except NotMigrated as error:
        fail(error, 2)

    async def go() -> T:
        async with _tools(settings) as tools:
            return await work(tools)

    try:
        return asyncio.run(go())
    except CampaignError as error:
        fail(f"Paraat cannot do that: {error}", 1)


@app.command()
def add(
    title: Annotated[str, typer.Option(help="The campaign's title (also the card's heading).")],
    audience: Annotated[
        str, typer.Option(help="all, department:ID, team:ID or channel:ID.", metavar="WHO")
    ],
    briefing: Annotated[
        str | None, typer.Option(help="Send this briefing from the library.", metavar="ID")
    ] = None,
    quiz: Annotated[bool, typer.Option("--quiz", help="Invite to a quiz round.")] = False,
    message: Annotated[
        str | None, typer.Option(help="Send this message (Markdown).", metavar="TEXT")
    ] = None,
    at: Annotated[
        str, typer.Option(help='now, or "YYYY-MM-DD HH:MM" in Europe/Amsterdam.', metavar="WHEN")
    ] = "now",
    repeat: Annotated[
        str | None,
        typer.Option(help='weekly, monthly or a cron expression ("0 9 * * 1").', metavar="HOW"),
    ] = None,
) -> None:
    """Plan a campaign: one of --briefing, --quiz or --message, to an audience, at a time."""
    from campaigns.rules.model import Audience, Content, Schedule
    from campaigns.rules.schedule import parse_at
    from campaigns.service import Plan
    from store.clock import utc_now

    chosen = [name for name, given in (("--briefing", briefing), ("--quiz", quiz),
                                       ("--message", message)) if given]  # fmt: skip
    if len(chosen) != 1:
        fail("Give exactly one of --briefing ID, --quiz or --message TEXT.", 2)
    if briefing:
        content = Content("briefing", briefing_id=briefing)
    elif message is not None:
        content = Content("message", text=message)
    else:
        content = Content("quiz")

    async def work(tools: _Tools) -> CampaignRecord:
        schedule = Schedule(parse_at(at, utc_now()), repeat)
        plan = Plan(title, content, Audience.parse(audience), schedule)
        return await tools.service.plan(plan, tools.actor)

    campaign = _run(work)
    when = (
        "as soon as the bot runs" if campaign.schedule.at is None else _local(campaign.next_run_at)
    )
    print(f"Campaign {campaign.id} is {campaign.state}: {campaign.title!r} ", end="")
    print(f"to {campaign.audience}, {when}.")


@app.command("list")
def list_campaigns(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Upcoming and recent campaigns, newest first."""

    async def work(tools: _Tools) -> Any:
        return await tools.service.store.recent()

    campaigns = _run(work)
    if as_json:
        print(json.dumps([_summary(c) for c in campaigns], indent=2, ensure_ascii=False))
        return
    table = Table("id", "title", "audience", "state", "next", "repeat")
    for c in campaigns:
        table.add_row(str(c.id), c.title, str(c.audience), str(c.state),
                      _local(c.next_run_at), c.schedule.repeat or "")  # fmt: skip
    console().print(table)


@app.command()
def show(
    campaign_id: Annotated[int, typer.Argument(metavar="ID", help="The campaign's number.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="Print the figures and their breakdown as CSV.")
    ] = False,
) -> None:
    """A campaign's state, figures (also per department and team) and history."""
    from cli.campaign_report import (
        breakdown_json,
        breakdown_table,
        figures_json,
        figures_table,
        write_csv,
    )

    if as_json and as_csv:
        fail("Give --json or --csv, not both.", 2)

    async def work(tools: _Tools) -> Any:
        report = await tools.service.report(campaign_id)
        campaign = await tools.service.store.get(campaign_id)
        return campaign, report, await tools.service.store.events(campaign_id)

    campaign, report, events = _run(work)
    if as_csv:
        write_csv(campaign, report, sys.stdout)
        return
    if as_json:
        history = [
            {"action": e.action, "by": e.actor, "at": e.at.isoformat(), "detail": e.detail}
            for e in events
        ]
        shown = _summary(campaign) | {
            "stats": figures_json(report.stats),
            "breakdown": breakdown_json(report),
            "history": history,
        }
        print(json.dumps(shown, indent=2, ensure_ascii=False))
        return
    table = Table(show_header=False)
    when = {
        "at": _local(campaign.schedule.at) or "now",
        "next_run_at": _local(campaign.next_run_at),
    }
    for key, value in (_summary(campaign) | when).items():
        table.add_row(key, "" if value is None else str(value))
    console().print(table)
    console().print(figures_table(report.stats))
    console().print(breakdown_table(report))
    history_table = Table("when", "what", "who", "detail", title="History")
    for e in events:
        history_table.add_row(_local(e.at), e.action, e.actor, e.detail or "")
    console().print(history_table)


@app.command()
def cancel(
    campaign_id: Annotated[int, typer.Argument(metavar="ID", help="The campaign's number.")],
) -> None:
    """Stop a campaign: nothing more is sent from now on."""

    async def work(tools: _Tools) -> Any:
        return await tools.service.cancel(campaign_id, tools.actor)

    campaign = _run(work)
    print(f"Campaign {campaign.id} is {campaign.state}.")


@app.command()
def retract(
    campaign_id: Annotated[int, typer.Argument(metavar="ID", help="The campaign's number.")],
) -> None:
    """Delete every copy a campaign sent (and stop it, when it still runs)."""
    from rich.progress import Progress

    from bot.proactive import build_proactive_sender

    async def work(tools: _Tools) -> Any:
        sender = build_proactive_sender(tools.settings)
        try:
            with Progress(console=console(), transient=True) as bar:
                task = bar.add_task("Deleting the sent copies", total=None)

                def advance(done: int, total: int) -> None:
                    bar.update(task, completed=done, total=total)

                return await tools.service.retract(campaign_id, tools.actor, sender, advance)
        finally:
            await sender.close()

    retraction = _run(work)
    print(f"Campaign {campaign_id}: {retraction.deleted} copies deleted, ", end="")
    print(f"{retraction.kept} could not be deleted.")


def _local(moment: datetime | None) -> str:
    from campaigns.rules.schedule import ZONE

    return moment.astimezone(ZONE).strftime("%Y-%m-%d %H:%M") if moment else ""


def _summary(campaign: CampaignRecord) -> dict[str, Any]:
    return {
        "id": campaign.id,
        "title": campaign.title,
        "content": campaign.content.kind,
        "briefing": campaign.content.briefing_id,
        "audience": str(campaign.audience),
        "state": str(campaign.state),
        "at": campaign.schedule.at.isoformat() if campaign.schedule.at else "now",
        "repeat": campaign.schedule.repeat,
        "next_run_at": campaign.next_run_at.isoformat() if campaign.next_run_at else None,
        "author": campaign.author,
        "approved_by": campaign.approved_by,
    }
