"""One bot under test in its own process: ``python -m bench.server echo|paraat``.

The process serves the bot on a free loopback port, prints ``PORT <number>`` on standard output
and runs until its standard input closes (the benchmark is done) or ``--lifetime`` seconds pass,
so it always stops by itself. Logging is set up as ``paraat serve`` sets it up, for both bots.

Paraat's database is migrated by ``--migrate-only`` beforehand (as ``paraat db upgrade`` before
``paraat serve``), so the start-up the benchmark times is the one of ``paraat serve``.

Standard input also takes commands, one per line, each answered with ``OK`` on standard output:
``PROFILE START`` starts cProfile, ``PROFILE STOP <path>`` stops it and writes the statistics
there (and the top functions next to it), so the benchmark profiles just the turns it chooses.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import logging
import pstats
import sys
from collections.abc import Sequence
from pathlib import Path

from aiohttp import web

from bench.echo import create_echo_app
from bot.serve import announce, build
from cli.logs import configure_logging
from config.settings import Settings
from store.migrate import check_schema, upgrade

HOST = "127.0.0.1"
BOTS = ("echo", "paraat")
USER_TOKEN_CLIENT_LOGGER = "microsoft_agents.hosting.core.connector.client.user_token_client"


def paraat_settings(data_dir: Path, database_url: str | None = None) -> Settings:
    """Local mode with an SQLite database in ``data_dir`` (or ``database_url``); the
    environment cannot change it."""
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        host=HOST,
        database_url=database_url or f"sqlite+aiosqlite:///{data_dir / 'paraat.db'}",
        data_dir=data_dir,
        app_id=None,
        content_dir=None,
        membership_file=None,
        default_language="nl",
        follow_client_language=False,
        log_level="INFO",
        log_format="text",
        # The local Bot Connector is not Teams: measure Paraat, not Teams' 50 calls a second.
        teams_rate=1_000_000.0,
    )


def migrate(data_dir: Path, database_url: str | None = None) -> None:
    """Bring Paraat's database up to the newest schema (``paraat db upgrade``)."""
    upgrade(paraat_settings(data_dir, database_url).database_url)


def create_bot(name: str, data_dir: Path, database_url: str | None = None) -> web.Application:
    """The application of bot ``name``, as ``paraat serve`` builds it (on a migrated database)."""
    if name == "echo":
        configure_logging("INFO", "text")
        # The SDK warning Paraat silences in local mode too (see bot.serve.announce).
        logging.getLogger(USER_TOKEN_CLIENT_LOGGER).setLevel(logging.ERROR)
        return create_echo_app()
    settings = paraat_settings(data_dir, database_url)
    configure_logging(settings.log_level, settings.log_format)
    check_schema(settings.database_url)
    announce(settings)
    return build(settings)


class Commands:
    """Reads the benchmark's commands from standard input until it closes."""

    def __init__(self, profiler: cProfile.Profile | None = None) -> None:
        """``profiler``: the one ``PROFILE START`` starts (a fresh one by default)."""
        self._profiler = profiler

    async def run(self, lifetime: float) -> None:
        """Obey each line until standard input closes or ``lifetime`` seconds pass."""
        reader = asyncio.StreamReader()
        loop = asyncio.get_running_loop()
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        try:
            async with asyncio.timeout(lifetime):
                while line := await reader.readline():
                    self.obey(line.decode().split())
        except TimeoutError:
            print("bench server: lifetime over, stopping", file=sys.stderr)

    def obey(self, words: list[str]) -> None:
        """One command; ``OK`` (or ``ERROR``) on standard output."""
        if words == ["PROFILE", "START"]:
            self._profiler = cProfile.Profile()
            self._profiler.enable()
        elif words[:2] == ["PROFILE", "STOP"] and len(words) == 3 and self._profiler:
            self._profiler.disable()
            write_profile(self._profiler, Path(words[2]))
            self._profiler = None
        else:
            print("ERROR", flush=True)
            return
        print("OK", flush=True)


async def serve(app: web.Application, lifetime: float) -> None:
    """Serve ``app`` on a free loopback port until standard input closes or ``lifetime`` ends."""
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    try:
        site = web.TCPSite(runner, HOST, 0)
        await site.start()
        port = runner.addresses[0][1]
        print(f"PORT {port}", flush=True)
        await Commands().run(lifetime)
    finally:
        await runner.cleanup()


def main(argv: Sequence[str] | None = None) -> int:
    """Start the bot named on the command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.server", description=__doc__)
    parser.add_argument("bot", choices=BOTS)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--database-url", help="Paraat's database (SQLite in --data-dir if not)")
    parser.add_argument("--migrate-only", action="store_true", help="migrate Paraat's database")
    parser.add_argument("--lifetime", type=float, default=600.0, help="seconds at most")
    parser.add_argument("--profile", type=Path, help="write cProfile statistics here")
    args = parser.parse_args(argv)
    if args.migrate_only:
        migrate(args.data_dir, args.database_url)
        return 0
    app = create_bot(args.bot, args.data_dir, args.database_url)
    if args.profile is None:
        asyncio.run(serve(app, args.lifetime))
        return 0
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        asyncio.run(serve(app, args.lifetime))
    finally:
        profiler.disable()
        write_profile(profiler, args.profile)
    return 0


def write_profile(profiler: cProfile.Profile, path: Path) -> None:
    """The raw statistics in ``path`` and the top functions, as text, next to it."""
    profiler.dump_stats(path)
    with path.with_suffix(".txt").open("w") as summary:
        for order in ("tottime", "cumulative"):
            print(f"=== top 40 by {order} ===", file=summary)
            pstats.Stats(profiler, stream=summary).sort_stats(order).print_stats(40)


if __name__ == "__main__":
    raise SystemExit(main())
