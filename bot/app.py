"""The aiohttp application: `/api/messages` for Teams, `/healthz` and `/readyz` for operators,
`/metrics` for Prometheus."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web
from microsoft_agents.hosting.core import ChannelServiceClientFactoryBase

from bot.agent import Agent, build_agent
from bot.auth import Unauthorized
from bot.envelope import NotAnActivity, check_complete, parse_activity, route_of
from bot.metrics_endpoint import Access, Handler, access_on_bot_port, metrics_handler
from bot.outcome import noting
from bot.proactive import ConnectorSender, build_proactive_sender
from bot.refusals import RefusalLog
from bot.stopping import RETRY_AFTER_SECONDS, Closed, TurnGate
from bot.turns import Turns
from campaigns.runner import CampaignRunner
from config.settings import Settings
from content.loader import LIBRARY, Library, load_library
from ops.logcontext import turn_context
from ops.metrics import Metrics, Refusal
from printing.downloads import PATH as PRINT_PATH
from printing.downloads import PrintDownloads
from privacy.exports import PATH as EXPORT_PATH
from privacy.exports import DataExports
from store.clock import Clock, utc_now
from store.database import Database
from store.outbox import OutboxStore
from wiring.build import Paraat, build_paraat, build_runner

logger = logging.getLogger(__name__)

AGENT = web.AppKey("agent", Agent)
DATABASE = web.AppKey("database", Database)
CAMPAIGNS = web.AppKey("campaigns", CampaignRunner)
METRICS = web.AppKey("metrics", Metrics)
GATE = web.AppKey("gate", TurnGate)
REFUSALS = web.AppKey("refusals", RefusalLog)
OPEN_METRICS: web.AppKey[Handler] = web.AppKey("open_metrics")
"""The ``/metrics`` handler without the bot port's access rule (for ``PARAAT_METRICS_PORT``)."""

SDK_QUIET_LOGGERS = (
    # Logs every activity it cannot parse with a traceback; Paraat refuses those itself, once.
    "microsoft_agents.activity.activity",
    # Logs each failed turn with a traceback, and the text of messages it has no route for;
    # Paraat's error handler logs the failure once, without the person's words.
    "microsoft_agents.hosting.core.app.agent_application",
    # "App ID is not provided" on every anonymous (local mode) turn.
    "microsoft_agents.hosting.core.connector.client.user_token_client",
)


@dataclass(frozen=True)
class Services:
    """Collaborators handed in from outside; tests pass their own."""

    database: Database
    client_factory: ChannelServiceClientFactoryBase | None = None
    library: Library | None = None
    clock: Clock = utc_now


def quiet_sdk_logs() -> None:
    """Keep the SDK from logging what Paraat logs itself, once and without personal data."""
    for name in SDK_QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)


def create_app(settings: Settings, services: Services) -> web.Application:
    """Build the web application for ``settings`` around ``services``."""
    quiet_sdk_logs()
    metrics = Metrics()
    library = services.library or load_library(settings.content_dir or LIBRARY)
    sender = build_proactive_sender(settings, services.client_factory, metrics)
    paraat = build_paraat(settings, services.database, library, services.clock, sender=sender)
    turns = Turns(paraat, settings.default_language, metrics)
    app = web.Application(client_max_size=settings.max_body_bytes)
    app[AGENT] = build_agent(settings, turns, services.client_factory)
    app[DATABASE] = services.database
    app[METRICS] = metrics
    app[GATE] = TurnGate()
    app[REFUSALS] = RefusalLog()
    runner = build_runner(
        paraat, settings, services.database, library, services.clock, sender, metrics=metrics
    )
    app[CAMPAIGNS] = runner
    outbox = OutboxStore(services.database, services.clock)

    def leadership() -> None:
        metrics.leading(runner.leading)

    app.router.add_post("/api/messages", messages)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get(EXPORT_PATH + "{token}", my_data(paraat.exports))
    app.router.add_get(PRINT_PATH + "{token}", printout(paraat.prints))
    app.router.add_get(
        "/metrics",
        metrics_handler(metrics, outbox, services.clock, access_on_bot_port(settings), leadership),
    )
    app[OPEN_METRICS] = metrics_handler(
        metrics, outbox, services.clock, Access(open=True), leadership
    )
    app.cleanup_ctx.append(_close_database)
    app.cleanup_ctx.append(_close_clients)
    app.cleanup_ctx.append(_campaigns(sender, settings.stop_seconds))
    app.cleanup_ctx.append(_feature_jobs(paraat))
    return app


