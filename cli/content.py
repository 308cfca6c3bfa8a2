"""``paraat content``: check the content library, or count it. No settings needed: an editor
runs these on a laptop."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from cli.output import console, fail

app = typer.Typer(name="content", help="Check the content library, or count what is in it.")

LibraryFolder = Annotated[
    Path | None,
    typer.Argument(
        help="Library folder (default: the bundled one).", metavar="PATH", show_default=False
    ),
]


@app.command()
def check(path: LibraryFolder = None) -> None:
    """List every problem (file, line, field); exit 1 when there are any."""
    from content.check import check_library
    from content.loader import LIBRARY

    root = path or LIBRARY
    problems = check_library(root)
    for problem in problems:
        print(problem)
    count = len(problems)
    if not count:
        print(f"No problems in {root}.")
        return
    print(f"{count} problem{'s' if count != 1 else ''} in {root}")
    raise typer.Exit(1)


@app.command()
def stats(
    path: LibraryFolder = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON instead of tables.", show_default=False)
    ] = False,
) -> None:
    """Count the library per kind, language, scenario and team."""
    from content.loader import LIBRARY, load_library
    from content.problems import ContentError
    from content.stats import library_stats

    try:
        library = load_library(path or LIBRARY)
    except ContentError as error:
        fail(error, 1)
    counts = library_stats(library)
    if as_json:
        print(json.dumps(counts, indent=2))
        return
    out = console()
    for table in _tables(counts):
        out.print(table)
    out.print(f"Personal preparedness questions: {counts['personal_questions']}")


def _tables(counts: dict[str, Any]) -> list[Table]:
    languages = Table(title="Per language", title_justify="left")
    languages.add_column("kind")
    for language in counts["languages"]:
        languages.add_column(language, justify="right")
    kinds: dict[str, int] = next(iter(counts["languages"].values()), {})
    for kind in kinds:
        languages.add_row(kind, *(str(n[kind]) for n in counts["languages"].values()))
    scenarios = Table(title="Per scenario (Dutch)", title_justify="left")
    for column in ("scenario", "questions", "briefings"):
        scenarios.add_column(column, justify="left" if column == "scenario" else "right")
    for scenario, n in counts["scenarios"].items():
        scenarios.add_row(scenario, str(n["questions"]), str(n["briefings"]))
    teams = Table(title="Per team (Dutch)", title_justify="left")
    for column in ("team", "questions", "briefings", "profile"):
        teams.add_column(
            column, justify="right" if column in ("questions", "briefings") else "left"
        )
    for team, n in counts["teams"].items():
        profile = "yes" if n["profile"] else "[bold red]NO PROFILE[/]"
        teams.add_row(team, str(n["questions"]), str(n["briefings"]), profile)
    return [languages, scenarios, teams]
