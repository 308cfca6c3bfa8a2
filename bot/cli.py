"""The ``paraat`` command line."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.logs import configure_logging
from config.settings import Settings, SettingsError, load_settings

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
    content = commands.add_parser("content", help="check the content library, or count it")
    content_commands = content.add_subparsers(dest="content_command", required=True, metavar="TASK")
    check = content_commands.add_parser(
        "check", help="list every problem (file, line, field); exit 1 when there are any"
    )
    check.add_argument(
        "path", nargs="?", type=Path, help="library folder (default: the bundled one)"
    )
    stats = content_commands.add_parser("stats", help="counts per kind, language, scenario, team")
    stats.add_argument(
        "path", nargs="?", type=Path, help="library folder (default: the bundled one)"
    )
    stats.add_argument("--json", action="store_true", help="print JSON instead of a table")
    cards = commands.add_parser("cards", help="list the card kinds, or preview one")
    card_commands = cards.add_subparsers(dest="cards_command", required=True, metavar="TASK")
    card_commands.add_parser("list", help="the card kinds and how many examples each has")
    preview = card_commands.add_parser("preview", help="print a card's JSON or save a screenshot")
    preview.add_argument("kind", help="a card kind from `paraat cards list`")
    preview.add_argument("item", nargs="?", help="an item id (default: the first)")
    preview.add_argument("--lang", choices=["nl", "en"], default="nl", help="language (nl)")
    preview.add_argument("--png", type=Path, help="save a screenshot here instead of the JSON")
    preview.add_argument("--library", type=Path, help="library folder (default: the bundled one)")
    db = commands.add_parser("db", help="database tasks")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="TASK")
    db_commands.add_parser("upgrade", help="bring the database up to the newest schema")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``paraat`` command; the exit code says how it went."""
    args = _parser().parse_args(argv)
    if args.command == "content":
        return _content(args)
    if args.command == "cards":
        from bot.card_cli import run_cards

        return run_cards(args)
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


def _content(args: argparse.Namespace) -> int:
    # The content commands need no settings: an editor runs them on a laptop.
    from content.check import check_library
    from content.loader import LIBRARY, load_library
    from content.problems import ContentError
    from content.stats import library_stats, stats_table

    root: Path = args.path or LIBRARY
    if args.content_command == "check":
        problems = check_library(root)
        for problem in problems:
            print(problem)
        count = len(problems)
        print(
            f"{count} problem{'s' if count != 1 else ''} in {root}"
            if count
            else f"No problems in {root}."
        )
        return 1 if problems else 0
    try:
        library = load_library(root)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    stats = library_stats(library)
    print(json.dumps(stats, indent=2) if args.json else stats_table(stats))
    return 0


def _run(args: argparse.Namespace, settings: Settings) -> int:
    # Imported here so `paraat --help` stays fast and light.
    from bot.membership import MembershipError
    from bot.serve import NotMigrated, serve
    from content.problems import ContentError
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
    except (NotMigrated, ContentError, MembershipError) as error:
        # What an operator must fix before Paraat can start: said plainly, no traceback.
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
