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
    """List every problem (file, line, field); exit 1 when there are errors (warnings only
    are printed)."""
    from content.check import check_library
    from content.loader import LIBRARY

    root = path or LIBRARY
    problems = check_library(root)
    for problem in problems:
        print(problem)
    if not problems:
        print(f"No problems in {root}.")
        return
    errors = sum(not problem.warning for problem in problems)
    warnings = len(problems) - errors
    print(f"{_count(errors, 'error')} and {_count(warnings, 'warning')} in {root}")
    if errors:
        raise typer.Exit(1)


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' if number != 1 else ''}"


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
    codes = sorted(counts["languages"], key=lambda code: (code != "nl", code))  # Dutch first
    languages = Table(title="Per language", title_justify="left")
    languages.add_column("kind")
    for language in codes:
        languages.add_column(language, justify="right")
    kinds: dict[str, int] = counts["languages"].get("nl", {})
    for kind in kinds:
        languages.add_row(kind, *(str(counts["languages"][code][kind]) for code in codes))
    scenarios = Table(title="Questions per scenario and language", title_justify="left")
    scenarios.add_column("scenario", no_wrap=True)
    for column in (*codes, "briefings"):
        scenarios.add_column(column, justify="right")
    for scenario, n in counts["scenarios"].items():
        questions = (str(n["by_language"].get(code, {}).get("questions", 0)) for code in codes)
        scenarios.add_row(scenario, *questions, str(n["briefings"]))
    teams = Table(
        title="Questions per team and language (on card: questions that test the team card)",
        title_justify="left",
    )
    teams.add_column("team", no_wrap=True)
    for column in (*codes, "on card", "briefings"):
        teams.add_column(column, justify="right")
    teams.add_column("profile")
    for team, n in counts["teams"].items():
        by_language = n["by_language"]
        teams.add_row(
            team,
            *(str(by_language.get(code, {}).get("questions", 0)) for code in codes),
            str(n["questions_on_profile"]),
            str(n["briefings"]),
            _profiles({code: by_language.get(code, {}).get("profile", False) for code in codes}),
        )
    return [languages, scenarios, teams]


def _profiles(present: dict[str, bool]) -> str:
    if not present.get("nl", False):
        return "[bold red]NO PROFILE[/]"
    missing = [code for code, there in present.items() if not there]
    return f"[yellow]not in {', '.join(missing)}[/]" if missing else "yes"
