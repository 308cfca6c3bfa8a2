"""Drive the Microsoft 365 Agents Playground (npm ``@microsoft/teams-app-test-tool`` 0.2.28).

:class:`cli.playground.PlaygroundProcess` starts and stops the Playground (how the process
behaves is documented there); :class:`PlaygroundClient` talks to its HTTP API and listens to its
two WebSocket streams the way its web UI does::

    with PlaygroundProcess(bot_endpoint, port=free_port()) as playground:
        async with PlaygroundClient(playground.url) as client:
            await client.send_text("hallo")
            reply = await client.next_bot_activity()

The Playground's HTTP API is undocumented. What follows was read from the package's bundled
code (``dist/index.js`` server, ``dist/client/static/js/main.*.js`` web UI) and checked against
a running 0.2.28. Ids below are the built-in mock tenant's; chat ids are fresh UUIDs per start.

HTTP endpoints (JSON; errors are ``{"code", "message"}``, mostly 400; see each)
    ``GET /_debug/ping`` -> ``pong``.
    ``GET /_internal/v1/testConfig`` -> see ``config`` below.
    ``GET /_internal/v1/config`` -> ``{"config": {"tenantId", "bot": {"id", "name"},
    "currentUser": {"id": "user-id-0", "name", "userPrincipleName" (sic), "aadObjectId",
    "givenName", "surname", "email"}, "users": [5 more, user-id-1..5], "personalChat": {"id",
    "name"}, "groupChats": [{"id", "name", "members": [user ids]}], "teams": [{"id": "team-id",
    "name", "aadGroupId", "channels": [{"id", "name", "channelType"}], "members"}]},
    "internalConfig": {"locale": "en-US", "localTimezone", "channelId", "debugConfig"}}``.
    The General channel's id is the team id. Before answering it waits (up to 15 s) until the
    bot endpoint answers HTTP at all. It sends **nothing** to the bot, on any call. After
    answering it still writes log items to the log stream; a log-stream client that closes in
    that moment makes the Playground throw ``ERR_HTTP_HEADERS_SENT`` and *exit*. Hence
    ``GET /_internal/v1/testConfig``: the same JSON (``internalConfig`` without
    ``debugConfig``) at once, with no log writes. :meth:`PlaygroundClient.config` uses that.
    ``POST /_debug/conversation/{conversationId}/installation`` ``{}`` -> 200 (an unknown id: a
    plain 404), then sends the bot
    ``installationUpdate`` (action ``add``) and ``conversationUpdate`` (``membersAdded``: user
    and bot in the personal chat, the bot elsewhere; ``eventType: teamMemberAdded`` in a team).
    Sent again on *every* call. The web UI calls it when it shows a chat, so each page load
    of the UI (checked with headless Chromium) sends both for the personal chat: that, not
    the config call, is where the installs seen with a browser open come from.
    ``POST /_conversation/v1/conversations/{conversationId}/messages``
    ``{"from": {"id"}, "text", "textFormat": "plain"|"markdown"|"xml", "mentions"?: [{"mentioned":
    {"id"}, "text": "<at>Name</at>"}]}`` -> ``{"messageId", "timestamp", "postConversationId"?}``.
    Forwarded to the bot only in the personal chat or when the bot is mentioned; ``from.id`` must
    be a member (else 400 ``UserNotFound``). The bot gets an activity with its own UUID ``id``,
    not ``messageId``. In a channel each message starts a post whose conversation id is
    ``<channel>;messageid=<messageId>`` (``postConversationId``); the bot's replies go there.
    ``POST /_conversation/v1/submit`` (an ``Action.Submit`` click) ``{"conversation": {"id"},
    "from": {"id"}, "replyToId": <the card's messageId>, "value": {card data + input values}}``
    -> 200 at once; the bot then gets a ``message`` with ``value`` and ``replyToId``.
    ``POST /_conversation/v1/invoke`` (an ``Action.Execute`` click) ``{"name":
    "adaptiveCard/action", "from": {"id"}, "conversation": {"id"}, "replyToId": <messageId>,
    "value": {"action": {"type": "Action.Execute", "title", "verb", "data"}}}`` -> 200 with the
    bot's invoke response body reduced to ``{"type", "value"}`` (``statusCode`` dropped); 400
    ``ActivityNotFoundInConversation`` for an unknown ``replyToId``; 502 ``{"code":
    "UserBotError", "innerHttpError": {"statusCode", "body"}}`` when the bot answers an error
    (the Agents SDK answers 501 when a handler raises). The card in place is replaced by the
    web UI only, from this answer: nothing arrives on the stream.
    ``GET /_internal/v1/customActivities/template?conversationId=<id>[&type=<kind>]`` -> a ready
    activity. Kinds: ``install``, ``uninstall``, ``userAdded``, ``userRemoved``, ``botAdded``,
    ``botRemoved`` (any chat or channel), ``channelCreated``, ``channelRenamed``,
    ``channelDeleted``, ``teamRenamed``, ``teamDeleted`` (channels only), ``sendEmail``,
    ``mentionInWord``; without ``type`` a bare activity of type ``<custom-activity-type>``.
    A kind that does not fit the conversation answers 500 ``Invalid conversation type``.
    ``POST /_internal/v1/customActivities`` ``<any activity>`` -> 200 at once, then POSTs it to
    the bot unchanged. The only way to send ``locale`` other than ``en-US``: every activity the
    Playground builds itself says ``en-US``.

WebSocket ``/_ws_conversation/v1/conversations/stream`` (bot -> user), JSON text frames
    ``{"action": "createMessage"|"updateMessage", "actionConversationId", "message":
    {"messageId", "timestamp" (ms), "from": {"id": <bot id>}, "text"?, "textFormat"?,
    "attachments": [{"contentType", "content"}], "attachmentLayout", "mentions",
    "suggestedActions"?, "postConversationId"?, ...}}`` or ``{"action": "typing",
    "actionConversationId"}``. ``createMessage`` for each activity the bot posts,
    ``updateMessage`` (same ``messageId``, new ``timestamp``) when the bot updates one with
    ``PUT /v3/conversations/{c}/activities/{id}``. The user's own messages never appear.

WebSocket ``/_ws/log/stream`` (the web UI's log pane)
    ``{"logAction": "appendLog", "log": {...}}``. ``log.type == "bot"`` entries record traffic:
    ``from: "Microsoft 365 Agents Playground", to: "User Application"`` is an activity POSTed to
    the bot (``request.body``) with the bot's answer (``response.statusCode``, ``.body``); the
    reverse direction is a call the bot made to the mock connector. ``log.type == "text"`` is a
    status line (``level`` may be ``warning``/``error``).

Both streams send to every connected client. While none is connected they buffer, and flush the
buffer to the next client that connects: a new client can receive old events. This client marks
events dated before it connected as backlog and never returns them from the ``next_*`` methods.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Generic, Literal, TypeVar

import aiohttp

from cli.playground import PlaygroundError

JsonObject = dict[str, Any]

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
TemplateKind = Literal[
    "install",
    "uninstall",
    "userAdded",
    "userRemoved",
    "botAdded",
    "botRemoved",
    "channelCreated",
    "channelRenamed",
    "channelDeleted",
    "teamRenamed",
    "teamDeleted",
    "sendEmail",
    "mentionInWord",
]

_PLAYGROUND = "Microsoft 365 Agents Playground"
_BOT_APP = "User Application"

T = TypeVar("T")


class PlaygroundHTTPError(PlaygroundError):
    """A Playground endpoint answered with an error status."""

    def __init__(self, method: str, path: str, status: int, body: str) -> None:
        """Keep the status and body for assertions."""
        super().__init__(f"{method} {path} -> HTTP {status}: {body[:500]}")
        self.status = status
        self.body = body


class PlaygroundTimeout(PlaygroundError, TimeoutError):
    """Nothing matching arrived in time; the message lists what did arrive."""


# --------------------------------------------------------------------------- data shapes


@dataclass(frozen=True)
class MockUser:
    """A user of the Playground's mock tenant."""

    id: str
    name: str
    aad_object_id: str
    email: str

    @classmethod
    def from_json(cls, data: JsonObject) -> MockUser:
        """From a ``config.currentUser`` / ``config.users[]`` entry."""
        return cls(
            id=data["id"],
            name=data.get("name", ""),
            aad_object_id=data.get("aadObjectId", ""),
            email=data.get("email", ""),
        )