async def _close_database(app: web.Application) -> AsyncIterator[None]:
    yield
    await app[DATABASE].close()


async def _close_clients(app: web.Application) -> AsyncIterator[None]:
    yield
    clients = app[AGENT].clients
    if clients is not None:
        await clients.close()


def _campaigns(
    sender: ConnectorSender, stop_seconds: float
) -> Callable[[web.Application], AsyncIterator[None]]:
    """Campaign scheduling and delivery for as long as the app runs."""

    async def lifetime(app: web.Application) -> AsyncIterator[None]:
        runner = app[CAMPAIGNS]
        await runner.start()
        yield
        await runner.stop(stop_seconds)
        await sender.close()

    return lifetime


def _feature_jobs(paraat: Paraat) -> Callable[[web.Application], AsyncIterator[None]]:
    """The features' own timers (the readiness week, the retention) for as long as the app
    runs."""

    async def lifetime(app: web.Application) -> AsyncIterator[None]:
        for feature in paraat.features:
            await feature.start_jobs()
        yield
        for feature in reversed(paraat.features):
            await feature.stop_jobs()

    return lifetime


async def stop_taking_turns(app: web.Application, seconds: float) -> bool:
    """The first step of a graceful stop: refuse new turns (503), let the turns and campaign
    calls under way finish, at most ``seconds``, and give back the leases.

    Returns:
        True when everything under way finished in time.
    """
    gate = app[GATE]
    gate.close()
    logger.info("Stopping: no new turns; %d under way may finish.", gate.under_way)
    # Both at once: campaign delivery stops starting calls while the turns finish.
    turns_done, campaigns_done = await asyncio.gather(
        gate.idle(seconds), app[CAMPAIGNS].stop(seconds)
    )
    if not turns_done:
        logger.warning("Stopping: %d turns did not finish in %.0f s.", gate.under_way, seconds)
    return turns_done and campaigns_done


def my_data(exports: DataExports) -> Callable[[web.Request], Awaitable[web.Response]]:
    """A person's own data as a JSON file, behind the short-lived link "mijn gegevens" gave."""

    async def download(request: web.Request) -> web.Response:
        data = await exports.download(request.match_info["token"])
        if data is None:
            return _link_gone("mijn gegevens", "my data")
        return _file(data, "application/json", 'attachment; filename="paraat-mijn-gegevens.json"')

    return download


def printout(prints: PrintDownloads) -> Callable[[web.Request], Awaitable[web.Response]]:
    """A printable card (PDF; HTML without Chromium) behind the link "afdrukken" gave."""

    async def download(request: web.Request) -> web.Response:
        got = await prints.download(request.match_info["token"])
        if got is None:
            return _link_gone("afdrukken", "print")
        return _file(got.body, got.content_type, f'inline; filename="{got.filename}"')

    return download


def _link_gone(dutch_command: str, english_command: str) -> web.Response:
    """A changed or expired download link: which command gives a new one."""
    return web.Response(
        status=404,
        text=f"Deze link werkt niet (meer). Typ in Paraat: {dutch_command}.\n"
        f"This link does not work (any more). Type in Paraat: {english_command}.\n",
    )


