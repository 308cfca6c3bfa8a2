"""The ``paraat`` command line."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from bot.logs import configure_logging
from bot.settings import Settings, SettingsError, load_settings

logger = logging.getLogger(__name__)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paraat",
        description="Paraat: outage readiness for municipal staff, in Microsoft Teams.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = commands.add_parser("serve", help="run the bot (PARAAT_* settings apply)")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default 3978)")
    commands.add_parser(
        "dev", help="migrate, then run the bot and the Agents Playground together (local mode)"
    )
    db = commands.add_parser("db", help="database tasks")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="TASK")
    db_commands.add_parser("upgrade", help="bring the database up to the newest schema")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``paraat`` command; the exit code says how it went."""
    args = _parser().parse_args(argv)
    overrides = {
        key: value
        for key, value in (
            ("host", getattr(args, "host", None)),
            ("port", getattr(args, "port", None)),
        )
        if value is not None
    }
    try:
        settings = load_settings(**overrides)
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    configure_logging(settings.log_level, settings.log_format)
    return _run(args, settings)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    # Imported here so `paraat --help` stays fast and light.
    from bot.serve import NotMigrated, serve
    from store.migrate import upgrade

    if args.command == "db":
        upgrade(settings.database_url)
        logger.info("The database is up to date.")
        return 0
    try:
        if args.command == "serve":
            serve(settings)
        else:
            from bot.dev import run_dev

            return run_dev(settings)
    except NotMigrated as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
