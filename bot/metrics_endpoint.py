"""``GET /metrics`` for Prometheus, and who may read it.

Local mode serves it to anyone (the bot listens on loopback only). Outside local mode it is
closed (404) on the bot's own port, which faces the internet through the TLS proxy, unless
``PARAAT_METRICS_TOKEN`` is set (then the bearer token opens it); ``PARAAT_METRICS_PORT`` serves
it on a port of its own, for the operator's network only.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web
from prometheus_client.aiohttp import make_aiohttp_handler

from config.settings import Settings
from ops.metrics import Metrics, backlog_of
from store.clock import Clock
from store.outbox import OutboxStore

logger = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class Access:
    """Who may read ``/metrics`` on one port."""

    open: bool
    """Anyone who reaches the port."""
    token: str | None = None
    """Otherwise, callers with this bearer token (None: nobody, 404)."""

    def allows(self, authorization: str | None) -> bool:
        """True when a request with this ``Authorization`` header may read the metrics."""
        if self.open:
            return True
        if self.token is None or not authorization:
            return False
        scheme, _, given = authorization.strip().partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            given.strip().encode(), self.token.encode()
        )


def access_on_bot_port(settings: Settings) -> Access:
    """Open in local mode; else only with ``PARAAT_METRICS_TOKEN``, closed without it."""
    if settings.local_mode:
        return Access(open=True)
    token = settings.metrics_token.get_secret_value() if settings.metrics_token else None
    return Access(open=False, token=token or None)


def metrics_handler(
    metrics: Metrics,
    outbox: OutboxStore,
    clock: Clock,
    access: Access,
    extra: Callable[[], None] = lambda: None,
) -> Handler:
    """The ``/metrics`` handler: reads the outbox, then serves the registry.

    Args:
        metrics: The app's metrics.
        outbox: Read at each scrape for its depth and oldest pending message.
        clock: The current time (the oldest message's age).
        access: Who may read.
        extra: Sets further gauges at each scrape (this replica's leadership).
    """
    serve = make_aiohttp_handler(metrics.registry, disable_compression=True)

    async def scrape(request: web.Request) -> web.StreamResponse:
        """The metrics in Prometheus' text format (or OpenMetrics, when asked)."""
        if not access.allows(request.headers.get("Authorization")):
            if access.token is None:
                raise web.HTTPNotFound()
            raise web.HTTPUnauthorized(headers={"WWW-Authenticate": "Bearer"})
        try:
            pending, oldest = await outbox.backlog()
        except Exception as error:  # the database is away: serve the rest, say so once a scrape
            logger.warning("Metrics: could not read the outbox (%s).", type(error).__name__)
        else:
            metrics.outbox(backlog_of(pending, oldest, clock()))
        extra()
        return await serve(request)

    return scrape


def metrics_app(handler: Handler) -> web.Application:
    """A small application serving only ``/metrics`` (for ``PARAAT_METRICS_PORT``)."""
    app = web.Application()
    app.router.add_get("/metrics", handler)
    return app