def _file(body: bytes, content_type: str, disposition: str) -> web.Response:
    """A file behind a download link: never cached, its type not guessed by the browser."""
    return web.Response(
        body=body,
        content_type=content_type,
        charset="utf-8" if content_type == "text/html" else None,
        headers={
            "Content-Disposition": disposition,
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


async def healthz(_request: web.Request) -> web.Response:
    """The process is alive."""
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    """Ready to serve: not stopping, and the database answers (503 otherwise)."""
    if not request.app[GATE].is_open:
        return web.json_response({"status": "stopping"}, status=503)
    if await request.app[DATABASE].ping():
        return web.json_response({"status": "ready"})
    return web.json_response({"status": "database unreachable"}, status=503)


def _refuse(request: web.Request, status: int, reason: Refusal, message: str) -> web.Response:
    """Count and log (rate-limited, one line) a request refused before its turn."""
    request.app[METRICS].refused(reason)
    request.app[REFUSALS].refused(status, message)
    return web.json_response({"error": message}, status=status)


def _stopping(request: web.Request) -> web.Response:
    request.app[METRICS].refused("stopping")
    return web.json_response(
        {"error": "stopping; try again"},
        status=503,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


async def messages(request: web.Request) -> web.Response:
    """One activity from the channel: check who sent it and what it is, then run the turn."""
    app = request.app
    if not app[GATE].is_open:
        return _stopping(request)
    agent = app[AGENT]
    try:
        identity = await agent.auth.authenticate(request.headers.get("Authorization"))
    except Unauthorized as refusal:
        return _refuse(request, 401, "unauthorized", f"unauthorized: {refusal}")
    if request.content_type != "application/json":
        return _refuse(
            request, 415, "not_json", "expected a JSON activity (Content-Type: application/json)"
        )
    try:
        body = json.loads(await request.read())
    except web.HTTPRequestEntityTooLarge:
        return _refuse(request, 413, "too_large", "request body too large")
    except (UnicodeDecodeError, json.JSONDecodeError):
        return _refuse(request, 415, "not_json", "the body is not JSON")
    except RecursionError:  # e.g. [[[[…]]]] nested deeper than the JSON decoder can go
        return _refuse(request, 400, "not_an_activity", "the body is nested too deeply")
    try:
        activity = parse_activity(body)
    except NotAnActivity as refusal:
        return _refuse(request, 400, "not_an_activity", refusal.reason)
    if not activity.type or not activity.conversation or not activity.conversation.id:
        return _refuse(request, 400, "incomplete", "an activity needs a type and a conversation id")
    try:
        agent.auth.check_service_url(identity, activity.service_url)
    except Unauthorized as refusal:
        return _refuse(request, 401, "unauthorized", f"unauthorized: {refusal}")
    try:
        check_complete(activity)
    except NotAnActivity as refusal:
        return _refuse(request, 400, "incomplete", refusal.reason)
    route = route_of(activity)
    metrics = app[METRICS]
    if not route.handled:
        # Teams' convention for an invoke a bot does not handle is 501; any other activity
        # Paraat has no use for is simply taken.
        if route.kind == "invoke":
            metrics.turn(route.kind, "not_implemented")
            return web.Response(status=501)
        metrics.turn(route.kind, "ignored")
        return web.Response(status=202)
    with warnings.catch_warnings():
        # The SDK's adapter reads the identity under this plain string key.
        warnings.simplefilter("ignore", web.NotAppKeyWarning)
        request["claims_identity"] = identity
    started = time.perf_counter()
    try:
        with (
            app[GATE].turn(),
            turn_context(activity.id, activity.conversation.id),
            noting() as note,
        ):
            try:
                response = await agent.adapter.process(request, agent.application)
            except Exception:  # a crash in one turn must not take the others down
                logger.exception("The adapter failed on an activity.")
                metrics.turn(route.kind, "failed", time.perf_counter() - started)
                return web.json_response({"error": "internal error"}, status=500)
    except Closed:
        return _stopping(request)
    metrics.turn(route.kind, "failed" if note.failed else "ok", time.perf_counter() - started)
    return response or web.Response(status=202)
