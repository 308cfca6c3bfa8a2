"""A local Bot Framework token issuer: its own RSA keys, a JWKS endpoint on loopback, real tokens.

The Bot Framework signs the tokens it sends to a bot with RS256 and publishes its public keys as
a JWKS document. :class:`BotFrameworkIssuer` does the same on a free loopback port, and
:meth:`BotFrameworkIssuer.serving_validator` makes the Agents SDK's ``JwtTokenValidator`` fetch
its keys from there (over real HTTP) instead of from ``login.botframework.com``. Nothing in the
validation itself is replaced: the SDK's own code decodes, looks up the key and checks the claims.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Literal

import jwt
from aiohttp import web
from aiohttp.test_utils import TestServer
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from microsoft_agents.hosting.core.authorization import AgentAuthConfiguration
from microsoft_agents.hosting.core.authorization._entra_issuers import (
    BOTFRAMEWORK_JWKS_URIS,
    BOTFRAMEWORK_PUBLIC_ISSUER,
)
from microsoft_agents.hosting.core.authorization.jwt import JwtTokenValidator
from microsoft_agents.hosting.core.authorization.jwt.jwt_token_validator import (
    _build_jwks_uri,
    _JwkClientCacheEntry,
)

Json = dict[str, Any]
Algorithm = Literal["RS256", "RS384", "RS512", "HS256", "none"]

BOT_FRAMEWORK_ISSUER = BOTFRAMEWORK_PUBLIC_ISSUER
"""``https://api.botframework.com``: the ``iss`` of tokens the Bot Framework sends to bots."""
BOT_FRAMEWORK_JWKS_URL = BOTFRAMEWORK_JWKS_URIS[BOT_FRAMEWORK_ISSUER]
"""Where the SDK fetches the Bot Framework's keys from (its cache key for them)."""
KEY_ID = "paraat-test-key"
"""The ``kid`` of the issuer's published key."""


def new_rsa_key() -> rsa.RSAPrivateKey:
    """A fresh 2048-bit RSA key, the size the Bot Framework uses."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def sdk_jwks_url(issuer: str, configuration: AgentAuthConfiguration) -> str:
    """The JWKS URL the SDK's validator uses for tokens from ``issuer`` (its own routing)."""
    return _build_jwks_uri(issuer, configuration, configuration)


class BotFrameworkIssuer:
    """Mints Bot Framework-shaped tokens and publishes the public key that verifies them.

    ``key`` is published in the JWKS under :data:`KEY_ID`; ``stranger`` is a second key that is
    never published (a token signed with it has a forged signature).
    """

    def __init__(self, app_id: str) -> None:
        """An issuer for tokens meant for the bot ``app_id``; :meth:`start` serves the JWKS."""
        self.app_id = app_id
        self.key = new_rsa_key()
        self.stranger = new_rsa_key()
        self.jwks_requests = 0
        app = web.Application()
        app.router.add_get("/keys", self._keys)
        self._server = TestServer(app, host="127.0.0.1")

    async def start(self) -> None:
        """Serve the JWKS document."""
        await self._server.start_server()

    async def close(self) -> None:
        """Stop serving."""
        await self._server.close()

    async def __aenter__(self) -> BotFrameworkIssuer:
        await self.start()
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.close()

    @property
    def jwks_url(self) -> str:
        """The local JWKS endpoint (real HTTP on loopback)."""
        return str(self._server.make_url("/keys"))

    def jwks(self) -> Json:
        """The published key set: the public half of :attr:`key`, under :data:`KEY_ID`."""
        public = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [public | {"kid": KEY_ID, "use": "sig", "alg": "RS256"}]}

    @contextmanager
    def serving_validator(self, *sdk_urls: str) -> Iterator[None]:
        """Make the SDK's validator fetch keys for ``sdk_urls`` from this issuer's JWKS.

        ``sdk_urls`` are JWKS URLs as the SDK builds them (default: the Bot Framework's,
        :data:`BOT_FRAMEWORK_JWKS_URL`; see :func:`sdk_jwks_url` for others). The validator's
        class-wide key-client cache gets a fresh ``PyJWKClient`` for each, pointed at
        :attr:`jwks_url`; the previous entries (or their absence) come back afterwards.
        """
        cache = JwtTokenValidator._jwk_client_manager._cache
        urls = sdk_urls or (BOT_FRAMEWORK_JWKS_URL,)
        previous = {url: cache.get(url) for url in urls}
        for url in urls:
            cache[url] = _JwkClientCacheEntry(
                jwt.PyJWKClient(self.jwks_url, timeout=5), threading.Lock()
            )
        try:
            yield
        finally:
            for url, entry in previous.items():
                if entry is None:
                    cache.pop(url, None)
                else:
                    cache[url] = entry

    def claims(self, service_url: str, *, lifetime: int = 3600) -> Json:
        """The claims of a token the Bot Framework would send now for a ``service_url``."""
        now = int(time.time())
        return {
            "iss": BOT_FRAMEWORK_ISSUER,
            "aud": self.app_id,
            "serviceurl": service_url,
            "iat": now,
            "nbf": now,
            "exp": now + lifetime,
        }

    def token(
        self,
        service_url: str,
        *,
        changes: Mapping[str, Any] | None = None,
        without: Collection[str] = (),
        kid: str | None = KEY_ID,
        key: rsa.RSAPrivateKey | None = None,
        algorithm: Algorithm = "RS256",
    ) -> str:
        """A signed token for ``service_url``; every option makes it wrong in one way.

        Args:
            service_url: The ``serviceurl`` claim.
            changes: Claims to set or replace (``exp`` in the past, another ``aud``, ...).
            without: Claims to leave out.
            kid: The header's key id; None leaves ``kid`` out of the header.
            key: Sign with this RSA key instead of the published one (e.g. :attr:`stranger`).
            algorithm: ``RS256`` as the Bot Framework does; ``RS384``/``RS512`` with the real
                key; ``HS256`` HMAC-signed with the published public key as the secret (the
                classic algorithm-confusion attack); ``none`` unsigned.
        """
        payload = self.claims(service_url) | dict(changes or {})
        for name in without:
            payload.pop(name, None)
        header: Json = {"kid": kid} if kid is not None else {}
        if algorithm in ("RS256", "RS384", "RS512"):
            return jwt.encode(payload, key or self.key, algorithm=algorithm, headers=header)
        header = {"alg": algorithm, "typ": "JWT"} | header
        signing_input = f"{_segment(header)}.{_segment(payload)}"
        if algorithm == "none":
            return f"{signing_input}."
        secret = self.key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
        return f"{signing_input}.{_b64(signature)}"

    async def _keys(self, _request: web.Request) -> web.Response:
        self.jwks_requests += 1
        return web.json_response(self.jwks())


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _segment(part: object) -> str:
    return _b64(json.dumps(part, separators=(",", ":")).encode())
