"""``paraat serve`` and ``paraat dev``: run the bot, alone or with the Agents Playground."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from cli.output import fail
from cli.settings import settings_or_exit


def serve(
    host: Annotated[
        str | None, typer.Option(help="Address to listen on (default 127.0.0.1).", metavar="H")
    ] = None,
    port: Annotated[
        int | None, typer.Option(help="Port to listen on (default 3978).", metavar="P")
    ] = None,
) -> None:
    """Run the bot only, for production behind Teams."""
    settings = settings_or_exit(host=host, port=port)
    # Imported here (as in dev) so `paraat --help` does not load aiohttp and the Agents SDK.
    from bot.serve import serve as serve_bot

    with _refusals():
        serve_bot(settings)


def dev() -> None:
    """Run the bot with the Agents Playground, a local Teams client.

    Local mode only. Migrates the database first; Ctrl-C stops both.
    """
    settings = settings_or_exit()
    if not settings.local_mode:
        fail("paraat dev runs in local mode only: unset PARAAT_APP_ID.", 2)
    from cli.dev import run_dev

    with _refusals():
        code = run_dev(settings)
    if code:
        raise typer.Exit(code)


@contextmanager
def _refusals() -> Iterator[None]:
    """What an operator must fix before Paraat can start: said plainly, exit 2, no traceback."""
    from content.problems import ContentError
    from organisation.membership import MembershipError
    from store.migrate import NotMigrated

    try:
        yield
    except (NotMigrated, ContentError, MembershipError) as error:
        fail(error, 2)
