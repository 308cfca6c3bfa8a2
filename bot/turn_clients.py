"""The clients a turn uses to reach Teams, kept from one turn to the next.

The SDK's own factory builds, for every turn, a new connector client and a new user token client,
each with its own aiohttp session (so every reply opens a new TCP and TLS connection) and its own
``User-Agent`` string, which reads the package metadata from disk. :class:`KeptClients` gets the
token the same way (MSAL keeps it cached) and hands out the client already made for that service
URL and that token; a new token gets a new client, and the old one is closed a while later, when
no turn uses it any more. The adapter's "close" at the end of each turn is ignored; the app closes
the clients when it stops. Agentic requests and Copilot Studio's connector go the SDK's own way.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, cast

from microsoft_agents.activity import RoleTypes
from microsoft_agents.hosting.core import (
    RestChannelServiceClientFactory,
    TurnContext,
)
from microsoft_agents.hosting.core.authorization import ClaimsIdentity, Connections
from microsoft_agents.hosting.core.connector import ConnectorClientBase
from microsoft_agents.hosting.core.connector.client import UserTokenClient
from microsoft_agents.hosting.core.connector.teams import TeamsConnectorClient

logger = logging.getLogger(__name__)

RETIRE_SECONDS = 120.0
"""How long a client whose token was replaced stays open for the turns still using it."""


class _Kept:
    """A kept client as the adapter sees it: everything but ``close`` goes to the client."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    async def close(self) -> None:
        """The turn is over; the client stays for the next one."""


class KeptClients(RestChannelServiceClientFactory):
    """The SDK's REST client factory, keeping one client per service URL and token."""

    def __init__(self, connection_manager: Connections) -> None:
        """Get tokens from ``connection_manager``, as the SDK's factory does."""
        super().__init__(connection_manager)
        self._connectors: dict[str, tuple[str, TeamsConnectorClient]] = {}
        self._user_tokens: dict[str | None, tuple[str, UserTokenClient]] = {}
        self._retired: list[Any] = []
        self._closing: set[asyncio.Task[None]] = set()

    async def create_connector_client(
        self,
        context: TurnContext | None,
        claims_identity: ClaimsIdentity,
        service_url: str,
        audience: str,
        scopes: list[str] | None = None,
        use_anonymous: bool = False,
    ) -> ConnectorClientBase:
        """The connector client for ``service_url`` with the current token."""
        if not service_url or not audience or _special(context):
            return await super().create_connector_client(
                context, claims_identity, service_url, audience, scopes, use_anonymous
            )
        provider = (
            self._ANONYMOUS_TOKEN_PROVIDER
            if use_anonymous
            else self._connection_manager.get_token_provider(claims_identity, service_url)
        )
        token = await provider.get_access_token(
            audience, scopes or claims_identity.get_token_scope()
        )
        kept = self._connectors.get(service_url)
        if kept is None or kept[0] != token:
            if kept is not None:
                self._retire(kept[1])
            kept = (token, TeamsConnectorClient(endpoint=service_url, token=token))
            self._connectors[service_url] = kept
        return cast(ConnectorClientBase, _Kept(kept[1]))

    async def create_user_token_client(
        self,
        context: TurnContext,
        claims_identity: ClaimsIdentity,
        use_anonymous: bool = False,
    ) -> UserTokenClient:
        """The user token client for the app with the current token (none when anonymous)."""
        if _special(context):
            return await super().create_user_token_client(context, claims_identity, use_anonymous)
        token = ""
        if not use_anonymous:
            provider = self._connection_manager.get_token_provider(
                claims_identity, self._token_service_endpoint
            )
            token = await provider.get_access_token(
                self._token_service_audience, claims_identity.get_token_scope()
            )
            if not token:  # the SDK's own error for it
                return await super().create_user_token_client(
                    context, claims_identity, use_anonymous
                )
        app_id = claims_identity.get_app_id()
        kept = self._user_tokens.get(app_id)
        if kept is None or kept[0] != token:
            if kept is not None:
                self._retire(kept[1])
            client = UserTokenClient(
                app_id=app_id, endpoint=self._token_service_endpoint, token=token
            )
            kept = (token, client)
            self._user_tokens[app_id] = kept
        return cast(UserTokenClient, _Kept(kept[1]))

    def _retire(self, client: Any) -> None:
        self._retired.append(client)

        async def later() -> None:
            await asyncio.sleep(RETIRE_SECONDS)
            if client in self._retired:
                self._retired.remove(client)
                await _close(client)

        task = asyncio.get_running_loop().create_task(later())
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def close(self) -> None:
        """Close every client (the app stops)."""
        clients: list[Any] = [client for _, client in self._connectors.values()]
        clients += [client for _, client in self._user_tokens.values()]
        clients += self._retired
        self._connectors.clear()
        self._user_tokens.clear()
        self._retired.clear()
        for task in list(self._closing):
            task.cancel()
        for client in clients:
            await _close(client)


def _special(context: TurnContext | None) -> bool:
    """Agentic requests and Copilot Studio's connector: left to the SDK's factory."""
    if context is None:
        return False
    activity = context.activity
    if activity.is_agentic_request():
        return True
    return bool(activity.recipient and activity.recipient.role == RoleTypes.connector_user)


async def _close(client: Any) -> None:
    try:
        await client.close()
    except Exception:  # closing a session that broke already: nothing more to give back
        logger.debug("Closing a kept Teams client failed.", exc_info=True)
