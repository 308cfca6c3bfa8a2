"""Talking to the bot in the bot tier: posting activities to the aiohttp test client."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp.test_utils import TestClient

Json = dict[str, Any]
MakeBot = Callable[..., Awaitable[TestClient[Any, Any]]]
"""Starts the bot with extra settings: ``await make_bot(follow_client_language=True)``."""


async def send(client: TestClient[Any, Any], activity: Json) -> int:
    """Post one activity to the bot; the HTTP status."""
    response = await client.post("/api/messages", json=activity)
    return response.status


async def invoke(client: TestClient[Any, Any], activity: Json) -> Json:
    """Post an Action.Execute; the card that replaces the clicked one."""
    response = await client.post("/api/messages", json=activity)
    assert response.status == 200, await response.text()
    body = await response.json()
    assert body["statusCode"] == 200 and body["type"] == "application/vnd.microsoft.card.adaptive"
    card: Json = body["value"]
    return card