@dataclass(frozen=True)
class MockTeam:
    """A team of the mock tenant; ``channel_ids[0]`` is General, whose id is the team's."""

    id: str
    name: str
    aad_group_id: str
    channel_ids: tuple[str, ...]
    member_ids: tuple[str, ...]


@dataclass(frozen=True)
class PlaygroundConfig:
    """``GET /_internal/v1/config``, typed; ``raw`` is the whole answer."""

    tenant_id: str
    bot_id: str
    bot_name: str
    current_user: MockUser
    users: tuple[MockUser, ...]
    personal_chat_id: str
    group_chat_ids: tuple[str, ...]
    teams: tuple[MockTeam, ...]
    locale: str
    raw: JsonObject = field(repr=False)

    @property
    def team(self) -> MockTeam:
        """The first (in the built-in config: the only) team."""
        return self.teams[0]

    @classmethod
    def from_json(cls, data: JsonObject) -> PlaygroundConfig:
        """Parse the endpoint's answer."""
        config = data["config"]
        teams = tuple(
            MockTeam(
                id=team["id"],
                name=team.get("name", ""),
                aad_group_id=team.get("aadGroupId", ""),
                channel_ids=tuple(channel["id"] for channel in team.get("channels", [])),
                member_ids=tuple(team.get("members", [])),
            )
            for team in config.get("teams", [])
        )
        return cls(
            tenant_id=config["tenantId"],
            bot_id=config["bot"]["id"],
            bot_name=config["bot"].get("name", ""),
            current_user=MockUser.from_json(config["currentUser"]),
            users=tuple(MockUser.from_json(user) for user in config.get("users", [])),
            personal_chat_id=config["personalChat"]["id"],
            group_chat_ids=tuple(chat["id"] for chat in config.get("groupChats", [])),
            teams=teams,
            locale=data.get("internalConfig", {}).get("locale", ""),
            raw=data,
        )


