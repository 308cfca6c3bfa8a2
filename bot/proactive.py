"""Proactive sends through the Agents SDK's connector client: the edge's
:class:`~conversation.proactive.ProactiveSender`.

One connector client (one aiohttp session, so kept-alive connections) per service URL, made by
the same client factory the adapter uses. Every answer from Teams becomes a
:class:`~conversation.proactive.Delivery`; nothing Teams says raises.
"""

from __future__ import annotations

import asyncio
import email.utils
import hashlib
import logging
import math
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal, TypeVar

from aiohttp import ClientError, ClientResponseError, ClientSession
from microsoft_agents.activity import Activity, ConversationParameters
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.core import (
    CardFactory,
    ChannelServiceClientFactoryBase,
    ClaimsIdentity,
    OutboundHostValidator,
    RestChannelServiceClientFactory,
)
from microsoft_agents.hosting.core.authorization import AuthenticationConstants
from microsoft_agents.hosting.core.connector import ConnectorClientBase
from pydantic import ValidationError

from bot.agent import auth_configuration
from bot.teams_errors import reason_of
from config.settings import Settings
from conversation.proactive import Delivery, Recipient, Result
from conversation.reply import Card
from ops.metrics import CallAnswer, Metrics

logger = logging.getLogger(__name__)

SDK_CONNECTOR_LOGGERS = (
    "microsoft_agents.hosting.core.connector.client.connector_client",
    "microsoft_agents.hosting.core.connector.teams.teams_connector_client",
)
"""The SDK's loggers that write a line per message (INFO per send, ERROR per refusal)."""

RETRY_STATUSES = frozenset({412, 502, 503, 504})
"""Statuses Teams asks to try again after (Learn, "Rate limiting for agents")."""

_RETIRED_GRACE_SECONDS = 60.0

T = TypeVar("T")

Stage = Literal["create", "post", "send", "delete"]
"""What a request did: create a personal conversation, start a channel post, send, delete."""


def quiet_connector_logs() -> None:
    """Keep the SDK's connector from logging each message; Paraat logs the outcomes itself.

    Its refusals are raised as well, and a turn's failures reach the turn's error handler.
    """
    for name in SDK_CONNECTOR_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)


@dataclass
class _Client:
    connector: ConnectorClientBase
    authorization: bytes | None
    checked_at: float


