"""Run the bot: check the database, build the app, listen until stopped."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp import web

from bot.app import Services, create_app
from config.settings import Settings
from store.database import Database
from store.migrate import check_schema

logger = logging.getLogger(__name__)


def announce(settings: Settings) -> None:
    """Log where the bot listens and, in local mode, that nothing is authenticated."""
    if settings.local_mode:
        # Each anonymous turn would log this SDK warning; in local mode it is expected.
        logging.getLogger(
            "microsoft_agents.hosting.core.connector.client.user_token_client"
        ).setLevel(logging.ERROR)
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
    """Serve until SIGINT or SIGTERM; both close the database cleanly."""
    check_schema(settings.database_url)
    announce(settings)
    web.run_app(build(settings), host=settings.host, port=settings.port, print=None)


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