@dataclass(frozen=True)
class SentMessage:
    """The Playground's answer to a user message."""

    conversation_id: str
    message_id: str
    timestamp: int
    post_conversation_id: str | None

    @property
    def reply_conversation_id(self) -> str:
        """Where the bot's replies show up on the stream (a channel post's own conversation)."""
        return self.post_conversation_id or self.conversation_id


@dataclass(frozen=True)
class StreamEvent:
    """One frame of the conversation stream: a bot message, a message update, or typing."""

    action: str
    """``createMessage``, ``updateMessage`` or ``typing``."""
    conversation_id: str
    """``actionConversationId``: the chat, or a channel post's conversation."""
    message: JsonObject
    """The stream's message (``{}`` for typing)."""
    raw: JsonObject = field(repr=False)
    backlog: bool = False
    """Dated before the client connected (buffered by the Playground for an earlier client)."""

    @property
    def message_id(self) -> str:
        """The id the Playground gave the bot's activity (``replyToId`` for clicks)."""
        return str(self.message.get("messageId", ""))

    @property
    def text(self) -> str:
        """The message text ('' when it has none)."""
        return str(self.message.get("text") or "")

    @property
    def timestamp(self) -> int | None:
        """Milliseconds since the epoch (creation, or the update's time)."""
        value = self.message.get("timestamp")
        return int(value) if value is not None else None

    @property
    def attachments(self) -> list[JsonObject]:
        """``[{"contentType", "content"}, ...]``."""
        return list(self.message.get("attachments") or [])

    @property
    def cards(self) -> list[JsonObject]:
        """The Adaptive Cards among the attachments."""
        return [a["content"] for a in self.attachments if a.get("contentType") == ADAPTIVE_CARD]

    @property
    def card(self) -> JsonObject:
        """The one Adaptive Card (AssertionError when there is not exactly one)."""
        cards = self.cards
        if len(cards) != 1:
            raise AssertionError(f"expected one Adaptive Card, got {len(cards)}: {self.summary()}")
        return cards[0]

    @property
    def is_update(self) -> bool:
        """The bot updated an earlier message in place."""
        return self.action == "updateMessage"

    @property
    def is_typing(self) -> bool:
        """A typing indicator."""
        return self.action == "typing"

    def summary(self) -> str:
        """One line for error messages."""
        what = self.text[:80] or ", ".join(str(a.get("contentType")) for a in self.attachments)
        old = " (backlog)" if self.backlog else ""
        return f"{self.action}{old} in {self.conversation_id} id={self.message_id}: {what!r}"

    @classmethod
    def from_json(cls, data: JsonObject, connected_at_ms: int) -> StreamEvent:
        """Parse a frame; events older than ``connected_at_ms`` are backlog."""
        message = data.get("message") or {}
        timestamp = message.get("timestamp")
        return cls(
            action=str(data.get("action", "")),
            conversation_id=str(data.get("actionConversationId", "")),
            message=message,
            raw=data,
            backlog=isinstance(timestamp, int | float) and timestamp < connected_at_ms,
        )


