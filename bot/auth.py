"""Who may call ``/api/messages``: Bot Framework tokens in production, anyone on loopback locally.

Every failure of token validation is a 401, never a 500: the SDK's own validator raises
assorted errors (a token without ``kid`` gives a ``KeyError``), so all of them are caught here.
The edge logs each refusal once (:mod:`bot.refusals`), with the reason :class:`Unauthorized`
carries.
"""

from __future__ import annotations

from typing import Protocol

from microsoft_agents.hosting.core import ClaimsIdentity
from microsoft_agents.hosting.core.authorization import AgentAuthConfiguration
from microsoft_agents.hosting.core.authorization.jwt import JwtTokenValidator
from yarl import URL

SERVICE_URL_CLAIM = "serviceurl"


class Unauthorized(Exception):
    """The request did not prove it comes from the Bot Framework for this app."""


class InboundAuth(Protocol):
    """Checks the caller of ``/api/messages``."""

    async def authenticate(self, authorization: str | None) -> ClaimsIdentity:
        """The caller's identity, or :class:`Unauthorized`."""
        ...

    def check_service_url(self, identity: ClaimsIdentity, service_url: str | None) -> None:
        """Raise :class:`Unauthorized` when the activity's service URL is not the token's."""
        ...


class LocalAuth:
    """Local mode: no tokens (the Agents Playground sends none); loopback only, by settings."""

    async def authenticate(self, authorization: str | None) -> ClaimsIdentity:
        """Everyone is the anonymous local caller."""
        return ClaimsIdentity()

    def check_service_url(self, identity: ClaimsIdentity, service_url: str | None) -> None:
        """Nothing to compare against in local mode."""


class BotFrameworkAuth:
    """Validates the Bot Framework JWT: signature, expiry, audience, issuer and service URL."""

    def __init__(self, configuration: AgentAuthConfiguration) -> None:
        """Validate against the app id, tenant and issuers of ``configuration``."""
        self._configuration = configuration

    async def authenticate(self, authorization: str | None) -> ClaimsIdentity:
        """The token's claims; :class:`Unauthorized` for a missing, malformed or bad token."""
        if not authorization:
            raise Unauthorized("no Authorization header")
        scheme, _, token = authorization.strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token or " " in token:
            raise Unauthorized("malformed Authorization header")
        try:
            identity = await JwtTokenValidator(self._configuration).validate_token(token)
        except Exception as error:  # any validation failure is the caller's problem: 401
            raise Unauthorized(f"token refused ({type(error).__name__})") from None
        if identity.get_claim_value("exp") is None:  # the SDK checks exp only when present
            raise Unauthorized("token without an expiry (exp)")
        return identity

    def check_service_url(self, identity: ClaimsIdentity, service_url: str | None) -> None:
        """The token's ``serviceurl`` claim must name the activity's service URL."""
        claimed = identity.get_claim_value(SERVICE_URL_CLAIM)
        if not service_url or not isinstance(claimed, str) or not _same_url(claimed, service_url):
            raise Unauthorized("the activity's service URL is not the token's")


def _same_url(a: str, b: str) -> bool:
    try:
        left, right = URL(a), URL(b)
    except (ValueError, TypeError):
        return False
    return (
        left.scheme.lower() == right.scheme.lower()
        and (left.host or "").lower() == (right.host or "").lower()
        and left.port == right.port
        and left.path.rstrip("/") == right.path.rstrip("/")
    )
