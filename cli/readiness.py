"""``paraat readiness``: the readiness figures of the organisation, for the programme lead.

The command line is the administrator's (decision #24): it may see every department and team.
The figures are the rules' own (``readiness.rules.publication.weekly_publication``), made over
the whole organisation for the week, with the same suppression a manager's card gets: groups
only, a group too small to show says so, never a person.

``publish`` and ``retention`` do now what the bot's jobs do on their own every Monday and every
night (:mod:`readiness.jobs`).

The CSV is one table, a row per department, team and ``other`` (the rest of a department), with
the figures of a shown group; a group too small to show has its ``status`` and empty figures.
Text a spreadsheet would run as a formula is made inert, as in :mod:`cli.campaign_report`.
"""

from __future__ import annotations

import asyncio
import csv
import json
import sys
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer
from rich.table import Table

from cli.output import console, fail
from cli.settings import settings_or_exit

if TYPE_CHECKING:
    from config.settings import Settings
    from content.language import Language
    from readiness.report import ReportRow
    from readiness.week import ReadinessFigures, Week
    from store.database import Database
    from store.readiness import ReadinessStore
    from store.retention import RetentionRun

app = typer.Typer(name="readiness", help="Readiness figures per department and team (groups only).")

COLUMNS = (
    "kind", "id", "name", "parent", "depth", "status", "score", "band", "process", "knowledge",
    "reach", "members", "respondents",
)  # fmt: skip
"""The CSV's columns, a stable interface for spreadsheets and scripts."""

TOO_SMALL = "too small to show"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Format(StrEnum):
    """How the report is printed."""

    table = "table"
    csv = "csv"
    json = "json"


class Lang(StrEnum):
    """The language of the bands' words."""

    nl = "nl"
    en = "en"


@app.command()
def report(
    department: Annotated[
        str | None,
        typer.Option(help="Only this department (or team) and what it holds.", metavar="ID"),
    ] = None,
    output: Annotated[
        Format, typer.Option("--format", help="table, csv or json.", case_sensitive=False)
    ] = Format.table,
    week: Annotated[
        str | None,
        typer.Option(
            help="A day in the week to show (YYYY-MM-DD); default: the last week that ended "
            "(the week under way changes with every answer).",
            metavar="DAY",
        ),
    ] = None,
    lang: Annotated[
        Lang | None, typer.Option(help="Language of the bands (default: the organisation's).")
    ] = None,
) -> None:
    """Department and team scores, their three parts and bands; small groups are not shown."""
    from readiness.access import ADMINISTRATOR
    from readiness.report import UnknownUnit, report_rows
    from readiness.week import TREND_WEEKS, WeekNotKept

    try:
        day = date.fromisoformat(week) if week else None
    except ValueError:
        fail(f"--week expects a day as YYYY-MM-DD, not {week!r}.", 2)
    settings = _settings()
    language: Language = lang.value if lang else settings.default_language
    try:
        made = asyncio.run(_week(settings, day))
    except WeekNotKept as error:
        fail(
            f"The week of {error} was not published when it ended, and is older than the newest "
            f"published week or than {TREND_WEEKS} weeks: it cannot be shown now.",
            1,
        )
    try:
        rows = report_rows(made, ADMINISTRATOR, department)
    except UnknownUnit:
        fail(f"There is no department or team {department!r} in the organisation.", 1)
    if output is Format.csv:
        write_csv(rows, language, sys.stdout)
    elif output is Format.json:
        print(json.dumps(report_json(made, rows, language), indent=2, ensure_ascii=False))
    else:
        console().print(report_table(made, rows, language))


def _settings() -> Settings:
    from store.migrate import NotMigrated, check_schema

    settings = settings_or_exit()
    try:
        check_schema(settings.database_url)
    except NotMigrated as error:
        fail(error, 2)
    return settings


async def _week(settings: Settings, day: date | None) -> Week:
    from readiness.rules.publication import ZONE
    from store.clock import utc_now
    from store.database import Database

    database = Database(settings.database_url)
    try:
        figures, _ = _figures(settings, database)
        # The week under way changes with every answer: two looks at it in one week could be
        # subtracted, so by default the report shows the last week that ended.
        last_week = utc_now().astimezone(ZONE).date() - timedelta(days=7)
        return await figures.week(day or last_week)
    finally:
        await database.close()


def _figures(settings: Settings, database: Database) -> tuple[ReadinessFigures, ReadinessStore]:
    """The figures over ``database`` with the settings' library, on the command's clock."""
    from content.loader import LIBRARY, load_library
    from content.problems import ContentError
    from readiness.week import ReadinessFigures
    from store.clock import utc_now
    from store.readiness import ReadinessStore
    from wiring.readiness import card_of

    try:
        library = load_library(settings.content_dir or LIBRARY)
    except ContentError as error:
        fail(error, 2)
    store = ReadinessStore(database, clock=utc_now)
    return ReadinessFigures(store, library, card_of(library), clock=utc_now), store


