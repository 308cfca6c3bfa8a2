"""One Graph GET at a time, with paging, throttling and errors an operator can act on.

Requests are blocking (``requests``) and run in a worker thread, so the bot's event loop never
waits on the network; waits between tries are ``asyncio`` sleeps.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import requests

from directory.credentials import GraphCredentials
from directory.errors import DirectoryError, DirectoryUnreachable
from directory.retry import RETRY_STATUSES, RetryPolicy
from directory.session import DirectorySession
from directory.tokens import GraphToken

logger = logging.getLogger(__name__)

Json = dict[str, Any]
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class Purpose:
    """What a request is for, so its errors can say what failed and what to fix.

    Attributes:
        action: Finishes "Paraat could not …", e.g. ``read the members of group <id>``.
        permission: The least Graph application permission it needs.
        not_found: The message for a 404.
    """

    action: str
    permission: str
    not_found: str


@dataclass(frozen=True)
class _Reply:
    status: int
    retry_after: str | None
    body: Json


class GraphTransport:
    """Sends GETs to Graph as the app, and follows ``@odata.nextLink`` paging."""

    def __init__(
        self,
        credentials: GraphCredentials,
        *,
        retry: RetryPolicy | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        """No connection is made until the first request."""
        self._credentials = credentials
        self._base = credentials.graph_url.rstrip("/")
        self._token = GraphToken(credentials)
        self._retry = retry or RetryPolicy()
        self._sleep = sleep
        self._session = DirectorySession(credentials.verify)
        self._session.headers["Accept"] = "application/json"

    def close(self) -> None:
        """Close the connections to Entra and Graph."""
        self._session.close()
        self._token.close()

    async def pages(
        self, path: str, params: Mapping[str, str], purpose: Purpose
    ) -> AsyncIterator[list[Json]]:
        """The ``value`` of each page of a collection, following ``@odata.nextLink``.

        Raises:
            DirectoryError: Graph refused or kept failing; the message says what to fix.
        """
        url: str | None = f"{self._base}{path}?{urlencode(params, safe='$,()=')}"
        while url is not None:
            body = await self.get(url, purpose)
            value = body.get("value")
            if not isinstance(value, list):
                raise DirectoryError(
                    f"Microsoft Graph answered without a list of results; could not "
                    f"{purpose.action}."
                )
            yield [item for item in value if isinstance(item, dict)]
            url = self._next_link(body, purpose)

    async def get(self, url: str, purpose: Purpose) -> Json:
        """One JSON document from Graph, trying again when throttled or unreachable.

        Raises:
            DirectoryError: Graph refused or kept failing; the message says what to fix.
        """
        failures = 0
        token_renewed = False
        while True:
            try:
                reply = await asyncio.to_thread(self._send, url)
            except DirectoryUnreachable as error:
                failures += 1
                wait = self._retry.wait(failures, None)
                if wait is None:
                    raise
                logger.info("%s Trying again in %.1f s.", error, wait)
                await self._sleep(wait)
                continue
            if reply.status == 200:
                return reply.body
            if reply.status == 401 and not token_renewed:
                # The cached token may have been revoked: one more try with a new one.
                token_renewed = True
                await asyncio.to_thread(self._token.forget)
                continue
            if reply.status in RETRY_STATUSES:
                failures += 1
                wait = self._retry.wait(failures, reply.retry_after)
                if wait is None:
                    raise self._gave_up(reply, failures, purpose)
                logger.info(
                    "Microsoft Graph answered %d (%s); trying again in %.1f s.",
                    reply.status,
                    _code(reply.body),
                    wait,
                )
                await self._sleep(wait)
                continue
            raise self._refused(reply, purpose)

    def _send(self, url: str) -> _Reply:
        token = self._token.get()
        try:
            response = self._session.get(
                url,
                headers={"Authorization": f"Bearer {token}"},
                allow_redirects=False,
            )
        except requests.RequestException as error:
            raise DirectoryUnreachable(
                f"Cannot reach Microsoft Graph at {self._base} ({type(error).__name__})."
            ) from None
        try:
            body = response.json()
        except ValueError:
            body = {}
        return _Reply(
            response.status_code,
            response.headers.get("Retry-After"),
            body if isinstance(body, dict) else {},
        )

    def _next_link(self, body: Json, purpose: Purpose) -> str | None:
        link = body.get("@odata.nextLink")
        if link is None:
            return None
        # The link carries no token, but Paraat sends its token along: only to Graph itself.
        if not isinstance(link, str) or not link.startswith(f"{self._base}/"):
            raise DirectoryError(
                f"Microsoft Graph's next page is not under {self._base}; Paraat does not follow "
                f"it and could not {purpose.action}."
            )
        return link

    def _gave_up(self, reply: _Reply, failures: int, purpose: Purpose) -> DirectoryError:
        said = f"{reply.status} {_code(reply.body)}"
        if failures >= self._retry.attempts:
            return DirectoryError(
                f"Microsoft Graph was busy or unavailable ({said}) for {failures} tries; "
                f"Paraat could not {purpose.action}. It will work again once Graph recovers."
            )
        return DirectoryError(
            f"Microsoft Graph asked Paraat to wait {reply.retry_after} s ({said}), longer than "
            f"it waits; Paraat could not {purpose.action}. Try again later."
        )

    def _refused(self, reply: _Reply, purpose: Purpose) -> DirectoryError:
        said = f"{reply.status} {_code(reply.body)}"
        message = _message(reply.body)
        app = f"app {self._credentials.client_id}"
        if reply.status == 403:
            return DirectoryError(
                f"Microsoft Graph does not let Paraat {purpose.action} ({said}): the {app} lacks "
                f"the Graph application permission {purpose.permission}. Add it under the app "
                "registration's API permissions (type Application) and grant admin consent."
            )
        if reply.status == 401:
            return DirectoryError(
                f"Microsoft Graph refused Paraat's access token ({said}: {message}); Paraat could "
                f"not {purpose.action}. Check that tenant {self._credentials.tenant_id} is the "
                f"{app}'s own tenant and that the app is enabled."
            )
        if reply.status == 404:
            return DirectoryError(f"{purpose.not_found} ({said})")
        return DirectoryError(
            f"Microsoft Graph refused the request ({said}: {message}); Paraat could not "
            f"{purpose.action}."
        )


def _code(body: Json) -> str:
    error = body.get("error")
    code = error.get("code") if isinstance(error, dict) else None
    return str(code) if code else "no error code"


def _message(body: Json) -> str:
    error = body.get("error")
    message = error.get("message") if isinstance(error, dict) else None
    return str(message) if message else "no message"
