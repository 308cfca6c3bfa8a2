"""A local Bot Connector service: it receives the bot's replies the way Teams' service does.

The bot's real connector client (the SDK's ``TeamsConnectorClient``) talks to it over HTTP, so
bot-tier tests see exactly the JSON the bot would send to Teams.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from typing import Any, Protocol

from aiohttp import web
from aiohttp.test_utils import TestServer
from microsoft_agents.hosting.core import (
    ChannelServiceClientFactoryBase,
    ClaimsIdentity,
    TurnContext,
)
from microsoft_agents.hosting.core.connector import ConnectorClientBase, UserTokenClientBase
from microsoft_agents.hosting.core.connector.client import UserTokenClient
from microsoft_agents.hosting.core.connector.teams import TeamsConnectorClient

Json = dict[str, Any]


class FakeConnector:
    """Records every activity the bot sends (new, reply or update) and answers with an id."""

    def __init__(self) -> None:
        """An idle connector; :meth:`start` serves it on a free loopback port."""
        self.sent: list[Json] = []
        self.updated: list[Json] = []
        self._ids = itertools.count(1)
        self._arrived = asyncio.Event()
        app = web.Application()
        app.router.add_post("/v3/conversations/{conversation}/activities", self._send)
        app.router.add_post("/v3/conversations/{conversation}/activities/{activity}", self._send)
        app.router.add_put("/v3/conversations/{conversation}/activities/{activity}", self._update)
        app.router.add_get("/v3/conversations/{conversation}/members/{member}", self._member)
        self.members: dict[str, Json] = {}
        """Member lookups answered by id (``userPrincipalName`` and so on), as Teams does."""
        self._server = TestServer(app, host="127.0.0.1")

    async def start(self) -> None:
        """Start serving."""
        await self._server.start_server()

    async def close(self) -> None:
        """Stop serving."""
        await self._server.close()

    @property
    def url(self) -> str:
        """The service URL to put in activities sent to the bot."""
        return str(self._server.make_url("/"))

    def messages(self) -> list[Json]:
        """The message activities sent so far (typing and other kinds left out)."""
        return [activity for activity in self.sent if activity.get("type") == "message"]

    def cards(self) -> list[Json]:
        """The Adaptive Cards in the messages sent so far, in order."""
        return _cards(self.messages())

    def updated_cards(self) -> list[Json]:
        """The Adaptive Cards that replaced earlier messages (``PUT``), in order."""
        return _cards(self.updated)

    def clear(self) -> None:
        """Forget what was sent so far."""
        self.sent.clear()
        self.updated.clear()

    async def _send(self, request: web.Request) -> web.Response:
        activity = await request.json()
        activity["_conversation"] = request.match_info["conversation"]
        activity["_id"] = f"activity-{next(self._ids)}"
        self.sent.append(activity)
        return web.json_response({"id": activity["_id"]})

    async def _member(self, request: web.Request) -> web.Response:
        member = self.members.get(request.match_info["member"])
        if member is None:
            return web.json_response(
                {"error": {"code": "MemberNotFoundInConversation"}}, status=404
            )
        return web.json_response(member)

    async def _update(self, request: web.Request) -> web.Response:
        activity = await request.json()
        activity["_activity"] = request.match_info["activity"]
        self.updated.append(activity)
        return web.json_response({"id": request.match_info["activity"]})


def _cards(activities: list[Json]) -> list[Json]:
    return [
        attachment["content"]
        for activity in activities
        for attachment in activity.get("attachments") or []
        if attachment.get("contentType") == "application/vnd.microsoft.card.adaptive"
    ]


class Served(Protocol):
    """A local service that speaks the Bot Connector protocol (this one, or the Teams emulator)."""

    @property
    def url(self) -> str:
        """Where it listens."""
        ...


class LocalConnectorFactory(ChannelServiceClientFactoryBase):
    """Sends every call to a local service, whatever the activity's service URL.

    Used with an authenticated bot, whose service URLs must be Microsoft's hosts; ``tokens``
    stands in for Entra (called once per client made, so a test can rotate the token).
    """

    def __init__(self, connector: Served, tokens: Callable[[], str] = lambda: "") -> None:
        """Route every client to ``connector``, authorised with ``tokens()``."""
        self._connector = connector
        self._tokens = tokens
        self.made = 0
        """How many connector clients were made."""

    async def create_connector_client(
        self,
        context: TurnContext | None,
        claims_identity: ClaimsIdentity,
        service_url: str,
        audience: str,
        scopes: list[str] | None = None,
        use_anonymous: bool = False,
    ) -> ConnectorClientBase:
        """A real connector client pointed at the local service."""
        self.made += 1
        return TeamsConnectorClient(endpoint=self._connector.url, token=self._tokens())

    async def create_user_token_client(
        self,
        context: TurnContext,
        claims_identity: ClaimsIdentity,
        use_anonymous: bool = False,
    ) -> UserTokenClientBase:
        """A user-token client that is never used by Paraat (no user sign-in)."""
        return UserTokenClient(app_id="local", endpoint=self._connector.url, token="")