@app.command()
def publish() -> None:
    """Publish the week that ended last, now (the bot does so every Monday at 00:30)."""
    monday, published, shown = asyncio.run(_publish(_settings()))
    done = "published now" if published else "was published already"
    console().print(f"The week of {monday.isoformat()} {done}: {shown} groups shown.")


async def _publish(settings: Settings) -> tuple[date, bool, int]:
    """The week's Monday, whether this run published it, and how many groups it shows."""
    from readiness.jobs import ReadinessJobs, last_ended_week
    from store.clock import utc_now
    from store.database import Database
    from store.retention import RetentionStore

    database = Database(settings.database_url)
    try:
        figures, store = _figures(settings, database)
        now = utc_now()  # one moment, so the week published is the week shown at midnight too
        jobs = ReadinessJobs(figures, store, RetentionStore(database), lambda: now)
        published = await jobs.publish_ended_week()
        monday = last_ended_week(now)
        week = await figures.week(monday)
        return monday, published is not None, len(week.publication.groups)
    finally:
        await database.close()


@app.command()
def retention(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only count what a run would do; change nothing.")
    ] = False,
) -> None:
    """Add the answers older than 400 days to the question totals and delete them; delete quiz
    rounds older than 30 days and repetition boxes unused for 400 days (the bot does so every
    night at 03:15)."""
    run = asyncio.run(_retention(_settings(), dry_run))
    verb = "would be" if dry_run else "were"
    console().print(
        f"{run.answers} answers {verb} added to the question totals and deleted; "
        f"{run.rounds} quiz rounds and {run.reviews} repetition boxes {verb} deleted."
    )


async def _retention(settings: Settings, dry_run: bool) -> RetentionRun:
    from store.clock import utc_now
    from store.database import Database
    from store.retention import RetentionStore

    database = Database(settings.database_url)
    try:
        store = RetentionStore(database, utc_now)
        return await (store.due() if dry_run else store.apply())
    finally:
        await database.close()


def row_json(row: ReportRow, language: Language) -> dict[str, Any]:
    """One row as JSON values: its figures, or ``status`` "too small to show" and no figures."""
    from readiness.rules.bands import band_name

    figures = row.figures
    values: dict[str, Any] = {
        "kind": row.kind, "id": row.id, "name": row.name, "parent": row.parent,
        "depth": row.depth, "status": "shown" if figures else TOO_SMALL,
    }  # fmt: skip
    if figures is None:
        return values | dict.fromkeys(COLUMNS[6:])
    return values | {
        "score": figures.score, "band": band_name(figures.band, language),
        "process": figures.process, "knowledge": figures.knowledge, "reach": figures.reach,
        "members": figures.members, "respondents": figures.respondents,
    }  # fmt: skip


def report_json(week: Week, rows: tuple[ReportRow, ...], language: Language) -> dict[str, Any]:
    """The report as one JSON object: the week, then the rows."""
    from readiness.rules.disclosure import MINIMUM_GROUP

    return {
        "week": {
            "from": week.first_day.isoformat(),
            "as_of": week.publication.as_of.isoformat(),
            "final": week.final,
        },
        "minimum_group": MINIMUM_GROUP,
        "rows": [row_json(row, language) for row in rows],
    }


def write_csv(rows: tuple[ReportRow, ...], language: Language, out: TextIO) -> None:
    """Write the rows to ``out`` as CSV (see :data:`COLUMNS`)."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(_cells(row_json(row, language)))


def report_table(week: Week, rows: tuple[ReportRow, ...], language: Language) -> Table:
    """The rows indented by department; a group too small to show says so."""
    from readiness.rules.bands import band_name

    state = "published" if week.final else "so far: the week is under way"
    title = f"Readiness, week of {week.first_day.isoformat()} ({state})"
    table = Table("group", "kind", "score", "band", "process", "knowledge", "reach", title=title)
    for row in rows:
        name = row.name or ("organisation" if row.kind == "organisation" else "other")
        label = "  " * row.depth + name
        figures = row.figures
        if figures is None:
            table.add_row(label, row.kind, TOO_SMALL, "", "", "", "")
            continue
        table.add_row(
            label, row.kind, str(figures.score), band_name(figures.band, language),
            str(figures.process), str(figures.knowledge), str(figures.reach),
        )  # fmt: skip
    table.caption = (
        "Only groups of 5 or more members and 5 or more respondents are shown; never a person. "
        "Score = 50% process + 30% knowledge + 20% reach."
    )
    return table


def _cells(row: dict[str, Any]) -> dict[str, Any]:
    """Empty cells for None, and text that a spreadsheet would run as a formula made inert."""
    cells: dict[str, Any] = {}
    for name, value in row.items():
        if isinstance(value, str) and value.startswith(_FORMULA_START):
            value = "'" + value
        cells[name] = "" if value is None else value
    return cells
