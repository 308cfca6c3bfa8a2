"""Inbound auth: with an app id every request needs a valid Bot Framework token; bad input is 4xx.

The bot runs for real (aiohttp, the Agents SDK, SQLite); tokens are signed by a local issuer whose
JWKS the SDK's own validator fetches over HTTP (:mod:`tests.support.jwt_issuer`).
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from microsoft_agents.hosting.core.authorization import AgentAuthConfiguration
from pydantic import SecretStr
from pytest_aiohttp import AiohttpClient

from bot.app import Services, create_app
from cards.help import help_card
from config.settings import Settings, SettingsError, load_settings
from content.loader import Library
from store.database import Database
from testkit import activities
from testkit.connector import FakeConnector, LocalConnectorFactory
from tests.support.jwt_issuer import BOT_FRAMEWORK_ISSUER, BotFrameworkIssuer, sdk_jwks_url
from wiring.features import catalogue

Json = dict[str, Any]
Client = TestClient[Any, Any]

APP_ID = "5e1f0c7a-8f2d-4b4e-9a51-3c2d7b9e0f11"
TENANT_ID = "0f4b2e6c-1d3a-4c5b-8e7f-9a0b1c2d3e4f"
OTHER_TENANT_ID = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"
SERVICE_URL = "https://smba.trafficmanager.net/emea/"
ENTRA_ISSUER = f"https://login.microsoftonline.com/{TENANT_ID}/v2.0"
GOV_ISSUER = "https://api.botframework.us"
EXPIRED = 600
"""Seconds: the SDK allows 300 s of clock skew on exp/nbf/iat, so "expired" must be older."""


def auth_settings(sqlite_url: str, data_dir: Path) -> Settings:
    """Settings of a bot registered in Entra (not local mode)."""
    return Settings(  # type: ignore[call-arg]  # _env_file is pydantic-settings' own
        app_id=APP_ID,
        app_password=SecretStr("client-secret"),
        tenant_id=TENANT_ID,
        user_key_secret=SecretStr("user-key-secret"),
        database_url=sqlite_url,
        data_dir=data_dir,
        _env_file=None,
    )


@pytest.fixture(autouse=True)
def _no_paraat_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings come from the test alone, never from the developer's environment."""
    for name in list(os.environ):
        if name.startswith("PARAAT_"):
            monkeypatch.delenv(name)


@pytest.fixture
async def teams() -> AsyncIterator[FakeConnector]:
    """The local Bot Connector that receives the bot's replies."""
    connector = FakeConnector()
    await connector.start()
    yield connector
    await connector.close()


@pytest.fixture
async def issuer() -> AsyncIterator[BotFrameworkIssuer]:
    """The local token issuer, its JWKS used by the SDK for every issuer a test token names."""
    configuration = AgentAuthConfiguration(client_id=APP_ID, tenant_id=TENANT_ID)
    # The SDK picks the key set by the token's (unverified) issuer. The wrong-issuer cases
    # must fail on the issuer check, not on a key download from Microsoft, so every key set
    # they route to is served locally as well.
    routed = {
        sdk_jwks_url(iss, configuration) for iss in (BOT_FRAMEWORK_ISSUER, ENTRA_ISSUER, GOV_ISSUER)
    }
    async with BotFrameworkIssuer(APP_ID) as local:
        with local.serving_validator(*routed):
            yield local


@pytest.fixture
async def bot(
    aiohttp_client: AiohttpClient,
    sqlite_url: str,
    tmp_path: Path,
    teams: FakeConnector,
    issuer: BotFrameworkIssuer,
    bundled: Library,
) -> Client:
    """The bot with an app id: inbound tokens required, replies go to :func:`teams`."""
    settings = auth_settings(sqlite_url, tmp_path)
    services = Services(
        Database(sqlite_url), client_factory=LocalConnectorFactory(teams), library=bundled
    )
    return await aiohttp_client(create_app(settings, services))


def help_message() -> Json:
    """A user types "help" in a personal chat, from Teams' EMEA service."""
    return activities.message(SERVICE_URL, "help")


async def post(
    client: Client,
    authorization: str | None,
    body: bytes | None = None,
    content_type: str = "application/json",
) -> int:
    """POST to /api/messages; the status. ``body`` None sends :func:`help_message`."""
    headers = {"Content-Type": content_type}
    if authorization is not None:
        headers["Authorization"] = authorization
    data = json.dumps(help_message()).encode() if body is None else body
    response = await client.post("/api/messages", data=data, headers=headers)
    await response.read()
    return response.status


def assert_helped(teams: FakeConnector) -> None:
    """The bot answered "help" with the (Dutch) help card, and nothing else."""
    assert teams.cards() == [help_card("nl", catalogue().help_entries("nl"))]


def bearer(token: str) -> str:
    return f"Bearer {token}"


