"""The Teams clients a turn uses are kept from one turn to the next (bot/turn_clients.py)."""

from __future__ import annotations

from typing import Any

from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.core.authorization import AgentAuthConfiguration, ClaimsIdentity

from bot.turn_clients import KeptClients

SERVICE = "http://127.0.0.1:9/teams/"
AUDIENCE = "https://api.botframework.com"


def _factory() -> KeptClients:
    configuration = AgentAuthConfiguration(anonymous_allowed=True)
    connections = MsalConnectionManager(
        connections_configurations={"SERVICE_CONNECTION": configuration}
    )
    return KeptClients(connections)


def _inner(client: Any) -> Any:
    return client._client


async def test_a_turns_close_keeps_the_client_for_the_next_turn() -> None:
    factory = _factory()
    identity = ClaimsIdentity({})
    first = await factory.create_connector_client(None, identity, SERVICE, AUDIENCE, None, True)
    await first.close()  # what the adapter does at the end of each turn
    second = await factory.create_connector_client(None, identity, SERVICE, AUDIENCE, None, True)

    assert _inner(second) is _inner(first)
    assert not _inner(second).client.closed
    await factory.close()
    assert _inner(first).client.closed


async def test_each_service_url_has_its_own_client() -> None:
    factory = _factory()
    identity = ClaimsIdentity({})
    one = await factory.create_connector_client(None, identity, SERVICE, AUDIENCE, None, True)
    other = await factory.create_connector_client(
        None, identity, "http://127.0.0.1:9/other/", AUDIENCE, None, True
    )

    assert _inner(one) is not _inner(other)
    await factory.close()


async def test_a_new_token_gets_a_new_client_and_the_old_one_is_closed_later() -> None:
    factory = _factory()
    identity = ClaimsIdentity({})
    tokens = iter(["one", "two"])

    class Provider:
        async def get_access_token(self, *_args: Any, **_kwargs: Any) -> str:
            return next(tokens)

    factory._connection_manager.get_token_provider = lambda *_args: Provider()  # type: ignore[method-assign,assignment]
    old = await factory.create_connector_client(None, identity, SERVICE, AUDIENCE)
    new = await factory.create_connector_client(None, identity, SERVICE, AUDIENCE)

    assert _inner(new) is not _inner(old)
    assert not _inner(old).client.closed  # a turn may still be using it
    await factory.close()
    assert _inner(old).client.closed and _inner(new).client.closed


async def test_the_user_token_client_is_kept_too() -> None:
    factory = _factory()
    identity = ClaimsIdentity({})
    context: Any = None
    first = await factory.create_user_token_client(context, identity, True)
    second = await factory.create_user_token_client(context, identity, True)

    assert _inner(first) is _inner(second)
    await factory.close()