@dataclass(frozen=True)
class Delivery:
    """An activity the Playground POSTed to the bot, with the bot's answer (from the log)."""

    activity: JsonObject
    status: int | None
    response_body: Any
    raw: JsonObject = field(repr=False)
    backlog: bool = False

    @property
    def type(self) -> str:
        """The activity's type."""
        return str(self.activity.get("type", ""))

    @property
    def locale(self) -> str | None:
        """The activity's ``locale``."""
        value = self.activity.get("locale")
        return str(value) if value is not None else None

    @property
    def conversation_id(self) -> str:
        """The activity's conversation id."""
        return str((self.activity.get("conversation") or {}).get("id", ""))

    def summary(self) -> str:
        """One line for error messages."""
        detail = self.activity.get("text") or self.activity.get("name") or ""
        old = " (backlog)" if self.backlog else ""
        return f"{self.type}{old} {detail!r} in {self.conversation_id} -> HTTP {self.status}"


# --------------------------------------------------------------------------- the client


class Inbox(Generic[T]):
    """What one stream delivered: ``history`` (everything, in order) and ``pending`` (not yet
    claimed by a ``next_*`` call, backlog excluded). Tests may read both."""

    def __init__(self, name: str, describe: Callable[[T], str]) -> None:
        """An empty inbox; ``describe`` renders one item for error messages."""
        self.name = name
        self.describe = describe
        self.history: list[T] = []
        self.pending: list[T] = []
        self.closed: str | None = None
        self._waiters: set[asyncio.Future[None]] = set()

    def put(self, item: T, *, claimable: bool) -> None:
        """Record an arrival and wake the waiters."""
        self.history.append(item)
        if claimable:
            self.pending.append(item)
        self._wake()

    def close(self, reason: str) -> None:
        """The stream ended; waiters fail from now on."""
        if self.closed is None:
            self.closed = reason
        self._wake()

    def _wake(self) -> None:
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)

    def claim(self, match: Callable[[T], bool]) -> T | None:
        """Remove and return the first pending item that matches, if any."""
        for index, item in enumerate(self.pending):
            if match(item):
                return self.pending.pop(index)
        return None

    async def wait_for_change(self, deadline: float) -> bool:
        """Wait until something arrives or the stream closes; False on deadline."""
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            return False
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.add(waiter)
        try:
            await asyncio.wait_for(waiter, remaining)
        except TimeoutError:
            return False
        finally:
            self._waiters.discard(waiter)
        return True

    async def take(self, match: Callable[[T], bool], seconds: float, wanted: str) -> T:
        """Claim the first match, waiting up to ``seconds`` for it to arrive."""
        deadline = asyncio.get_running_loop().time() + seconds
        while True:
            found = self.claim(match)
            if found is not None:
                return found
            if self.closed is not None:
                raise PlaygroundError(
                    f"{self.name} closed ({self.closed}) while waiting for {wanted}.\n"
                    f"{self.report()}"
                )
            if not await self.wait_for_change(deadline):
                raise PlaygroundTimeout(
                    f"Waited {seconds:g} s for {wanted} in vain.\n{self.report()}"
                )

    def report(self) -> str:
        """What is pending, and the last items already claimed, for error messages."""
        lines = [f"unclaimed on {self.name}:"]
        lines += [f"  - {self.describe(item)}" for item in self.pending] or ["  (none)"]
        pending = {id(item) for item in self.pending}
        claimed = [item for item in self.history if id(item) not in pending][-10:]
        if claimed:
            lines.append("already claimed or backlog (last 10):")
            lines += [f"  - {self.describe(item)}" for item in claimed]
        return "\n".join(lines)


Predicate = Callable[[T], bool]


