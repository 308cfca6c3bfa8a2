"""A Teams Bot Connector emulator: the REST calls a bot makes to send proactively, with Teams'
rate limits and Teams' refusals.

The bot's real connector client (the SDK's ``TeamsConnectorClient``) talks to it over HTTP.
It answers like Teams: the same conversation id for the same person, a new post per channel
conversation, ``429`` with ``Retry-After`` over a limit, ``403``/``404``/``413`` with Teams' error
codes. Tests mark people as not installed, conversations as blocked or gone, queue failures, and
then read what was accepted (to count lost and duplicate messages), throttled and deleted.

Run it on its own for a benchmark: ``python -m testkit.teams_emulator --port 8765 --no-limits``.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import random
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from aiohttp import web
from aiohttp.test_utils import TestServer

from testkit.connector import LocalConnectorFactory

Json = dict[str, Any]
Clock = Callable[[], float]
"""Seconds on a clock that only moves forward (``time.monotonic`` unless a test brings one)."""

RETRYABLE_CODES = {
    412: "PreconditionFailed",
    500: "ServiceError",
    502: "BadGateway",
    503: "ServiceUnavailable",
    504: "GatewayTimeout",
}
"""Error codes of the failures a test can queue (others answer ``ServiceError``)."""


@dataclass(frozen=True)
class Window:
    """At most ``limit`` requests in any ``seconds`` long stretch."""

    limit: int
    seconds: float


@dataclass(frozen=True)
class Limits:
    """Teams' rate limits for one bot (Learn, "Rate limiting for agents").

    Attributes:
        per_conversation: Sends, updates and deletes in one conversation.
        per_tenant: Every request of the app in the tenant (the emulator serves one tenant).
    """

    per_conversation: tuple[Window, ...] = (
        Window(7, 1),
        Window(8, 2),
        Window(60, 30),
        Window(1800, 3600),
    )
    per_tenant: tuple[Window, ...] = (Window(50, 1),)


NO_LIMITS = Limits(per_conversation=(), per_tenant=())
"""No rate limits at all: for benchmarks of the sender itself."""


@dataclass(frozen=True)
class Message:
    """A message Teams accepted (a send, a channel post, or an update of one)."""

    conversation_id: str
    message_id: str
    activity: Json
    token: str | None
    """The bearer token it came with (None: anonymous)."""


@dataclass(frozen=True)
class Throttle:
    """A ``429`` the emulator gave."""

    conversation_id: str | None
    """The conversation of the request; None for a create without a message."""
    scope: Literal["conversation", "tenant"]
    """Which limit was reached."""
    retry_after: int
    """The ``Retry-After`` header sent, in seconds."""
    at: float
    """When, on the emulator's clock."""


@dataclass(frozen=True)
class Deletion:
    """A message deleted on request."""

    conversation_id: str
    message_id: str


@dataclass
class _Fault:
    status: int
    delivered: bool
    retry_after: int


class _Meter:
    """Sliding windows over the times of accepted requests."""

    def __init__(self, windows: tuple[Window, ...]) -> None:
        self._windows = windows
        self._times: list[deque[float]] = [deque() for _ in windows]

    def wait(self, now: float) -> float:
        """Seconds until one more request fits in every window (0: it fits now)."""
        longest = 0.0
        for window, times in zip(self._windows, self._times, strict=True):
            while times and times[0] <= now - window.seconds:
                times.popleft()
            if len(times) >= window.limit:
                # Room comes when the oldest request that fills the window leaves it.
                longest = max(longest, times[len(times) - window.limit] + window.seconds - now)
        return longest

    def add(self, now: float) -> None:
        """Count one accepted request."""
        for times in self._times:
            times.append(now)


@dataclass
class _Injected:
    """What a test told the emulator to refuse."""

    not_installed: set[str] = field(default_factory=set)
    blocked: dict[str, str] = field(default_factory=dict)
    gone: set[str] = field(default_factory=set)
    faults: dict[str, deque[_Fault]] = field(default_factory=dict)
    chaos: float = 0.0
    chaos_statuses: tuple[int, ...] = (412, 502, 503, 504)
    token: str | None = None


