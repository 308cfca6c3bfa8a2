"""One bot under test in its own process: ``python -m bench.server echo|paraat``.

The process serves the bot on a free loopback port, prints ``PORT <number>`` on standard output
and runs until its standard input closes (the benchmark is done) or ``--lifetime`` seconds pass,
so it always stops by itself. Logging is set up as ``paraat serve`` sets it up, for both bots.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import logging
import pstats
from collections.abc import Sequence
from pathlib import Path

from aiohttp import web

from bench.echo import create_echo_app
from bench.lifetime import wait_for_end_of_input
from bot.serve import announce, build
from cli.logs import configure_logging
from config.settings import Settings
from store.migrate import check_schema, upgrade

HOST = "127.0.0.1"
BOTS = ("echo", "paraat")
USER_TOKEN_CLIENT_LOGGER = "microsoft_agents.hosting.core.connector.client.user_token_client"


def paraat_settings(data_dir: Path) -> Settings:
    """Local mode with an SQLite database in ``data_dir``; the environment cannot change it."""
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        host=HOST,
        database_url=f"sqlite+aiosqlite:///{data_dir / 'paraat.db'}",
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


def create_bot(name: str, data_dir: Path) -> web.Application:
    """The application of bot ``name``; Paraat's database is migrated first, as in production."""
    if name == "echo":
        configure_logging("INFO", "text")
        # The SDK warning Paraat silences in local mode too (see bot.serve.announce).
        logging.getLogger(USER_TOKEN_CLIENT_LOGGER).setLevel(logging.ERROR)
        return create_echo_app()
    settings = paraat_settings(data_dir)
    configure_logging(settings.log_level, settings.log_format)
    upgrade(settings.database_url)
    check_schema(settings.database_url)
    announce(settings)
    return build(settings)


async def serve(app: web.Application, lifetime: float) -> None:
    """Serve ``app`` on a free loopback port until standard input closes or ``lifetime`` ends."""
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    try:
        site = web.TCPSite(runner, HOST, 0)
        await site.start()
        port = runner.addresses[0][1]
        print(f"PORT {port}", flush=True)
        await wait_for_end_of_input(lifetime)
    finally:
        await runner.cleanup()


def main(argv: Sequence[str] | None = None) -> int:
    """Start the bot named on the command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.server", description=__doc__)
    parser.add_argument("bot", choices=BOTS)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--lifetime", type=float, default=600.0, help="seconds at most")
    parser.add_argument("--profile", type=Path, help="write cProfile statistics here")
    args = parser.parse_args(argv)
    app = create_bot(args.bot, args.data_dir)
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
