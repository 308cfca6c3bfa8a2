"""``paraat org``: import the organisation (departments, teams, members, managers) and show it.

The file's columns are in ``docs/organisation.md``. An import replaces the stored organisation as
a whole; ``--dry-run`` shows what would change and changes nothing. The running bot picks up a
new import within ``PARAAT_ORGANISATION_REFRESH_SECONDS``.
"""

from __future__ import annotations

import asyncio
import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from cli.output import console, fail
from cli.settings import settings_or_exit

if TYPE_CHECKING:
    from config.settings import Settings
    from organisation.importer import ImportPlan, Wanted
    from organisation.rules.changes import Changes
    from organisation.rules.graph_match import GraphPlacement
    from store.organisation import ImportRecord, OrganisationSnapshot

app = typer.Typer(name="org", help="The organisation: departments, teams, members and managers.")

PEOPLE_SHOWN = 50
"""Person by person changes are listed up to this many (all with --all)."""


@app.command("import")
def import_organisation(
    file: Annotated[
        Path | None,
        typer.Argument(help="The organisation CSV (docs/organisation.md).", metavar="FILE"),
    ] = None,
    graph: Annotated[
        bool, typer.Option("--graph", help="Also place people by their department in Entra.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; change nothing.")
    ] = False,
    show_all: Annotated[
        bool, typer.Option("--all", help="List every person who changes, however many.")
    ] = False,
) -> None:
    """Import the organisation from FILE, Microsoft Graph (--graph), or both."""
    if file is None and not graph:
        fail("Give an organisation FILE, --graph, or both.", 2)
    settings = _settings()
    wanted, placement = _wanted(settings, file, graph)
    plan, record = asyncio.run(_import(settings, wanted, dry_run))
    _print_changes(plan.changes, placement, show_all)
    changes = plan.changes
    summary = (
        f"{changes.count('added')} added, {changes.count('moved')} moved, "
        f"{changes.count('removed')} removed"
    )
    if record is None:
        print(f"Dry run, nothing was changed. The import would give: {summary}.")
    else:
        print(f"Imported the organisation from {record.source} (import {record.id}): {summary}.")


@app.command()
def show() -> None:
    """The stored organisation: each department and team, its members and managers (counted)."""
    settings = _settings()
    snapshot = asyncio.run(_snapshot(settings))
    if snapshot.last_import is None:
        print("No organisation was imported yet: paraat org import FILE.")
        return
    members: dict[str, int] = {}
    for member in snapshot.members:
        members[member.team_id] = members.get(member.team_id, 0) + 1
    managers: dict[str, int] = {}
    for manager in snapshot.managers:
        managers[manager.unit_id] = managers.get(manager.unit_id, 0) + 1
    chart = snapshot.chart
    table = Table("department / team", "id", "kind", "members", "managers")
    for unit in sorted(chart.units.values(), key=lambda u: chart.path(u.id)):
        indent = "  " * (len(chart.path(unit.id)) - 1)
        table.add_row(
            indent + unit.name, unit.id, unit.kind,
            str(members.get(unit.id, 0)) if unit.kind == "team" else "",
            str(managers.get(unit.id, 0)),
        )  # fmt: skip
    console().print(table)
    last = snapshot.last_import
    when = last.imported_at.isoformat(timespec="seconds") if last.imported_at else "?"
    print(f"Import {last.id} from {last.source}, by {last.actor}, at {when}.")


def _settings() -> Settings:
    from store.migrate import NotMigrated, check_schema

    settings = settings_or_exit()
    try:
        check_schema(settings.database_url)
    except NotMigrated as error:
        fail(error, 2)
    return settings


def _wanted(
    settings: Settings, file: Path | None, graph: bool
) -> tuple[Wanted, GraphPlacement | None]:
    """What the file and Graph say; a problem ends the command with its reason."""
    from content.loader import LIBRARY, load_library
    from content.problems import ContentError
    from organisation.chart_file import OrganisationFileError, read_organisation_file
    from organisation.importer import Wanted, chart_of_library, from_file

    try:
        library = load_library(settings.content_dir or LIBRARY)
    except ContentError as error:
        fail(error, 2)
    organisation = library["nl"].organisation
    if organisation is None:
        fail("The content library has no organisation.yaml: there are no teams to import.", 2)
    wanted = Wanted(chart_of_library(organisation), {}, frozenset(), "")
    if file is not None:
        try:
            parsed = read_organisation_file(file, {team.id for team in organisation.teams()})
        except OrganisationFileError as error:
            fail(error, 1)
        wanted = from_file(parsed, file.name)
    if not graph:
        return wanted, None
    placement = _read_graph(settings, wanted)
    from organisation.importer import with_graph

    return with_graph(wanted, placement), placement


