"""Run the bot: check the database, build the app, listen until stopped, and stop gracefully.

On SIGTERM (or SIGINT) the bot keeps listening while it stops: new turns get 503 with
``Retry-After`` and ``/readyz`` says 503, the turns and campaign calls under way finish (at most
``PARAAT_STOP_SECONDS``), the leases go back, and the process exits 0.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp import web

from bot.app import OPEN_METRICS, Services, create_app, stop_taking_turns
from bot.metrics_endpoint import metrics_app
from config.settings import Settings
from store.database import Database
from store.migrate import check_schema

logger = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def announce(settings: Settings) -> None:
    """Log where the bot listens and, in local mode, that nothing is authenticated."""
    if settings.local_mode:
        logger.warning(
            "LOCAL MODE: no PARAAT_APP_ID is set, so requests are not authenticated. "
            "Paraat serves on %s only. Set PARAAT_APP_ID, PARAAT_APP_PASSWORD (or "
            "PARAAT_APP_CERTIFICATE) and PARAAT_TENANT_ID for Teams.",
            settings.host,
        )
    logger.info(
        "Paraat listens on http://%s:%d/api/messages", _host_for_url(settings.host), settings.port
    )


def _host_for_url(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def build(settings: Settings) -> web.Application:
    """The application on the configured database."""
    return create_app(settings, Services(Database(settings.database_url)))


def serve(settings: Settings) -> None:
    """Serve until SIGINT or SIGTERM, then stop gracefully (see the module's docstring)."""
    check_schema(settings.database_url)
    announce(settings)
    asyncio.run(_serve_until_stopped(settings))


async def _serve_until_stopped(settings: Settings) -> None:
    signalled = _on_signals()  # from the start: a SIGTERM while starting up stops gracefully too
    app = build(settings)
    # What is under way has finished (or was given up on) before the runner cleans up.
    runner = web.AppRunner(app, shutdown_timeout=1.0)
    await runner.setup()
    runners = [runner]
    try:
        await web.TCPSite(runner, settings.host, settings.port).start()
        if settings.metrics_port:
            metrics_runner = web.AppRunner(metrics_app(app[OPEN_METRICS]), access_log=None)
            await metrics_runner.setup()
            runners.append(metrics_runner)
            await web.TCPSite(metrics_runner, settings.host, settings.metrics_port).start()
            logger.info(
                "Metrics on http://%s:%d/metrics",
                _host_for_url(settings.host),
                settings.metrics_port,
            )
        await signalled.wait()
        _default_signals()  # a second signal stops at once
        logger.info("Stopping (signal received).")
        await stop_taking_turns(app, settings.stop_seconds)
    finally:
        for each in reversed(runners):
            await each.cleanup()
    logger.info("Stopped.")


def _on_signals() -> asyncio.Event:
    """An event set by the first SIGTERM or SIGINT (call inside the event loop)."""
    loop = asyncio.get_running_loop()
    signalled = asyncio.Event()
    for number in STOP_SIGNALS:
        loop.add_signal_handler(number, signalled.set)
    return signalled


def _default_signals() -> None:
    loop = asyncio.get_running_loop()
    for number in STOP_SIGNALS:
        loop.remove_signal_handler(number)


@asynccontextmanager
async def serving(settings: Settings) -> AsyncIterator[None]:
    """Serve on the configured host and port while the block runs (``paraat dev``).

    The caller checks the schema first (:func:`check_schema` blocks) and owns the signals.
    """
    runner = web.AppRunner(build(settings))
    await runner.setup()
    try:
        await web.TCPSite(runner, settings.host, settings.port).start()
        announce(settings)
        yield
    finally:
        await runner.cleanup()