class ConnectorSender:
    """Sends and deletes proactive messages with the SDK's Teams connector client."""

    def __init__(
        self,
        client_factory: ChannelServiceClientFactoryBase,
        *,
        app_id: str | None = None,
        host_validator: OutboundHostValidator | None = None,
        token_check_seconds: float = 300.0,
        timeout_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
        metrics: Metrics | None = None,
    ) -> None:
        """A sender that makes its connector clients with ``client_factory``.

        Args:
            client_factory: The adapter's factory (it gets the token for each client).
            app_id: The bot's Entra app id; None is local mode (anonymous).
            host_validator: Service URLs it refuses are never sent to (nor given a token).
            token_check_seconds: How often a client is checked against a newly made one;
                when the token changed, the new client takes over.
            timeout_seconds: Longest wait for one answer from Teams (then RETRY); the
                SDK's session would wait five minutes.
            clock: Monotonic seconds, for the check above.
            metrics: Counts each call to Teams by its answer.
        """
        self._factory = client_factory
        claims = (
            {
                AuthenticationConstants.AUDIENCE_CLAIM: app_id,
                AuthenticationConstants.APP_ID_CLAIM: app_id,
            }
            if app_id
            else {}
        )
        self._identity = ClaimsIdentity(claims)
        self._hosts = host_validator or OutboundHostValidator(enabled=False)
        self._token_check_seconds = token_check_seconds
        self._timeout = timeout_seconds
        self._clock = clock
        self._clients: dict[str, _Client] = {}
        self._retired: list[tuple[float, ConnectorClientBase]] = []
        self._lock = asyncio.Lock()
        self._metrics = metrics

    async def send(self, recipient: Recipient, card: Card) -> Delivery:
        """Post ``card``: to the stored conversation, else as a new post in the channel, else
        to the person's personal conversation (created first).

        Returns:
            The outcome; ``conversation_id`` is the new conversation when one was created
            (also when the send after it failed, so it can be stored).
        """
        target = _target(recipient)
        if target is None:
            logger.warning(
                "Proactive send failed: the recipient has no conversation, person or channel."
            )
            return Delivery(Result.FAILED)
        client = await self._client(recipient.service_url)
        if isinstance(client, Delivery):
            return client
        activity = Activity(type="message", attachments=[CardFactory.adaptive_card(card)])
        conversations = client.conversations
        stage, target_id = target
        conversation_id: str | None = target_id if stage == "send" else None
        try:
            if stage == "post":
                parameters = _channel_post(target_id, recipient.tenant_id, activity)
                post = await self._within(conversations.create_conversation(parameters))
                self._count("ok")
                if not post.id:
                    return self._unexpected(stage, None)
                return Delivery(Result.SENT, post.activity_id, post.id)
            destination = target_id
            if stage == "create":
                parameters = _personal(target_id, recipient.tenant_id)
                created = await self._within(conversations.create_conversation(parameters))
                self._count("ok")
                if not created.id:
                    return self._unexpected(stage, None)
                destination = conversation_id = created.id
                stage = "send"
            sent = await self._within(conversations.send_to_conversation(destination, activity))
            self._count("ok")
        except (ClientError, TimeoutError, ValidationError) as error:
            return self._failed(stage, error, recipient.service_url, conversation_id)
        return Delivery(Result.SENT, sent.id, conversation_id)

    async def delete(self, recipient: Recipient, message_id: str) -> Delivery:
        """Delete an earlier message from ``recipient.conversation_id``."""
        conversation_id = recipient.conversation_id
        if not conversation_id or not message_id:
            logger.warning("Proactive delete failed: no conversation or message id.")
            return Delivery(Result.FAILED, conversation_id=conversation_id)
        client = await self._client(recipient.service_url)
        if isinstance(client, Delivery):
            return client
        try:
            await self._within(client.conversations.delete_activity(conversation_id, message_id))
            self._count("ok")
        except (ClientError, TimeoutError) as error:
            return self._failed("delete", error, recipient.service_url, conversation_id)
        return Delivery(Result.SENT, message_id, conversation_id)

    async def close(self) -> None:
        """Close every connector client (their HTTP sessions)."""
        clients = [entry.connector for entry in self._clients.values()]
        clients += [connector for _, connector in self._retired]
        self._clients.clear()
        self._retired.clear()
        for connector in clients:
            await connector.close()

    def _count(self, answer: CallAnswer) -> None:
        if self._metrics is not None:
            self._metrics.teams_call("proactive", answer)

    async def _within(self, call: Awaitable[T]) -> T:
        """Teams' answer to ``call``; TimeoutError when it takes too long."""
        async with asyncio.timeout(self._timeout):
            return await call

    async def _client(self, service_url: str) -> ConnectorClientBase | Delivery:
        """The client for ``service_url``; a fresh one when the token changed."""
        entry = self._clients.get(service_url)
        if entry is not None and self._clock() - entry.checked_at < self._token_check_seconds:
            return entry.connector
        if not self._hosts.is_allowed(service_url):
            logger.warning("Proactive request refused: the service URL is not a Teams host.")
            return Delivery(Result.FAILED)
        async with self._lock:
            entry = self._clients.get(service_url)
            now = self._clock()
            if entry is not None and now - entry.checked_at < self._token_check_seconds:
                return entry.connector
            try:
                fresh = await self._factory.create_connector_client(
                    None,
                    self._identity,
                    service_url,
                    self._identity.get_token_audience(),
                    self._identity.get_token_scope(),
                    use_anonymous=self._identity.allow_anonymous,
                )
            except Exception as error:  # token providers raise their own types (MSAL, HTTP)
                logger.warning("Proactive: no connector client (%s).", type(error).__name__)
                if entry is None:
                    return Delivery(Result.RETRY)
                # Keep the current client, whose token may still be good; ask again soon.
                entry.checked_at = now - self._token_check_seconds + 30.0
                return entry.connector
            await self._close_retired(now)
            authorization = _authorization(fresh)
            if entry is not None and entry.authorization == authorization:
                await fresh.close()
                entry.checked_at = now
                return entry.connector
            if entry is not None:
                # Sends may still be on the old session: it is closed a while later.
                self._retired.append((now, entry.connector))
            self._clients[service_url] = _Client(fresh, authorization, now)
            return fresh

    async def _close_retired(self, now: float) -> None:
        keep = []
        for retired_at, connector in self._retired:
            if now - retired_at >= _RETIRED_GRACE_SECONDS:
                await connector.close()
            else:
                keep.append((retired_at, connector))
        self._retired = keep

    def _failed(
        self,
        stage: Stage,
        error: BaseException,
        service_url: str,
        conversation_id: str | None,
    ) -> Delivery:
        if not isinstance(error, ClientResponseError):
            if isinstance(error, ValidationError):
                self._count("unexpected")
                return self._unexpected(stage, conversation_id)
            self._count("no_answer")
            # A broken connection or no answer in time: Teams may or may not have taken it.
            logger.info(
                "Proactive %s failed: %s, no answer (%s).",
                stage,
                Result.RETRY,
                type(error).__name__,
            )
            return Delivery(Result.RETRY, conversation_id=conversation_id)
        status = error.status
        self._count(status)
        result = result_for(stage, status)
        retry_after = retry_after_seconds(error.headers) if status == 429 else None
        if status == 401:
            # The token was refused (expired or rotated): make a fresh client next time.
            entry = self._clients.get(service_url)
            if entry is not None:
                entry.checked_at = -math.inf
        level = logging.INFO if result in (Result.THROTTLED, Result.RETRY) else logging.WARNING
        logger.log(
            level,
            "Proactive %s failed: %s, HTTP %d %s.",
            stage,
            result,
            status,
            reason_of(error),
        )
        return Delivery(
            result, conversation_id=conversation_id, retry_after=retry_after, status=status
        )

    def _unexpected(self, stage: Stage, conversation_id: str | None) -> Delivery:
        logger.warning(
            "Proactive %s failed: %s, an answer without the expected ids.", stage, Result.FAILED
        )
        return Delivery(Result.FAILED, conversation_id=conversation_id)


