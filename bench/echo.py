"""The baseline: a bare Microsoft 365 Agents SDK echo bot, wired the way the SDK's samples are.

It echoes a message's text back through the Bot Connector, and answers an Action.Execute invoke
with a one-line card naming the verb, so both kinds of Paraat turn have a like-for-like baseline.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from aiohttp import web
from microsoft_agents.activity import AdaptiveCardInvokeResponse
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.aiohttp import (
    CloudAdapter,
    jwt_authorization_middleware,
    start_agent_process,
)
from microsoft_agents.hosting.core import AgentApplication, MemoryStorage, TurnContext, TurnState
from microsoft_agents.hosting.core.authorization import AgentAuthConfiguration

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"


def create_echo_app() -> web.Application:
    """The echo bot as an aiohttp application with ``POST /api/messages``, anonymous (local)."""
    configuration = AgentAuthConfiguration(anonymous_allowed=True)
    connections = MsalConnectionManager(
        connections_configurations={"SERVICE_CONNECTION": configuration}
    )
    adapter = CloudAdapter(connection_manager=connections)
    # No typing timer, as in Paraat: both bots do the same SDK work around the handler.
    agent = AgentApplication[TurnState](
        storage=MemoryStorage(), connection_manager=connections, start_typing_timer=False
    )

    @agent.activity("message")
    async def echo(context: TurnContext, _state: TurnState) -> None:
        await context.send_activity(context.activity.text or "")

    @agent.adaptive_card.action_execute(re.compile(r".+"))
    async def echo_card(
        context: TurnContext, _state: TurnState, data: Any
    ) -> AdaptiveCardInvokeResponse:
        verb = data.get("verb") if isinstance(data, dict) else None
        card = {
            "type": "AdaptiveCard",
            "version": "1.5",
            "body": [{"type": "TextBlock", "text": f"echo {verb}", "wrap": True}],
        }
        return AdaptiveCardInvokeResponse(status_code=200, type=CARD_CONTENT_TYPE, value=card)

    async def messages(request: web.Request) -> web.StreamResponse:
        response = await start_agent_process(request, agent, adapter)
        return response or web.Response(status=202)

    app = web.Application(middlewares=[jwt_authorization_middleware])
    with warnings.catch_warnings():
        # The SDK's middleware reads its configuration under this plain string key.
        warnings.simplefilter("ignore", web.NotAppKeyWarning)
        app["agent_configuration"] = configuration

    async def readyz(_request: web.Request) -> web.Response:
        return web.json_response({"status": "ready"})

    app.router.add_post("/api/messages", messages)
    # Ready as soon as it serves: the start-up the benchmark times is the SDK's and aiohttp's.
    app.router.add_get("/readyz", readyz)
    return app
