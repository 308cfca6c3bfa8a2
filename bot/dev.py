"""``paraat dev``: the bot and the Agents Playground together, stopped together with Ctrl-C."""

from __future__ import annotations

import asyncio
import signal
import sys

from aiohttp import web

from bot.playground import PlaygroundError, find_playground, start_playground, stop_playground
from bot.serve import announce, build, check_schema
from config.settings import Settings
from store.migrate import upgrade


def run_dev(settings: Settings) -> int:
    """Migrate, start both, print where to look, and wait for Ctrl-C. Returns the exit code."""
    if not settings.local_mode:
        print("paraat dev runs in local mode only: unset PARAAT_APP_ID.", file=sys.stderr)
        return 2
    upgrade(settings.database_url)
    check_schema(settings.database_url)
    try:
        return asyncio.run(_run(settings))
    except PlaygroundError as error:
        print(error, file=sys.stderr)
        return 1


async def _run(settings: Settings) -> int:
    binary = find_playground()
    runner = web.AppRunner(build(settings))
    await runner.setup()
    await web.TCPSite(runner, settings.host, settings.port).start()
    announce(settings)
    endpoint = f"http://127.0.0.1:{settings.port}/api/messages"
    log_path = settings.data_dir / "playground.log"
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        process = await start_playground(binary, endpoint, settings.playground_port, log_path)
        try:
            _banner(settings, str(log_path))
            ended = asyncio.ensure_future(process.wait())
            waiting = asyncio.ensure_future(stop.wait())
            await asyncio.wait({ended, waiting}, return_when=asyncio.FIRST_COMPLETED)
            waiting.cancel()
            if ended.done():
                print(f"The Playground stopped; see {log_path}.", file=sys.stderr)
                return 1
        finally:
            await stop_playground(process)
    finally:
        await runner.cleanup()
    print("Paraat and the Playground have stopped.")
    return 0


def _banner(settings: Settings, log_path: str) -> None:
    url = f"http://127.0.0.1:{settings.playground_port}"
    print(
        "\n"
        "  Paraat is running.\n"
        f"  Open {url} in your browser to chat with Paraat in the Agents Playground.\n"
        "  Type 'hulp' to start.\n"
        f"  The bot: http://127.0.0.1:{settings.port}/api/messages   Playground log: {log_path}\n"
        "  Press Ctrl-C to stop both.\n",
        flush=True,
    )
