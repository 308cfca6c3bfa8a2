"""How the commands talk to people: tables on standard output, refusals on standard error."""

from __future__ import annotations

import sys
from typing import NoReturn

import typer
from rich.console import Console


def console() -> Console:
    """A console on standard output: colour on a terminal, plain text in a pipe or a file."""
    # Made per call so it writes to the current sys.stdout and reads COLUMNS now.
    return Console()


def fail(message: object, code: int) -> NoReturn:
    """Print ``message`` on standard error and end the command with exit ``code``."""
    print(message, file=sys.stderr)
    raise typer.Exit(code)
