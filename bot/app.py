"""The aiohttp application: `/api/messages` for Teams, `/healthz` and `/readyz` for operators."""

from __future__ import annotations

import json
import logging
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web
from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core import ChannelServiceClientFactoryBase
from pydantic import ValidationError

from bot.agent import Agent, build_agent
from bot.auth import Unauthorized
from bot.proactive import ConnectorSender, build_proactive_sender
from bot.turns import Turns
from campaigns.runner import CampaignRunner
from config.settings import Settings
from content.loader import LIBRARY, Library, load_library
from privacy.exports import PATH as EXPORT_PATH
from privacy.exports import DataExports
from store.clock import Clock, utc_now
from store.database import Database
from wiring.build import build_paraat, build_runner

logger = logging.getLogger(__name__)

AGENT = web.AppKey("agent", Agent)
DATABASE = web.AppKey("database", Database)
CAMPAIGNS = web.AppKey("campaigns", CampaignRunner)


@dataclass(frozen=True)
class Services:
    """Collaborators handed in from outside; tests pass their own."""

    database: Database
    client_factory: ChannelServiceClientFactoryBase | None = None
    library: Library | None = None
    clock: Clock = utc_now


def create_app(settings: Settings, services: Services) -> web.Application:
    """Build the web application for ``settings`` around ``services``."""
    library = services.library or load_library(settings.content_dir or LIBRARY)
    sender = build_proactive_sender(settings, services.client_factory)
    paraat = build_paraat(settings, services.database, library, services.clock, sender=sender)
    turns = Turns(paraat, settings.default_language)
    app = web.Application(client_max_size=settings.max_body_bytes)
    app[AGENT] = build_agent(settings, turns, services.client_factory)
    app[DATABASE] = services.database
    app[CAMPAIGNS] = build_runner(
        paraat, settings, services.database, library, services.clock, sender
    )
    app.router.add_post("/api/messages", messages)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get(EXPORT_PATH + "{token}", my_data(paraat.exports))
    app.cleanup_ctx.append(_close_database)
    app.cleanup_ctx.append(_campaigns(sender))
    return app


async def _close_database(app: web.Application) -> AsyncIterator[None]:
    yield
    await app[DATABASE].close()


def _campaigns(sender: ConnectorSender) -> Callable[[web.Application], AsyncIterator[None]]:
    """Campaign scheduling and delivery for as long as the app runs."""

    async def lifetime(app: web.Application) -> AsyncIterator[None]:
        runner = app[CAMPAIGNS]
        await runner.start()
        yield
        await runner.stop()
        await sender.close()

    return lifetime


def my_data(exports: DataExports) -> Callable[[web.Request], Awaitable[web.Response]]:
    """A person's own data as a JSON file, behind the short-lived link "mijn gegevens" gave."""

    async def download(request: web.Request) -> web.Response:
        data = await exports.download(request.match_info["token"])
        if data is None:
            return web.Response(
                status=404,
                text="Deze link werkt niet (meer). Typ in Paraat: mijn gegevens.\n"
                "This link does not work (any more). Type in Paraat: my data.\n",
            )
        return web.Response(
            body=data,
            content_type="application/json",
            headers={
                "Content-Disposition": 'attachment; filename="paraat-mijn-gegevens.json"',
                "Cache-Control": "no-store",
            },
        )

    return download


async def healthz(_request: web.Request) -> web.Response:
    """The process is alive."""
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    """Ready to serve: the database answers (503 otherwise)."""
    if await request.app[DATABASE].ping():
        return web.json_response({"status": "ready"})
    return web.json_response({"status": "database unreachable"}, status=503)


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


async def messages(request: web.Request) -> web.Response:
    """One activity from the channel: check who sent it and what it is, then run the turn."""
    agent = request.app[AGENT]
    try:
        identity = await agent.auth.authenticate(request.headers.get("Authorization"))
    except Unauthorized:
        return _error(401, "unauthorized")
    if request.content_type != "application/json":
        return _error(415, "expected a JSON activity (Content-Type: application/json)")
    try:
        body = json.loads(await request.read())
    except web.HTTPRequestEntityTooLarge:
        return _error(413, "request body too large")
    except (UnicodeDecodeError, json.JSONDecodeError):
        return _error(415, "the body is not JSON")
    except RecursionError:  # e.g. [[[[…]]]] nested deeper than the JSON decoder can go
        return _error(400, "the body is nested too deeply")
    try:
        activity = Activity.model_validate(body)
    except ValidationError:
        return _error(400, "the body is not an activity")
    if not activity.type or not activity.conversation or not activity.conversation.id:
        return _error(400, "an activity needs a type and a conversation id")
    try:
        agent.auth.check_service_url(identity, activity.service_url)
    except Unauthorized:
        return _error(401, "unauthorized")
    with warnings.catch_warnings():
        # The SDK's adapter reads the identity under this plain string key.
        warnings.simplefilter("ignore", web.NotAppKeyWarning)
        request["claims_identity"] = identity
    try:
        response = await agent.adapter.process(request, agent.application)
    except Exception:  # a crash in one turn must not take the others down
        logger.exception("The adapter failed on an activity.")
        return _error(500, "internal error")
    return response or web.Response(status=202)