def _b64(part: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(part).encode()).rstrip(b"=").decode()


def now() -> int:
    return int(time.time())


Authorization = Callable[[BotFrameworkIssuer], str | None]


@dataclass(frozen=True)
class Refused:
    """A request whose Authorization header must be refused with 401."""

    name: str
    authorization: Authorization

    def __str__(self) -> str:
        return self.name


def signed(**options: Any) -> Authorization:
    """A Bearer token from the issuer for :data:`SERVICE_URL`, made wrong by ``options``."""
    return lambda issuer: bearer(issuer.token(SERVICE_URL, **options))


def claims(**changes: Any) -> Authorization:
    """A properly signed token with ``changes`` to its claims.

    A callable value is called when the token is made (times relative to the test's now).
    """
    return lambda issuer: bearer(
        issuer.token(
            SERVICE_URL,
            changes={k: v() if callable(v) else v for k, v in changes.items()},
        )
    )


REFUSED = [
    # Signature and key
    Refused(
        "forged signature", lambda issuer: bearer(issuer.token(SERVICE_URL, key=issuer.stranger))
    ),
    Refused("unknown kid", signed(kid="rotated-away")),
    Refused("no kid", signed(kid=None)),
    Refused("HS256 signed with the public key", signed(algorithm="HS256")),
    Refused("alg none", signed(algorithm="none")),
    Refused("RS512 with the published key", signed(algorithm="RS512")),
    # Lifetime (beyond the SDK's 300 s leeway)
    Refused("expired", claims(exp=lambda: now() - EXPIRED, iat=lambda: now() - 3600)),
    Refused("not yet valid", claims(nbf=lambda: now() + EXPIRED)),
    Refused("issued in the future", claims(iat=lambda: now() + EXPIRED)),
    Refused("no exp", signed(without=["exp"])),
    # Audience
    Refused("wrong audience", claims(aud="11111111-2222-3333-4444-555555555555")),
    Refused("audience as a list", claims(aud=[APP_ID])),
    Refused("no audience", signed(without=["aud"])),
    # Issuer (VALIDATE_ISSUER is on)
    Refused("wrong issuer", claims(iss="https://evil.example.com/")),
    Refused(
        "other tenant's issuer",
        claims(iss=f"https://login.microsoftonline.com/{OTHER_TENANT_ID}/v2.0"),
    ),
    Refused("US Government issuer", claims(iss=GOV_ISSUER)),
    Refused("no issuer", signed(without=["iss"])),
    # Service URL: the token's must be the activity's, and a Microsoft host
    Refused("serviceurl of another host", claims(serviceurl="https://evil.example.com/emea/")),
    Refused(
        "serviceurl of another region", claims(serviceurl="https://smba.trafficmanager.net/amer/")
    ),
    Refused("no serviceurl", signed(without=["serviceurl"])),
    # The header itself
    Refused("no Authorization header", lambda _issuer: None),
    Refused("empty header", lambda _issuer: ""),
    Refused("Basic xyz", lambda _issuer: "Basic xyz"),
    Refused("valid token, Basic scheme", lambda issuer: f"Basic {issuer.token(SERVICE_URL)}"),
    Refused("Bearer alone", lambda _issuer: "Bearer "),
    Refused("garbage after Bearer", lambda _issuer: "Bearer not-a-token"),
    Refused("three garbage segments", lambda _issuer: "Bearer a.b.c"),
    Refused("header not an object", lambda _issuer: f"Bearer {_b64([])}.{_b64({})}.c2ln"),
    Refused("token and more", lambda issuer: f"Bearer {issuer.token(SERVICE_URL)} extra"),
    Refused("non-ASCII garbage", lambda _issuer: "Bearer \u00e9\u00e9\u00e9.\u00e9.\u00e9"),
]


@pytest.mark.parametrize("case", REFUSED, ids=str)
async def test_a_bad_token_is_401_and_the_bot_does_nothing(
    bot: Client, teams: FakeConnector, issuer: BotFrameworkIssuer, case: Refused
) -> None:
    assert await post(bot, case.authorization(issuer)) == 401
    assert teams.sent == []


@pytest.mark.parametrize(
    "authorization",
    [
        pytest.param(lambda issuer: bearer(issuer.token(SERVICE_URL)), id="Bot Framework token"),
        pytest.param(
            lambda issuer: f"bearer  {issuer.token(SERVICE_URL)} ", id="lower-case scheme"
        ),
        pytest.param(claims(iss=ENTRA_ISSUER), id="Entra token of the bot's tenant"),
        pytest.param(claims(exp=lambda: now() - 60), id="expired a minute ago (clock skew)"),
    ],
)
async def test_a_valid_token_gets_the_bot_to_answer(
    bot: Client, teams: FakeConnector, issuer: BotFrameworkIssuer, authorization: Authorization
) -> None:
    assert await post(bot, authorization(issuer)) == 202
    assert_helped(teams)
    assert issuer.jwks_requests == 1  # the SDK's validator fetched the key over HTTP


