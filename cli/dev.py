"""``paraat dev``: the bot and the Agents Playground together, stopped together with Ctrl-C."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

from bot.serve import serving
from cli.playground import (
    PlaygroundError,
    PlaygroundNotInstalledError,
    PlaygroundPortBusyError,
    PlaygroundProcess,
    find_teamsapptester,
)
from config.settings import Settings
from store.migrate import check_schema, upgrade


def run_dev(settings: Settings) -> int:
    """Migrate, start both, print where to look, and wait for Ctrl-C or SIGTERM.

    For local mode only. Returns the exit code: 1 when the Playground did not start or stopped
    by itself.
    """
    log = settings.data_dir / "playground.log"
    try:
        playground = PlaygroundProcess(
            f"http://127.0.0.1:{settings.port}/api/messages",
            settings.playground_port,
            binary=find_teamsapptester(),
            log_file=log,
            open_browser=True,
        )
        upgrade(settings.database_url)
        check_schema(settings.database_url)
        return asyncio.run(_run(settings, playground, log))
    except PlaygroundNotInstalledError as error:
        print(error, file=sys.stderr)
    except PlaygroundPortBusyError as error:
        print(_first_line(error), "Set PARAAT_PLAYGROUND_PORT to a free one.", file=sys.stderr)
    except PlaygroundError as error:
        print(_first_line(error), f"See {log}.", file=sys.stderr)
    return 1


async def _run(settings: Settings, playground: PlaygroundProcess, log: Path) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with serving(settings), playground:
        _banner(settings, log)
        ended = asyncio.create_task(asyncio.to_thread(playground.wait))
        asked = asyncio.create_task(stop.wait())
        await asyncio.wait({ended, asked}, return_when=asyncio.FIRST_COMPLETED)
        asked.cancel()
        died = ended.done()
    await ended  # stopped by now, so at once
    if died:
        print(f"The Playground stopped; see {log}.", file=sys.stderr)
        return 1
    print("Paraat and the Playground have stopped.")
    return 0


def _first_line(error: Exception) -> str:
    # The launcher's errors carry the Playground's whole output; that is in the log already.
    return str(error).splitlines()[0]


def _banner(settings: Settings, log: Path) -> None:
    url = f"http://127.0.0.1:{settings.playground_port}"
    print(
        "\n"
        "  Paraat is running.\n"
        f"  Open {url} in your browser to chat with Paraat in the Agents Playground.\n"
        "  Type 'hulp' to start.\n"
        f"  The bot: http://127.0.0.1:{settings.port}/api/messages   Playground log: {log}\n"
        "  Press Ctrl-C to stop both.\n",
        flush=True,
    )