def result_for(stage: Stage, status: int) -> Result:
    """What an HTTP error status from Teams means for a proactive message.

    Args:
        stage: The request that got it: 403 on a create means the app is not installed, on a
            send or delete that the person blocked or removed the bot.
        status: The HTTP status.
    """
    if status == 429:
        return Result.THROTTLED
    # 401: the token was refused; a fresh one is fetched before the next try.
    if status in RETRY_STATUSES or status == 401:
        return Result.RETRY
    if status == 403:
        return Result.NOT_INSTALLED if stage in ("create", "post") else Result.UNREACHABLE
    if status == 404:
        return Result.GONE
    if status == 413:
        return Result.TOO_BIG
    return Result.FAILED


def retry_after_seconds(
    headers: Mapping[str, str] | None, now: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> float | None:
    """The wait a ``Retry-After`` header asks for, in seconds (None when absent or unreadable).

    Args:
        headers: The response headers.
        now: The current time, for the HTTP-date form of the header.
    """
    value = headers.get("Retry-After") if headers else None
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - now()).total_seconds()
    if not math.isfinite(seconds):
        return None
    return max(0.0, seconds)


def _authorization(connector: ConnectorClientBase) -> bytes | None:
    """A digest of the client's Authorization header, to see whether the token changed."""
    session = getattr(connector, "client", None)
    if not isinstance(session, ClientSession):
        return None
    header = session.headers.get("Authorization")
    return hashlib.sha256(header.encode()).digest() if header else None


def _target(recipient: Recipient) -> tuple[Stage, str] | None:
    """The first request of a send, and the id it goes to."""
    if recipient.conversation_id:
        return "send", recipient.conversation_id
    if recipient.channel_id:
        return "post", recipient.channel_id
    if recipient.user_object_id:
        return "create", recipient.user_object_id
    return None


def _personal(user_object_id: str, tenant_id: str | None) -> ConversationParameters:
    parameters: dict[str, object] = {"isGroup": False, "members": [{"id": user_object_id}]}
    if tenant_id:
        parameters |= {"tenantId": tenant_id, "channelData": {"tenant": {"id": tenant_id}}}
    return ConversationParameters.model_validate(parameters)


def _channel_post(
    channel_id: str, tenant_id: str | None, activity: Activity
) -> ConversationParameters:
    channel_data: dict[str, object] = {"channel": {"id": channel_id}}
    parameters: dict[str, object] = {"isGroup": True, "channelData": channel_data}
    if tenant_id:
        channel_data["tenant"] = {"id": tenant_id}
        parameters["tenantId"] = tenant_id
    return ConversationParameters.model_validate(parameters | {"activity": activity})


def connector_client_factory(settings: Settings) -> ChannelServiceClientFactoryBase:
    """The client factory the adapter makes when none is handed in: MSAL tokens for the app
    (anonymous in local mode)."""
    connections = MsalConnectionManager(
        connections_configurations={"SERVICE_CONNECTION": auth_configuration(settings)}
    )
    return RestChannelServiceClientFactory(connections)


def build_proactive_sender(
    settings: Settings,
    client_factory: ChannelServiceClientFactoryBase | None = None,
    metrics: Metrics | None = None,
) -> ConnectorSender:
    """The proactive sender for ``settings``, the way the running bot builds it.

    Args:
        settings: Paraat's settings (local mode or an Entra app).
        client_factory: The adapter's factory (``Services.client_factory``); None makes the
            SDK's REST factory, as the adapter does.
        metrics: Counts each call to Teams (the running bot's metrics).
    """
    quiet_connector_logs()
    return ConnectorSender(
        client_factory or connector_client_factory(settings),
        app_id=None if settings.local_mode else settings.app_id,
        # Outside local mode only Microsoft's channel hosts get a token, as in the adapter.
        host_validator=OutboundHostValidator(enabled=not settings.local_mode),
        metrics=metrics,
    )
