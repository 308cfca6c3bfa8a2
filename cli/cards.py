"""``paraat cards``: the card kinds, and any card as JSON or as Teams shows it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from cli.output import console, fail
from content.language import Language

if TYPE_CHECKING:
    from content.loader import Library

app = typer.Typer(name="cards", help="List the card kinds, or preview a card as JSON or a PNG.")


@app.command("list")
def list_kinds() -> None:
    """The card kinds and how many examples each has."""
    from cli.card_catalogue import KINDS, examples

    library = _library(None)
    table = Table("kind", "what it shows", "examples")
    for kind in KINDS:
        table.add_row(kind.name, kind.description, str(len(examples(kind, library, "nl"))))
    console().print(table)


@app.command()
def preview(
    kind: Annotated[
        str, typer.Argument(help="A card kind from `paraat cards list`.", metavar="KIND")
    ],
    item: Annotated[
        str | None,
        typer.Argument(help="An item id (default: the first).", metavar="ITEM", show_default=False),
    ] = None,
    lang: Annotated[Language, typer.Option(help="The card's language.")] = "nl",
    png: Annotated[
        Path | None,
        typer.Option(help="Save a screenshot here instead of printing the JSON.", metavar="FILE"),
    ] = None,
    library: Annotated[
        Path | None,
        typer.Option(help="Library folder (default: the bundled one).", metavar="DIR"),
    ] = None,
) -> None:
    """Print a card's JSON, or save a screenshot as Teams shows it."""
    from cli.card_catalogue import card_kind, example
    from cli.card_screenshot import ScreenshotError, screenshot

    content = _library(library)
    try:
        card = example(card_kind(kind), content, lang, item)
    except KeyError as error:
        fail(error.args[0], 2)
    if png is None:
        print(json.dumps(card, indent=2, ensure_ascii=False))
        return
    try:
        screenshot(card, png)
    except ScreenshotError as error:
        fail(error, 1)
    print(f"Saved {png}")


def _library(folder: Path | None) -> Library:
    from content.loader import LIBRARY, load_library
    from content.problems import ContentError

    try:
        return load_library(folder or LIBRARY)
    except ContentError as error:
        fail(error, 1)