def activity_without(*path: str) -> bytes:
    """The help message with the field at ``path`` removed."""
    activity = help_message()
    node = activity
    for name in path[:-1]:
        node = node[name]
    del node[path[-1]]
    return json.dumps(activity).encode()


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


@dataclass(frozen=True)
class BadBody:
    """A validly authenticated request whose body must be refused with ``status``."""

    name: str
    body: bytes
    status: int
    content_type: str = "application/json"

    def __str__(self) -> str:
        return self.name


BAD_BODIES = [
    BadBody("not JSON", b"help", 415),
    BadBody("empty body", b"", 415),
    BadBody("not UTF-8", b'{"type": "message\xff"}', 415),
    BadBody("JSON as text/plain", json.dumps(help_message()).encode(), 415, "text/plain"),
    BadBody("form data", b"type=message", 415, "application/x-www-form-urlencoded"),
    BadBody("JSON array", b"[]", 400),
    BadBody("array of activities", json.dumps([help_message()]).encode(), 400),
    BadBody("JSON null", b"null", 400),
    BadBody("JSON number", b"3", 400),
    BadBody("empty object", b"{}", 400),
    BadBody("object that is no activity", b'{"hello": "world"}', 400),
    BadBody("activity with a wrongly typed field", b'{"type": ["message"]}', 400),
    BadBody("activity without conversation id", activity_without("conversation", "id"), 400),
    BadBody("activity without conversation", activity_without("conversation"), 400),
    BadBody("activity without type", activity_without("type"), 400),
    BadBody("activity without serviceUrl", activity_without("serviceUrl"), 401),
    BadBody("nested too deeply", nested(100_000), 400),
    BadBody("over the size limit", b'{"text": "' + b"x" * (300 * 1024) + b'"}', 413),
]


@pytest.mark.parametrize("case", BAD_BODIES, ids=str)
async def test_a_bad_body_is_refused_with_the_right_status(
    bot: Client, teams: FakeConnector, issuer: BotFrameworkIssuer, case: BadBody
) -> None:
    token = bearer(issuer.token(SERVICE_URL))
    assert await post(bot, token, case.body, case.content_type) == case.status
    assert teams.sent == []


async def test_a_service_url_outside_microsoft_is_refused(
    bot: Client, teams: FakeConnector, issuer: BotFrameworkIssuer
) -> None:
    """Token and activity agree, but the host is not Microsoft's: the SDK's host validator."""
    elsewhere = "https://evil.example.com/emea/"
    token = bearer(issuer.token(elsewhere))
    body = json.dumps(activities.message(elsewhere, "help")).encode()
    assert await post(bot, token, body) == 401
    assert teams.sent == []


async def test_teams_content_type_with_charset_is_json(
    bot: Client, teams: FakeConnector, issuer: BotFrameworkIssuer
) -> None:
    token = bearer(issuer.token(SERVICE_URL))
    body = json.dumps(help_message()).encode()
    assert await post(bot, token, body, "application/json; charset=utf-8") == 202
    assert_helped(teams)


async def test_the_server_survives_every_bad_request_at_once(
    bot: Client, teams: FakeConnector, issuer: BotFrameworkIssuer
) -> None:
    token = bearer(issuer.token(SERVICE_URL))
    bad = [post(bot, case.authorization(issuer)) for case in REFUSED] + [
        post(bot, token, case.body, case.content_type) for case in BAD_BODIES
    ]
    statuses = await asyncio.gather(*bad)
    expected = [401] * len(REFUSED) + [case.status for case in BAD_BODIES]
    assert statuses == expected
    assert teams.sent == []

    assert await post(bot, bearer(issuer.token(SERVICE_URL))) == 202
    assert_helped(teams)


async def test_local_mode_needs_no_token(
    aiohttp_client: AiohttpClient,
    sqlite_url: str,
    tmp_path: Path,
    teams: FakeConnector,
    bundled: Library,
) -> None:
    settings = Settings(  # type: ignore[call-arg]  # _env_file is pydantic-settings' own
        database_url=sqlite_url, data_dir=tmp_path, _env_file=None
    )
    services = Services(
        Database(sqlite_url), client_factory=LocalConnectorFactory(teams), library=bundled
    )
    client = await aiohttp_client(create_app(settings, services))

    body = json.dumps(activities.message(teams.url, "help")).encode()
    assert await post(client, None, body) == 202
    assert_helped(teams)


def test_local_mode_refuses_to_listen_beyond_loopback() -> None:
    with pytest.raises(SettingsError, match="PARAAT_HOST"):
        load_settings(env_file=None, host="0.0.0.0")
