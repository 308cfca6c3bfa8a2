"""``paraat print``: each team's outage card and the paper kit, as PDF (or HTML) to print.

Works without the bot running: it needs the content library, the settings (for the SharePoint
address on the cards' QR codes) and Chromium for the PDF.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from cli.output import console, fail

if TYPE_CHECKING:
    from content.loader import Library
    from printing.printouts import Printout

app = typer.Typer(name="print", help="Print each team's outage card and the paper kit.")

Lang = Literal["nl", "en"]
LangOption = Annotated[
    str, typer.Option("--lang", help="Language of the printout: nl or en.", metavar="nl|en")
]
HtmlOption = Annotated[
    bool,
    typer.Option("--html", help="Write HTML (prints from any browser) instead of PDF."),
]


def _language(value: str) -> Lang:
    if value not in ("nl", "en"):
        fail(f"--lang: expected nl or en, got {value!r}", 2)
    return "en" if value == "en" else "nl"


def _library() -> Library:
    from cli.settings import settings_or_exit
    from content.loader import LIBRARY, load_library
    from content.problems import ContentError

    settings = settings_or_exit()
    try:
        return load_library(settings.content_dir or LIBRARY)
    except ContentError as error:
        fail(error, 1)


def _site_url() -> str | None:
    from cli.settings import settings_or_exit

    return settings_or_exit().sharepoint_site_url


def _write(printout: Printout, path: Path, as_html: bool) -> None:
    from printing.chromium import PrintError, html_to_pdf

    path.parent.mkdir(parents=True, exist_ok=True)
    if as_html:
        path.write_text(printout.html, encoding="utf-8")
        return
    try:
        path.write_bytes(html_to_pdf(printout.html))
    except PrintError as error:
        fail(error, 1)


@app.command()
def team(
    team_id: Annotated[str, typer.Argument(metavar="ID", help="The team's id, e.g. burgerzaken.")],
    out: Annotated[
        Path | None, typer.Option("--out", help="File to write (default: noodkaart-ID.pdf).")
    ] = None,
    lang: LangOption = "nl",
    as_html: HtmlOption = False,
) -> None:
    """One team's outage card ("noodkaart") on one A4 page."""
    from printing.printouts import team_printout
    from printing.team_sheet import UnknownTeam, team_ids

    language = _language(lang)
    library = _library()
    try:
        printout = team_printout(library, team_id, language, date.today(), _site_url())
    except UnknownTeam:
        fail(
            f"No team {team_id!r} with an outage profile; known: {', '.join(team_ids(library))}", 1
        )
    path = out or Path(f"{printout.name}.{'html' if as_html else 'pdf'}")
    _write(printout, path, as_html)
    version = printout.version.label if printout.version else "?"
    print(f"{path} (version {version})")


@app.command(name="all")
def all_teams(
    out: Annotated[Path, typer.Option("--out", help="Folder to write to.")] = Path("print"),
    lang: LangOption = "nl",
    as_html: HtmlOption = False,
) -> None:
    """Every team's outage card, one file per team."""
    from rich.progress import Progress

    from printing.printouts import team_printout
    from printing.team_sheet import team_ids

    language = _language(lang)
    library = _library()
    site_url = _site_url()
    teams = team_ids(library)
    written: list[tuple[Path, str]] = []
    with Progress(console=console()) as progress:
        task = progress.add_task("Outage cards", total=len(teams))
        for team_id in teams:
            printout = team_printout(library, team_id, language, date.today(), site_url)
            path = out / f"{printout.name}.{'html' if as_html else 'pdf'}"
            _write(printout, path, as_html)
            written.append((path, printout.version.label if printout.version else "?"))
            progress.advance(task)
    for path, version in written:
        print(f"{path} (version {version})")


@app.command()
def kit(
    out: Annotated[Path, typer.Option("--out", help="Folder to write to.")] = Path("print"),
    lang: LangOption = "nl",
    as_html: HtmlOption = False,
) -> None:
    """The paper kit: report form, attendance list, logbook, petty-cash sheet, the public
    desk's answers and the personal 72-hour checklist, one A4 page each."""
    from rich.progress import Progress

    from printing.printouts import kit_printouts

    language = _language(lang)
    printouts = kit_printouts(_library(), language)
    with Progress(console=console()) as progress:
        task = progress.add_task("Paper kit", total=len(printouts))
        for printout in printouts:
            _write(printout, out / f"{printout.name}.{'html' if as_html else 'pdf'}", as_html)
            progress.advance(task)
    for printout in printouts:
        print(out / f"{printout.name}.{'html' if as_html else 'pdf'}")
