"""The Teams emulator itself, over raw HTTP: what it records and the failures it injects."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import ClientSession

from testkit.teams_emulator import NO_LIMITS, Limits, TeamsEmulator, Window

MESSAGE = {"type": "message", "text": "Pak je noodkaart"}


@pytest.fixture
async def emulator() -> AsyncIterator[TeamsEmulator]:
    teams = TeamsEmulator(NO_LIMITS)
    await teams.start()
    yield teams
    await teams.close()


@pytest.fixture
async def http(emulator: TeamsEmulator) -> AsyncIterator[ClientSession]:
    async with ClientSession(base_url=emulator.url) as session:
        yield session


async def post(http: ClientSession, path: str, body: Any) -> tuple[int, Any]:
    async with http.post(path, json=body) as response:
        return response.status, await response.json()


async def test_a_504_that_was_delivered_makes_a_duplicate_when_sent_again(
    emulator: TeamsEmulator, http: ClientSession
) -> None:
    emulator.fail_next("a:1", 504, delivered=True)

    first, error = await post(http, "v3/conversations/a:1/activities", MESSAGE)
    again, _ = await post(http, "v3/conversations/a:1/activities", MESSAGE)

    assert (first, error["error"]["code"], again) == (504, "GatewayTimeout", 200)
    assert emulator.counts() == {"a:1": 2}
    assert [m.message_id for m in emulator.duplicates()] == [emulator.messages[1].message_id]


async def test_chaos_is_repeatable_with_the_same_seed() -> None:
    async def statuses(seed: int) -> list[int]:
        teams = TeamsEmulator(NO_LIMITS, seed=seed)
        teams.chaos(0.5)
        await teams.start()
        try:
            async with ClientSession(base_url=teams.url) as http:
                return [
                    (await post(http, f"v3/conversations/a:{n}/activities", MESSAGE))[0]
                    for n in range(20)
                ]
        finally:
            await teams.close()

    first, same, other = await statuses(1), await statuses(1), await statuses(2)

    assert first == same != other
    assert set(first) - {200} <= {412, 502, 503, 504}
    assert 0 < first.count(200) < 20


async def test_updates_need_a_message_that_exists(
    emulator: TeamsEmulator, http: ClientSession
) -> None:
    _, sent = await post(http, "v3/conversations/a:1/activities", MESSAGE)
    path = f"v3/conversations/a:1/activities/{sent['id']}"

    async with http.put(path, json=MESSAGE | {"text": "Nieuw"}) as response:
        assert response.status == 200
    async with http.put("v3/conversations/a:1/activities/999", json=MESSAGE) as response:
        assert response.status == 404

    assert [(u.message_id, u.activity["text"]) for u in emulator.updates] == [(sent["id"], "Nieuw")]


async def test_create_needs_a_tenant_or_a_channel_post(
    emulator: TeamsEmulator, http: ClientSession
) -> None:
    no_tenant, _ = await post(http, "v3/conversations", {"members": [{"id": "u1"}]})
    empty_post, _ = await post(
        http, "v3/conversations", {"isGroup": True, "channelData": {"channel": {"id": "19:c"}}}
    )
    personal, created = await post(
        http, "v3/conversations", {"members": [{"id": "u1"}], "tenantId": "t"}
    )

    assert (no_tenant, empty_post, personal) == (400, 400, 201)
    assert created == {"id": emulator.personal_conversation("u1")}
    assert emulator.messages == []


async def test_new_limits_start_counting_afresh(
    emulator: TeamsEmulator, http: ClientSession
) -> None:
    emulator.set_limits(Limits(per_conversation=(Window(2, 60),), per_tenant=()))

    statuses = [(await post(http, "v3/conversations/a:1/activities", MESSAGE))[0] for _ in range(3)]

    assert statuses == [200, 200, 429]
    assert [(t.scope, t.retry_after) for t in emulator.throttles] == [("conversation", 60)]