class TeamsEmulator:
    """Teams' Bot Connector for proactive sends: conversations, messages, limits, refusals.

    Every conversation id is accepted for sends unless marked otherwise, so tests and
    benchmarks can send to stored conversations without creating them first.
    """

    def __init__(
        self,
        limits: Limits | None = None,
        *,
        clock: Clock = time.monotonic,
        seed: int = 0,
        max_message_bytes: int = 100 * 1024,
        latency: float = 0.0,
        host: str = "127.0.0.1",
        port: int | None = None,
    ) -> None:
        """An idle emulator; :meth:`start` serves it.

        Args:
            limits: The rate limits; None: Teams' own. :data:`NO_LIMITS` turns them off.
            clock: The clock the limits count on; tests pass one they move by hand.
            seed: Seed for :meth:`chaos`, so a run with random failures can be repeated.
            max_message_bytes: Larger request bodies get ``413 MessageSizeTooBig``.
            latency: Seconds (real time) before each answer, like Teams' own round trip.
            host: Address to listen on.
            port: Port to listen on; None: a free one.
        """
        self._limits = limits or Limits()
        self.max_message_bytes = max_message_bytes
        self.latency = latency
        """Seconds before each answer; a test may change it at any time."""
        self.messages: list[Message] = []
        """Every accepted message, in order (also those answered with a delivered fault)."""
        self.updates: list[Message] = []
        """Every accepted update (``PUT``), in order."""
        self.deletions: list[Deletion] = []
        """Every accepted delete, in order."""
        self.throttles: list[Throttle] = []
        """Every ``429`` given, in order."""
        self.created: list[str] = []
        """The conversation id of every accepted create call, in order (repeats included)."""
        self._clock = clock
        self._random = random.Random(seed)
        self._injected = _Injected()
        self._ids = itertools.count(1_700_000_000_001)
        self._personal: dict[str, str] = {}
        self._live: set[tuple[str, str]] = set()
        self._conversation_meters: dict[str, _Meter] = {}
        self._tenant_meter = _Meter(self._limits.per_tenant)
        app = web.Application(client_max_size=max(4 * max_message_bytes, 1024**2))
        app.router.add_post("/v3/conversations", self._create)
        app.router.add_post("/v3/conversations/{conversation}/activities", self._send)
        app.router.add_post("/v3/conversations/{conversation}/activities/{activity}", self._send)
        app.router.add_put("/v3/conversations/{conversation}/activities/{activity}", self._update)
        app.router.add_delete(
            "/v3/conversations/{conversation}/activities/{activity}", self._delete
        )
        self._server = TestServer(app, host=host, port=port)

    async def start(self) -> None:
        """Start serving."""
        # No access log: a benchmark sends thousands of requests a second.
        await self._server.start_server(access_log=None)

    async def close(self) -> None:
        """Stop serving."""
        await self._server.close()

    @property
    def url(self) -> str:
        """The service URL to send to (ends with ``/``)."""
        return str(self._server.make_url("/"))

    @property
    def limits(self) -> Limits:
        """The rate limits in force (change them with :meth:`set_limits`)."""
        return self._limits

    # What a test injects.

    def set_limits(self, limits: Limits) -> None:
        """Count from now on against ``limits`` (what was counted so far is forgotten)."""
        self._limits = limits
        self._conversation_meters.clear()
        self._tenant_meter = _Meter(limits.per_tenant)

    def not_installed(self, *ids: str) -> None:
        """Creating a conversation with these people (object ids) or in these channels gets
        ``403``: the app is not installed for them."""
        self._injected.not_installed.update(ids)

    def block(self, *conversation_ids: str, code: str = "ConversationBlockedByUser") -> None:
        """Sends to these conversations get ``403`` with ``code`` (e.g. ``BotDisabledByAdmin``,
        ``BotNotInConversationRoster``, ``MessageWritesBlocked``)."""
        for conversation_id in conversation_ids:
            self._injected.blocked[conversation_id] = code

    def forget(self, *conversation_ids: str) -> None:
        """These conversations no longer exist: requests get ``404 ConversationNotFound``."""
        self._injected.gone.update(conversation_ids)

    def fail_next(
        self,
        conversation_id: str,
        status: int,
        times: int = 1,
        *,
        delivered: bool = False,
        retry_after: int = 1,
    ) -> None:
        """Answer the next ``times`` requests to a conversation with ``status``.

        Args:
            conversation_id: The conversation (for a create: the person's personal
                conversation id, or the channel id).
            status: E.g. 412, 429, 502, 503, 504.
            times: How many requests in a row.
            delivered: Keep the message all the same, as Teams sometimes does behind a 504:
                a sender that tries again then makes a duplicate.
            retry_after: The ``Retry-After`` header of a queued ``429``.
        """
        queue = self._injected.faults.setdefault(conversation_id, deque())
        queue.extend(_Fault(status, delivered, retry_after) for _ in range(times))

    def chaos(self, probability: float, statuses: tuple[int, ...] = (412, 502, 503, 504)) -> None:
        """Answer each write request with one of ``statuses`` with ``probability`` (seeded)."""
        self._injected.chaos = probability
        self._injected.chaos_statuses = statuses

    def require_token(self, token: str | None) -> None:
        """Answer ``401`` unless a request carries ``Bearer <token>`` (None: accept any)."""
        self._injected.token = token

    def personal_conversation(self, user_id: str) -> str:
        """The id a create call gives for a person (the same each time, as in Teams)."""
        conversation_id = self._personal.get(user_id)
        if conversation_id is None:
            conversation_id = f"a:personal-{len(self._personal) + 1}"
            self._personal[user_id] = conversation_id
        return conversation_id

    # What a test reads.

    def messages_in(self, conversation_id: str) -> list[Message]:
        """The accepted messages of one conversation, in order."""
        return [message for message in self.messages if message.conversation_id == conversation_id]

    def counts(self) -> Counter[str]:
        """Accepted messages per conversation."""
        return Counter(message.conversation_id for message in self.messages)

    def duplicates(self) -> list[Message]:
        """Messages whose content (attachments and text) an earlier message in the same
        conversation already had."""
        seen: set[tuple[str, str]] = set()
        repeated = []
        for message in self.messages:
            content = {key: message.activity.get(key) for key in ("attachments", "text")}
            key = (message.conversation_id, json.dumps(content, sort_keys=True))
            if key in seen:
                repeated.append(message)
            seen.add(key)
        return repeated

    # The REST API.

    async def _create(self, request: web.Request) -> web.Response:
        await self._wait()
        refused = self._check_token(request)
        if refused is not None:
            return refused
        body = await request.json()
        channel_data = body.get("channelData") or {}
        channel = (channel_data.get("channel") or {}).get("id")
        tenant = body.get("tenantId") or (channel_data.get("tenant") or {}).get("id")
        members = [member.get("id") for member in body.get("members") or []]
        activity = body.get("activity")
        if channel:
            if activity is None:
                return _error(400, "BadArgument", "A channel conversation needs an activity.")
            target = channel
        elif len(members) == 1 and members[0] and tenant:
            target = members[0]
        else:
            return _error(400, "BadArgument", "Expected one member and a tenant id, or a channel.")
        if target in self._injected.not_installed:
            return _error(
                403,
                "ForbiddenOperationException" if not channel else "BotNotInConversationRoster",
                "The bot is not installed for the user or in the team.",
            )
        if channel:
            message_id: str | None = str(next(self._ids))
            conversation_id = f"{channel};messageid={message_id}"
            # Posts in a channel count against the channel, the conversation they share.
            key = channel
        else:
            message_id = None
            conversation_id = key = self.personal_conversation(target)
        size = len(json.dumps(activity)) if activity is not None else 0
        refused = self._refuse(
            key, size, delivered=(conversation_id, message_id, activity), counted=bool(activity)
        )
        if refused is not None:
            return refused
        self.created.append(conversation_id)
        answer: Json = {"id": conversation_id}
        if activity is not None:
            message_id = message_id or str(next(self._ids))
            self._accept(conversation_id, message_id, activity, _token(request))
            answer["activityId"] = message_id
        return web.json_response(answer, status=201)

    async def _send(self, request: web.Request) -> web.Response:
        await self._wait()
        refused = self._check_token(request)
        if refused is not None:
            return refused
        conversation_id = request.match_info["conversation"]
        raw = await request.read()
        try:
            activity = json.loads(raw)
        except ValueError:
            return _error(400, "BadSyntax", "The body is not JSON.")
        refused = self._refuse_state(conversation_id) or self._refuse(
            conversation_id, len(raw), delivered=(conversation_id, None, activity)
        )
        if refused is not None:
            return refused
        message_id = str(next(self._ids))
        self._accept(conversation_id, message_id, activity, _token(request))
        return web.json_response({"id": message_id})

    async def _update(self, request: web.Request) -> web.Response:
        await self._wait()
        refused = self._check_token(request)
        if refused is not None:
            return refused
        conversation_id = request.match_info["conversation"]
        message_id = request.match_info["activity"]
        raw = await request.read()
        refused = self._refuse_state(conversation_id) or self._refuse_unknown(
            conversation_id, message_id
        )
        refused = refused or self._refuse(conversation_id, len(raw))
        if refused is not None:
            return refused
        self.updates.append(Message(conversation_id, message_id, json.loads(raw), _token(request)))
        return web.json_response({"id": message_id})

    async def _delete(self, request: web.Request) -> web.Response:
        await self._wait()
        refused = self._check_token(request)
        if refused is not None:
            return refused
        conversation_id = request.match_info["conversation"]
        message_id = request.match_info["activity"]
        refused = self._refuse_state(conversation_id) or self._refuse_unknown(
            conversation_id, message_id
        )
        refused = refused or self._refuse(conversation_id, 0)
        if refused is not None:
            return refused
        self._live.discard((conversation_id, message_id))
        self.deletions.append(Deletion(conversation_id, message_id))
        return web.Response(status=200)

    async def _wait(self) -> None:
        if self.latency:
            await asyncio.sleep(self.latency)

    # Refusals, in the order Teams' answers are checked here.

    def _check_token(self, request: web.Request) -> web.Response | None:
        expected = self._injected.token
        if expected is not None and _token(request) != expected:
            return _error(401, "Unauthorized", "Authorization has been denied for this request.")
        return None

    def _refuse_state(self, conversation_id: str) -> web.Response | None:
        if conversation_id in self._injected.gone:
            return _error(404, "ConversationNotFound", "Conversation not found.")
        code = self._injected.blocked.get(conversation_id)
        if code is not None:
            return _error(403, code, "The bot cannot post in this conversation.")
        return None

    def _refuse_unknown(self, conversation_id: str, message_id: str) -> web.Response | None:
        if (conversation_id, message_id) in self._live:
            return None
        return _error(404, "ActivityNotFoundInConversation", "The message was not found.")

    def _refuse(
        self,
        key: str,
        size: int,
        *,
        delivered: tuple[str, str | None, Json | None] | None = None,
        counted: bool = True,
    ) -> web.Response | None:
        """A queued or random fault, the size limit, then the rate limits.

        Args:
            key: The conversation (or channel) the faults are queued on and the limit counts.
            size: The request body's size.
            delivered: Conversation, message id and activity kept when a fault says delivered.
            counted: Count the request against ``key``'s limit (not for a bare create).
        """
        fault = self._next_fault(key)
        if fault is not None:
            conversation_id, message_id, activity = delivered or (key, None, None)
            if fault.delivered and activity is not None:
                self._accept(conversation_id, message_id or str(next(self._ids)), activity, None)
            headers = {"Retry-After": str(fault.retry_after)} if fault.status == 429 else None
            code = "Throttled" if fault.status == 429 else RETRYABLE_CODES.get(fault.status)
            return _error(fault.status, code or "ServiceError", "Injected failure.", headers)
        if size > self.max_message_bytes:
            return _error(413, "MessageSizeTooBig", "The message is too large.")
        return self._throttle(key if counted else None)

    def _next_fault(self, key: str) -> _Fault | None:
        queue = self._injected.faults.get(key)
        if queue:
            return queue.popleft()
        injected = self._injected
        if injected.chaos and self._random.random() < injected.chaos:
            return _Fault(self._random.choice(injected.chaos_statuses), False, 1)
        return None

    def _throttle(self, conversation_id: str | None) -> web.Response | None:
        now = self._clock()
        meter = None
        if conversation_id is not None and self._limits.per_conversation:
            meter = self._conversation_meters.get(conversation_id)
            if meter is None:
                meter = _Meter(self._limits.per_conversation)
                self._conversation_meters[conversation_id] = meter
        limited: list[tuple[Literal["conversation", "tenant"], _Meter | None]] = [
            ("tenant", self._tenant_meter),
            ("conversation", meter),
        ]
        for scope, current in limited:
            wait = current.wait(now) if current is not None else 0.0
            if wait > 0:
                retry_after = max(1, math.ceil(wait))
                self.throttles.append(Throttle(conversation_id, scope, retry_after, now))
                return _error(
                    429, "Throttled", "Too many requests.", {"Retry-After": str(retry_after)}
                )
        self._tenant_meter.add(now)
        if meter is not None:
            meter.add(now)
        return None

    def _accept(
        self, conversation_id: str, message_id: str, activity: Json, token: str | None
    ) -> None:
        self.messages.append(Message(conversation_id, message_id, activity, token))
        self._live.add((conversation_id, message_id))


def _token(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    return header.removeprefix("Bearer ") if header.startswith("Bearer ") else None


def _error(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> web.Response:
    return web.json_response(
        {"error": {"code": code, "message": message}}, status=status, headers=headers
    )


EmulatorClientFactory = LocalConnectorFactory
"""Sends to a :class:`TeamsEmulator` whatever the service URL (the same factory as for the
local Bot Connector)."""


async def _serve(host: str, port: int, limits: Limits, latency: float) -> None:
    emulator = TeamsEmulator(limits, latency=latency, host=host, port=port)
    await emulator.start()
    print(f"Teams emulator at {emulator.url}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await emulator.close()


def main(argv: list[str] | None = None) -> None:
    """Serve an emulator until interrupted (for benchmarks in a separate process)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--no-limits", action="store_true", help="turn Teams' rate limits off")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each answer")
    args = parser.parse_args(argv)
    limits = NO_LIMITS if args.no_limits else Limits()
    try:
        asyncio.run(_serve(args.host, args.port, limits, args.latency))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