def _read_graph(settings: Settings, wanted: Wanted) -> GraphPlacement:
    from directory import from_settings
    from directory.errors import DirectoryError
    from organisation import graph_source

    try:
        directory = from_settings.graph_directory(settings)
    except from_settings.GraphNotConfigured as error:
        fail(error, 2)
    try:
        return asyncio.run(graph_source.read_graph(directory, wanted.chart))
    except DirectoryError as error:
        fail(f"Paraat cannot read Microsoft Graph: {error}", 1)
    finally:
        directory.close()


async def _import(
    settings: Settings, wanted: Wanted, dry_run: bool
) -> tuple[ImportPlan, ImportRecord | None]:
    from conversation.identity import user_key
    from organisation.importer import OrganisationImport
    from store.clock import utc_now
    from store.database import Database
    from store.organisation import OrganisationStore
    from wiring.build import user_key_secret

    secret = user_key_secret(settings)
    database = Database(settings.database_url)
    try:
        importer = OrganisationImport(
            OrganisationStore(database, utc_now), lambda object_id: user_key(secret, object_id)
        )
        plan = await importer.plan(wanted)
        if dry_run:
            return plan, None
        return plan, await importer.apply(plan, f"cli:{getpass.getuser()}")
    finally:
        await database.close()


async def _snapshot(settings: Settings) -> OrganisationSnapshot:
    from store.database import Database
    from store.organisation import OrganisationStore

    database = Database(settings.database_url)
    try:
        return await OrganisationStore(database).snapshot()
    finally:
        await database.close()


def _print_changes(changes: Changes, placement: GraphPlacement | None, show_all: bool) -> None:
    """The changes as tables: departments and teams, people per team, people, managers."""
    out = console()
    if changes.empty:
        print("Nothing changes: the stored organisation is already this one.")
    units = Table("change", "id", "kind", "name", "part of", title="Departments and teams")
    for unit in changes.units_added:
        units.add_row("added", unit.id, unit.kind, unit.name, unit.parent or "")
    for old, new in changes.units_changed:
        units.add_row("changed", new.id, new.kind, _changed(old.name, new.name),
                      _changed(old.parent or "", new.parent or ""))  # fmt: skip
    for unit in changes.units_removed:
        units.add_row("removed", unit.id, unit.kind, unit.name, unit.parent or "")
    if units.row_count:
        out.print(units)
    teams = Table("team", "added", "moved in", "moved out", "removed", "members after",
                  title="People per team")  # fmt: skip
    for count in changes.teams:
        if count.added or count.moved_in or count.moved_out or count.removed:
            figures = (count.added, count.moved_in, count.moved_out, count.removed, count.after)
            teams.add_row(count.team, *(str(n) for n in figures))
    if teams.row_count:
        out.print(teams)
    people = [c for c in changes.people if c.kind != "removed"]
    if people and (show_all or len(people) <= PEOPLE_SHOWN):
        table = Table("change", "person", "from", "to", title="People")
        for change in people:
            table.add_row(change.kind, change.person, change.before or "", change.after or "")
        out.print(table)
    elif people:
        print(f"{len(people)} people are added or moved; --all lists each of them.")
    managers = Table("change", "manager (object id)", "department or team", title="Managers")
    for manager in changes.managers_added:
        managers.add_row("added", manager.object_id, manager.unit_id)
    for manager in changes.managers_removed:
        managers.add_row("removed", manager.object_id, manager.unit_id)
    if managers.row_count:
        out.print(managers)
    if placement is not None:
        _print_unplaced(placement)


def _print_unplaced(placement: GraphPlacement) -> None:
    if placement.unplaced:
        table = Table("department in Entra", "people", title="Not placed in a team from Graph")
        for name, count in sorted(placement.unplaced.items()):
            table.add_row(name, str(count))
        console().print(table)
    if placement.ambiguous:
        names = ", ".join(sorted(placement.ambiguous))
        print(f"These department names match more than one team, so no one was placed: {names}.")
    if placement.without_department:
        print(f"{placement.without_department} people in Entra have no department.")


def _changed(before: str, after: str) -> str:
    return after if before == after else f"{before} → {after}"