class PlaygroundClient:
    """Async client for a running Playground: HTTP calls plus both WebSocket streams.

    Connect (``async with`` or :meth:`connect`) before causing bot traffic: the streams are
    subscribed first and everything is queued, so no reply is lost between a send and a wait.
    Each ``next_*`` call claims the first unclaimed matching event; non-matching ones stay
    queued for later calls.
    """

    def __init__(self, base_url: str, *, request_timeout: float = 30.0) -> None:
        """Describe the client; :meth:`connect` opens the session and the streams.

        Args:
            base_url: The Playground's URL, e.g. :attr:`cli.playground.PlaygroundProcess.url`.
            request_timeout: Seconds for one HTTP request (``invoke`` waits for the bot).
        """
        self.base_url = base_url.rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=request_timeout)
        self._session: aiohttp.ClientSession | None = None
        self._sockets: list[aiohttp.ClientWebSocketResponse] = []
        self._tasks: list[asyncio.Task[None]] = []
        self._config: PlaygroundConfig | None = None
        self._connected_at_ms = 0
        self.events: Inbox[StreamEvent] = Inbox("the conversation stream", StreamEvent.summary)
        self.deliveries: Inbox[Delivery] = Inbox("the log stream", Delivery.summary)
        self.log_lines: list[JsonObject] = []
        """Every ``log.type == "text"`` item from the log stream (status lines, errors)."""

    # ---------------------------------------------------------------- lifecycle

    async def connect(self) -> None:
        """Open the HTTP session and subscribe to both streams."""
        if self._session is not None:
            return
        if self.events.closed or self.deliveries.closed:  # reconnecting: start afresh
            self.events = Inbox(self.events.name, StreamEvent.summary)
            self.deliveries = Inbox(self.deliveries.name, Delivery.summary)
        # Node's HTTP server closes a connection after 5 s idle; aiohttp keeps one for 15 s by
        # default, so a request after a pause (a bot restart) could go out on a socket Node is
        # closing that moment. Keeping idle sockets for less than Node does avoids the race.
        connector = aiohttp.TCPConnector(keepalive_timeout=1.0)
        self._session = aiohttp.ClientSession(
            self.base_url, timeout=self._timeout, connector=connector
        )
        self._connected_at_ms = int(time.time() * 1000)
        try:
            for path, handle, inbox in (
                (
                    "/_ws_conversation/v1/conversations/stream",
                    self._on_conversation_frame,
                    self.events,
                ),
                ("/_ws/log/stream", self._on_log_frame, self.deliveries),
            ):
                socket_ = await self._session.ws_connect(path)
                self._sockets.append(socket_)
                self._tasks.append(asyncio.create_task(self._read(socket_, handle, inbox)))
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
        """Close the streams and the session. Idempotent."""
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        for socket_ in self._sockets:
            await socket_.close()
        self._tasks.clear()
        self._sockets.clear()
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def __aenter__(self) -> PlaygroundClient:
        """Connect."""
        await self.connect()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Close."""
        await self.close()

    # ---------------------------------------------------------------- HTTP API

    async def config(self, *, refresh: bool = False) -> PlaygroundConfig:
        """The mock tenant (cached after the first call). Sends nothing to the bot.

        Read from ``/_internal/v1/testConfig``: the web UI's ``/_internal/v1/config`` gives the
        same data but can crash the Playground (see the module docstring).
        """
        if self._config is None or refresh:
            self._config = PlaygroundConfig.from_json(
                await self._call_object("GET", "/_internal/v1/testConfig")
            )
        return self._config

    async def send_text(
        self,
        text: str,
        conversation_id: str | None = None,
        user_id: str | None = None,
        *,
        mention_bot: bool = False,
        text_format: Literal["plain", "markdown", "xml"] = "plain",
    ) -> SentMessage:
        """Type a message as a user, like the web UI (the bot sees locale ``en-US``).

        Args:
            text: The message.
            conversation_id: Default: the personal chat.
            user_id: The sender; default: the current user. Must be a member.
            mention_bot: Prefix ``<at>bot</at>`` and mention it; outside the personal chat the
                Playground forwards only messages that mention the bot.
            text_format: ``textFormat`` of the message.
        """
        config = await self.config()
        conversation = conversation_id or config.personal_chat_id
        body: JsonObject = {
            "from": {"id": user_id or config.current_user.id},
            "text": text,
            "textFormat": text_format,
        }
        if mention_bot:
            tag = f"<at>{config.bot_name}</at>"
            body["text"] = f"{tag} {text}"
            body["mentions"] = [{"mentioned": {"id": config.bot_id}, "text": tag}]
        answer = await self._call_object(
            "POST", f"/_conversation/v1/conversations/{conversation}/messages", body
        )
        return SentMessage(
            conversation_id=conversation,
            message_id=str(answer["messageId"]),
            timestamp=int(answer["timestamp"]),
            post_conversation_id=answer.get("postConversationId"),
        )

    async def template(
        self, kind: TemplateKind | None = None, conversation_id: str | None = None
    ) -> JsonObject:
        """A ready activity from the Playground (``kind=None``: a bare one to fill in)."""
        params = {"conversationId": conversation_id or (await self.config()).personal_chat_id}
        if kind is not None:
            params["type"] = kind
        return await self._call_object(
            "GET", "/_internal/v1/customActivities/template", params=params
        )

    async def post_activity(self, activity: JsonObject) -> None:
        """POST a raw activity to the bot through the Playground (answered before delivery).

        Use :meth:`next_delivery` to see it arrive and how the bot answered.
        """
        await self._call("POST", "/_internal/v1/customActivities", activity)

    async def message_activity(
        self,
        text: str | None,
        *,
        locale: str,
        conversation_id: str | None = None,
        value: JsonObject | None = None,
        reply_to_id: str | None = None,
    ) -> JsonObject:
        """A user's message activity as the Playground would build it, with your ``locale``.

        Built from the bare template plus what the Playground adds to typed messages
        (``from.name``, ``channelData.tenant``, a ``clientInfo`` entity). Pass it to
        :meth:`post_activity`, after changing whatever the test needs.
        """
        config = await self.config()
        activity = await self.template(None, conversation_id)
        activity["type"] = "message"
        activity["from"] = {**activity.get("from", {}), "name": config.current_user.name}
        activity["locale"] = locale
        activity["entities"] = [{"type": "clientInfo", "locale": locale, "platform": "Web"}]
        activity.setdefault("channelData", {}).setdefault("tenant", {"id": config.tenant_id})
        if text is not None:
            activity["text"] = text
            activity["textFormat"] = "plain"
        if value is not None:
            activity["value"] = value
        if reply_to_id is not None:
            activity["replyToId"] = reply_to_id
        return activity

    async def send_message_activity(
        self, text: str, *, locale: str, conversation_id: str | None = None
    ) -> JsonObject:
        """Send a user message with ``locale`` (e.g. ``nl-NL``); returns the activity sent."""
        activity = await self.message_activity(text, locale=locale, conversation_id=conversation_id)
        await self.post_activity(activity)
        return activity

    async def install(self, conversation_id: str | None = None) -> None:
        """What the web UI does on opening a chat: the bot gets ``installationUpdate`` (add)
        and ``conversationUpdate`` (members added). Sent again on every call."""
        conversation = conversation_id or (await self.config()).personal_chat_id
        await self._call("POST", f"/_debug/conversation/{conversation}/installation", {})

    async def submit(
        self,
        reply_to_id: str,
        value: JsonObject,
        conversation_id: str | None = None,
        user_id: str | None = None,
    ) -> None:
        """Click an ``Action.Submit``: the bot gets a message with ``value`` and ``replyToId``.

        Args:
            reply_to_id: The card's message id (:attr:`StreamEvent.message_id`).
            value: The action's ``data`` merged with the card's input values.
            conversation_id: The card's conversation (:attr:`StreamEvent.conversation_id`);
                default: the personal chat.
            user_id: The clicking user; default: the current user.
        """
        config = await self.config()
        await self._call(
            "POST",
            "/_conversation/v1/submit",
            {
                "conversation": {"id": conversation_id or config.personal_chat_id},
                "from": {"id": user_id or config.current_user.id},
                "replyToId": reply_to_id,
                "value": value,
            },
        )

    async def invoke(
        self,
        reply_to_id: str,
        verb: str,
        data: JsonObject | None = None,
        *,
        title: str | None = None,
        conversation_id: str | None = None,
        user_id: str | None = None,
    ) -> JsonObject:
        """Click an ``Action.Execute``: an ``adaptiveCard/action`` invoke, answered by the bot.

        Returns:
            ``{"type", "value"}`` from the bot's invoke response, e.g. ``{"type":
            "application/vnd.microsoft.card.adaptive", "value": <card>}``. The stream gets no
            update for it.

        Raises:
            PlaygroundHTTPError: 502 when the bot failed, 400 for an unknown ``reply_to_id``.
        """
        config = await self.config()
        action: JsonObject = {"type": "Action.Execute", "verb": verb, "data": data or {}}
        if title is not None:
            action["title"] = title
        return await self._call_object(
            "POST",
            "/_conversation/v1/invoke",
            {
                "name": "adaptiveCard/action",
                "from": {"id": user_id or config.current_user.id},
                "conversation": {"id": conversation_id or config.personal_chat_id},
                "replyToId": reply_to_id,
                "value": {"action": action},
            },
        )

    async def click(
        self,
        event: StreamEvent,
        action: str,
        inputs: JsonObject | None = None,
        *,
        user_id: str | None = None,
    ) -> JsonObject | None:
        """Click an action of the card in ``event``, found by ``title``, ``verb`` or ``id``.

        ``Action.Submit`` becomes :meth:`submit` (returns None), ``Action.Execute`` becomes
        :meth:`invoke` (returns its answer); like the web UI, ``inputs`` (input id -> value)
        are merged into the action's ``data``.
        """
        found = find_card_action(event.card, action)
        data = found.get("data")
        merged = {**(data if isinstance(data, dict) else {}), **(inputs or {})}
        if found["type"] == "Action.Submit":
            await self.submit(event.message_id, merged, event.conversation_id, user_id)
            return None
        return await self.invoke(
            event.message_id,
            str(found.get("verb", "")),
            merged,
            title=found.get("title"),
            conversation_id=event.conversation_id,
            user_id=user_id,
        )

    # ---------------------------------------------------------------- waiting

    async def next_bot_activity(
        self,
        predicate: Predicate[StreamEvent] | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 (a deadline per wait is the point)
        *,
        conversation_id: str | None = None,
        include_typing: bool = False,
    ) -> StreamEvent:
        """Claim the next bot message or update on the stream that matches.

        Raises:
            PlaygroundTimeout: none in time; the message lists what did arrive.
        """
        match = self._event_filter(predicate, conversation_id, include_typing)
        try:
            return await self.events.take(match, timeout, "a matching bot activity")
        except PlaygroundTimeout as error:
            raise PlaygroundTimeout(f"{error}\n{self.traffic_report()}") from None

    async def collect(
        self,
        count: int,
        predicate: Predicate[StreamEvent] | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 (a deadline per wait is the point)
        *,
        conversation_id: str | None = None,
        include_typing: bool = False,
    ) -> list[StreamEvent]:
        """Claim exactly ``count`` matching bot activities, in arrival order, within ``timeout``."""
        match = self._event_filter(predicate, conversation_id, include_typing)
        deadline = asyncio.get_running_loop().time() + timeout
        found: list[StreamEvent] = []
        while len(found) < count:
            remaining = max(deadline - asyncio.get_running_loop().time(), 0.0)
            try:
                found.append(await self.events.take(match, remaining, "bot activities"))
            except PlaygroundTimeout as error:
                got = "\n".join(f"  - {event.summary()}" for event in found) or "  (none)"
                raise PlaygroundTimeout(
                    f"Got {len(found)} of {count} bot activities in {timeout:g} s:\n{got}\n"
                    f"{error}\n{self.traffic_report()}"
                ) from None
        return found

    async def expect_no_bot_activity(
        self,
        seconds: float = 1.0,
        predicate: Predicate[StreamEvent] | None = None,
        *,
        conversation_id: str | None = None,
    ) -> None:
        """Assert that no matching bot activity arrives within ``seconds``."""
        match = self._event_filter(predicate, conversation_id, include_typing=False)
        try:
            event = await self.events.take(match, seconds, "silence")
        except PlaygroundTimeout:
            return
        raise AssertionError(f"Expected no bot activity, got {event.summary()}")

    async def drain(self, settle: float = 0.0) -> list[StreamEvent]:
        """Wait until the stream has been quiet for ``settle`` s, then claim all pending events."""
        loop = asyncio.get_running_loop()
        while settle > 0 and await self.events.wait_for_change(loop.time() + settle):
            pass
        drained, self.events.pending = self.events.pending, []
        return drained

    async def next_delivery(
        self,
        predicate: Predicate[Delivery] | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 (a deadline per wait is the point)
        *,
        activity_type: str | None = None,
    ) -> Delivery:
        """Claim the next activity the Playground delivered to the bot (and the bot's status).

        It is logged when the bot has answered, so it can come after the bot's replies.
        """

        def match(delivery: Delivery) -> bool:
            if activity_type is not None and delivery.type != activity_type:
                return False
            return predicate is None or predicate(delivery)

        wanted = f"a delivery to the bot{f' of type {activity_type}' if activity_type else ''}"
        return await self.deliveries.take(match, timeout, wanted)

    def traffic_report(self, last: int = 8) -> str:
        """The last deliveries to the bot (with its HTTP status) and Playground warnings."""
        lines = [f"last {last} deliveries to the bot:"]
        lines += [f"  - {d.summary()}" for d in self.deliveries.history[-last:]] or ["  (none)"]
        problems = [line for line in self.log_lines if line.get("level") in ("warning", "error")]
        if problems:
            lines.append("Playground warnings/errors:")
            lines += [f"  - {line.get('displayText', '')[:200]}" for line in problems[-last:]]
        return "\n".join(lines)

    # ---------------------------------------------------------------- internals

    @staticmethod
    def _event_filter(
        predicate: Predicate[StreamEvent] | None,
        conversation_id: str | None,
        include_typing: bool,
    ) -> Predicate[StreamEvent]:
        def match(event: StreamEvent) -> bool:
            if event.is_typing and not include_typing:
                return False
            if conversation_id is not None and event.conversation_id != conversation_id:
                return False
            return predicate is None or predicate(event)

        return match

    async def _call(
        self,
        method: str,
        path: str,
        body: JsonObject | None = None,
        *,
        params: dict[str, str] | None = None,
    ) -> Any:
        if self._session is None:
            raise PlaygroundError("PlaygroundClient is not connected: call connect() first.")
        async with self._session.request(method, path, json=body, params=params) as response:
            text = await response.text()
            if response.status >= 400:
                raise PlaygroundHTTPError(method, path, response.status, text)
            if not text:
                return None
            try:
                return json.loads(text)
            except json.JSONDecodeError:
                return text

    async def _call_object(
        self,
        method: str,
        path: str,
        body: JsonObject | None = None,
        *,
        params: dict[str, str] | None = None,
    ) -> JsonObject:
        answer = await self._call(method, path, body, params=params)
        if not isinstance(answer, dict):
            raise PlaygroundError(f"{method} {path} answered {answer!r}, not a JSON object.")
        return answer

    async def _read(
        self,
        socket_: aiohttp.ClientWebSocketResponse,
        handle: Callable[[JsonObject], None],
        inbox: Inbox[Any],
    ) -> None:
        reason = "closed by the Playground"
        try:
            async for frame in socket_:
                if frame.type == aiohttp.WSMsgType.TEXT:
                    handle(json.loads(frame.data))
                elif frame.type == aiohttp.WSMsgType.ERROR:
                    reason = f"error: {socket_.exception()!r}"
                    break
        except asyncio.CancelledError:
            reason = "client closed"
            raise
        finally:
            inbox.close(reason)

    def _on_conversation_frame(self, data: JsonObject) -> None:
        event = StreamEvent.from_json(data, self._connected_at_ms)
        self.events.put(event, claimable=not event.backlog)

    def _on_log_frame(self, data: JsonObject) -> None:
        log = data.get("log") or {}
        if log.get("type") == "text":
            self.log_lines.append(log)
            return
        if log.get("type") != "bot" or log.get("from") != _PLAYGROUND or log.get("to") != _BOT_APP:
            return
        request = log.get("request") or {}
        response = log.get("response") or {}
        timestamp = log.get("timestamp")
        delivery = Delivery(
            activity=request.get("body") or {},
            status=response.get("statusCode"),
            response_body=response.get("body"),
            raw=log,
            backlog=isinstance(timestamp, int | float) and timestamp < self._connected_at_ms,
        )
        self.deliveries.put(delivery, claimable=not delivery.backlog)


def find_card_action(card: JsonObject, key: str) -> JsonObject:
    """The ``Action.Submit``/``Action.Execute`` in ``card`` whose title, verb or id is ``key``.

    Searches actions, action sets and show-card sub-cards; skips ``fallback`` actions.
    """
    candidates = list(_card_actions(card))
    for candidate in candidates:
        if key in (candidate.get("title"), candidate.get("verb"), candidate.get("id")):
            return candidate
    names = [c.get("title") or c.get("verb") or c.get("id") for c in candidates]
    raise AssertionError(f"No Action.Submit/Action.Execute {key!r} in the card; it has {names}")


def _card_actions(node: Any) -> Iterator[JsonObject]:
    if isinstance(node, dict):
        if node.get("type") in ("Action.Submit", "Action.Execute"):
            yield node
        for name, child in node.items():
            if name != "fallback":
                yield from _card_actions(child)
    elif isinstance(node, list):
        for child in node:
            yield from _card_actions(child)
