"""``paraat sync sharepoint``: bring the SharePoint communication site in step with the library.

``--dry-run`` prints what would happen per page, per team's outage card and per item of the
readiness list (create, update, resume, unpublish, remove) and sends and prints nothing (the
readiness week that ended last is published in the database first if no one asked for it yet,
as the Monday job would). A real run shows a progress bar over
pages and files, ends with a summary, and exits 1 when a page or file failed (the next run goes
on from where it stopped) or when nothing could be published (the message says what to fix).
Without Chromium the cards are left out with one warning, and the pages are published.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.table import Table

from cli.output import console, fail
from cli.settings import settings_or_exit

if TYPE_CHECKING:
    from config.settings import Settings
    from sync.publisher import Summary
    from sync.rules.plan import Action
    from sync.service import SyncService

T = TypeVar("T")

app = typer.Typer(name="sync", help="Publish Paraat's content to SharePoint.")


@app.command()
def sharepoint(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; send nothing.")
    ] = False,
) -> None:
    """Publish briefings (news), team pages, the checklist, the teams' outage cards (PDF) and
    the readiness figures (list Paraatheid) to the communication site."""
    from store.migrate import NotMigrated, check_schema
    from sync.errors import SyncError

    settings = settings_or_exit()
    try:
        check_schema(settings.database_url)
    except NotMigrated as error:
        fail(error, 2)
    try:
        if dry_run:
            actions, missing = asyncio.run(_with_service(settings, _plan))
            _print_plan(actions, missing)
            return
        summary = asyncio.run(_with_service(settings, _publish))
    except SyncError as error:
        fail(f"SharePoint: {error}", 1)
    _print_summary(summary)
    if summary.failed:
        raise typer.Exit(1)


async def _with_service(settings: Settings, work: Callable[[SyncService], Awaitable[T]]) -> T:
    from content.loader import LIBRARY, load_library
    from store.database import Database
    from store.sharepoint import SharePointStore
    from sync.service import SyncService
    from wiring.publishing import card_printer, readiness_source

    library = load_library(settings.content_dir or LIBRARY)
    database = Database(settings.database_url)
    try:
        printer = card_printer(library, settings.sharepoint_site_url)
        service = SyncService(
            settings, library, database, SharePointStore(database), printer=printer,
            readiness=readiness_source(database, library),
        )  # fmt: skip
        return await work(service)
    finally:
        await database.close()


async def _plan(service: SyncService) -> tuple[list[Action], str | None]:
    return await service.plan(), service.cards_missing()


async def _publish(service: SyncService) -> Summary:
    from rich.progress import Progress

    actions = await service.plan()
    with Progress(console=console(), transient=True) as bar:
        task = bar.add_task("Publishing to SharePoint", total=len(actions))
        return await service.run(lambda _outcome: bar.advance(task))


def _print_plan(actions: list[Action], missing: str | None) -> None:
    if not actions:
        console().print("The site is up to date: nothing to do.")
        return
    table = Table(
        "action", "page, file or item", "title", "language", title="Plan (nothing is sent)"
    )
    for action in actions:
        spec = action.spec
        # A readiness item is Dutch only; its key ends in a unit, not a language.
        language = (
            spec.language if spec else "nl" if action.is_item else action.key.rsplit(":", 1)[-1]
        )
        table.add_row(action.verb.value, action.name, spec.title if spec else "", language)
    console().print(table)
    counts: dict[str, int] = {}
    for action in actions:
        counts[action.verb.value] = counts.get(action.verb.value, 0) + 1
    console().print(", ".join(f"{count} {verb}" for verb, count in counts.items()))
    uploads = sum(1 for a in actions if a.is_file and a.spec is not None)
    if uploads and missing:
        console().print(f"[yellow]A run here would leave out the {uploads} card files: {missing}")


def _print_summary(summary: Summary) -> None:
    from sync.rules.plan import Verb

    for warning in summary.warnings:
        console().print(f"[yellow]Warning: {warning}")
    if not summary.outcomes:
        if not summary.skipped:
            console().print("The site is up to date: nothing to do.")
        return
    done = {Verb.CREATE: "created", Verb.UPDATE: "updated", Verb.RESUME: "resumed",
            Verb.UNPUBLISH: "unpublished", Verb.REMOVE: "removed"}  # fmt: skip
    parts = [f"{summary.count(verb)} {done[verb]}" for verb in Verb]
    console().print("Done: " + ", ".join(parts) + f", {len(summary.failed)} failed.")
    if summary.failed:
        table = Table(
            "page, file or item",
            "what went wrong",
            title="Failed (the next run goes on from here)",
        )
        for outcome in summary.failed:
            table.add_row(outcome.action.name, outcome.error or "")
        console().print(table)
