"""The ``paraat`` command line: one typer app, a module per group of commands.

A new group is one module with a ``typer.Typer`` named after it, and one line in :data:`GROUPS`.
Commands import their heavy modules when they run, so ``paraat --help`` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import typer

from cli import campaign, cards, content, db, manifest, org, readiness, serve, sync
from cli.print import app as print_app

COMMANDS = (serve.serve, serve.dev)
"""The top-level commands, in the order ``paraat --help`` lists them."""

GROUPS = (
    db.app, content.app, cards.app, campaign.app, org.app, readiness.app, manifest.app, sync.app,
    print_app,
)  # fmt: skip
"""The groups of commands (``paraat db ...``), listed after the top-level commands."""

app = typer.Typer(
    name="paraat",
    help="Paraat: outage readiness for municipal staff, in Microsoft Teams.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
for command in COMMANDS:
    app.command()(command)
for group in GROUPS:
    app.add_typer(group, no_args_is_help=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``paraat`` command.

    Args:
        argv: The arguments after ``paraat``; default: the process's own.

    Returns:
        The exit code: 0 when it went well, 2 for a usage error or a refusal to start.
    """
    command = typer.main.get_command(app)
    try:
        result = command.main(
            args=list(argv) if argv is not None else None, prog_name="paraat", standalone_mode=False
        )
    except typer.Abort:
        print("Aborted.", file=sys.stderr)
        return 1
    except typer.TyperException as error:
        # Usage errors show the usage line, a hint and the message on standard error.
        show = getattr(error, "show", None)
        if callable(show):
            show()
        else:
            print(f"Error: {error.format_message()}", file=sys.stderr)
        return error.exit_code
    # Without standalone mode typer returns an Exit's code, or the command's result (None).
    return result if isinstance(result, int) else 0


def run() -> None:
    """The ``paraat`` console script."""
    sys.exit(main())
