"""Whatever is posted to ``/api/messages``, the bot answers 2xx or 4xx, never 5xx, logs at most
one line for a refused request and never a traceback, and stays up.

The activities are Teams-shaped with any field missing or odd: other types, values of the wrong
type, an empty channel id, a service URL that is not a URL or does not answer, invokes Paraat
does not support.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from aiohttp.test_utils import TestClient, TestServer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import Services, create_app
from config.settings import Settings
from content.loader import Library
from store.database import Database
from testkit import activities as a
from testkit.connector import FakeConnector
from tests.support.bot import MakeBot, send
from tests.support.logs import captured_logs

Json = dict[str, Any]

CHECK = settings(
    database=None,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
"""60 examples of 15 to 35 activities: about 1,500 requests to one running bot."""

UNREACHABLE = "http://127.0.0.1:9/"
"""A service URL where nobody answers (the discard port)."""
CONNECTOR = "http://connector.invalid/"
"""Stands for the local Bot Connector's URL, which is known only once it runs."""

T = TypeVar("T")

odd = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.sampled_from(["", " ", "not a url", "ftp://x/", "a:b:c", "\u0000"]),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.sampled_from(["id", "name", "x"]), st.integers() | st.none(), max_size=2),
)
"""A value of the wrong kind for nearly any field."""

TYPES = [
    "message", "invoke", "installationUpdate", "conversationUpdate", "event", "messageReaction",
    "typing", "endOfConversation", "messageUpdate", "trace", "foo",
]  # fmt: skip
INVOKES = [
    "adaptiveCard/action", "task/fetch", "task/submit", "composeExtension/query",
    "signin/verifyState", "signin/tokenExchange", "config/fetch", "tab/fetch",
    "fileConsent/invoke", "actionableMessage/executeAction", "healthCheck", "foo/bar",
]  # fmt: skip
EVENTS = ["application/vnd.microsoft.readReceipt", "application/vnd.microsoft.meetingStart", "x"]


@st.composite
def teams_activity(draw: st.DrawFn) -> Json:
    """A Teams-shaped activity, each field kept, left out or made odd."""
    kind = draw(st.sampled_from(["message", "install", "members", "invoke", "receipt"]))
    number = draw(st.integers(1, 4))
    url = draw(st.sampled_from([CONNECTOR, CONNECTOR, UNREACHABLE]))
    sender = a.user(number)
    base: Json
    if kind == "message":
        base = a.message(
            url, draw(st.sampled_from(["help", "quiz", "taal", "", "x"])), sender=sender
        )
    elif kind == "install":
        base = a.installation(url, draw(st.sampled_from(["add", "remove"])), sender=sender)
    elif kind == "members":
        base = a.members_changed(url, added=[a.BOT, sender])
    elif kind == "invoke":
        base = a.invoke(url, "quiz.start", {"verb": "quiz.start"}, sender=sender)
    else:
        base = a.read_receipt(url, "1700000000001", sender=sender)
    base["type"] = draw(st.sampled_from([base["type"], base["type"], *TYPES]))
    if base["type"] == "invoke":
        base["name"] = draw(st.sampled_from(INVOKES))
    elif base["type"] == "event":
        base["name"] = draw(st.sampled_from(EVENTS))
    activity: Json = {}
    for name, value in base.items():
        fate = draw(st.sampled_from(["keep"] * 10 + ["drop", "odd"]))
        if fate == "keep":
            activity[name] = value
        elif fate == "odd":
            activity[name] = draw(odd)
    return activity


def unsupported_invoke(activity: Json) -> bool:
    """An invoke other than Action.Execute: Teams' convention is 501 for those."""
    return activity.get("type") == "invoke" and activity.get("name") != "adaptiveCard/action"


class BotInThread:
    """The bot and a local Bot Connector on an event loop of their own, so that a plain
    (synchronous) Hypothesis test can post to them one request at a time."""

    def __init__(self, settings: Settings, library: Library) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self.connector, self.client = self._run(self._start(settings, library))

    @staticmethod
    async def _start(
        settings: Settings, library: Library
    ) -> tuple[FakeConnector, TestClient[Any, Any]]:
        connector = FakeConnector()
        await connector.start()
        app = create_app(settings, Services(Database(settings.database_url), library=library))
        client: TestClient[Any, Any] = TestClient(TestServer(app))
        await client.start_server()
        return connector, client

    def _run(self, call: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(call, self._loop).result(timeout=60)

    def post(self, activity: Json) -> int:
        """Post one activity (its service URL :data:`CONNECTOR` made the connector's)."""
        if activity.get("serviceUrl") == CONNECTOR:
            activity = activity | {"serviceUrl": self.connector.url}
        return self._run(send(self.client, activity))

    def answers_help(self) -> bool:
        """A staff member's "help" still gets the help card."""
        self.connector.clear()
        status = self.post(a.message(CONNECTOR, "help", sender=a.user(9)))
        return status == 202 and bool(self.connector.cards())

    def close(self) -> None:
        self._run(self.client.close())
        self._run(self.connector.close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()


@pytest.fixture
def bot_in_thread(sqlite_url: str, tmp_path: Path, bundled: Library) -> Iterator[BotInThread]:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, database_url=sqlite_url, data_dir=tmp_path
    )
    running = BotInThread(settings, bundled)
    yield running
    running.close()


def test_odd_activities_never_make_a_5xx_a_traceback_or_a_flood(
    bot_in_thread: BotInThread,
) -> None:
    answered: list[int] = []

    @CHECK
    @given(batch=st.lists(teams_activity(), min_size=15, max_size=35))
    def posting(batch: list[Json]) -> None:
        with captured_logs() as logs:
            for activity in batch:
                before = len(logs.records)
                status = bot_in_thread.post(activity)
                answered.append(status)
                lines = logs.since(before)
                assert status < 500 or status == 501 and unsupported_invoke(activity), activity
                assert not [r for r in lines if r.exc_info], (activity, lines)
                if status >= 400:
                    assert len(lines) <= 1, (activity, [r.getMessage() for r in lines])

    posting()
    assert len(answered) >= 60 * 15
    assert {400, 202, 501} <= set(answered)  # the activities reached each kind of answer
    assert bot_in_thread.answers_help()


async def test_an_invoke_paraat_does_not_support_is_501_without_a_turn(
    make_bot: MakeBot, connector: FakeConnector
) -> None:
    bot = await make_bot()
    activity = a.invoke(connector.url, "x", {}) | {"name": "composeExtension/query"}
    with captured_logs() as logs:
        response = await bot.post("/api/messages", json=activity)
    assert response.status == 501
    assert connector.sent == [] and logs.records == []


async def test_activities_without_channel_sender_recipient_or_a_url_are_400_in_one_line(
    make_bot: MakeBot, connector: FakeConnector
) -> None:
    bot = await make_bot()
    good = a.message(connector.url, "help")
    broken = [
        good | {"channelId": ""},
        {k: v for k, v in good.items() if k != "channelId"},
        good | {"from": {}},
        {k: v for k, v in good.items() if k != "recipient"},
        good | {"serviceUrl": "not a url"},
        good | {"serviceUrl": "ftp://example.com/"},
        good | {"text": 5},
    ]
    with captured_logs() as logs:
        statuses = [await send(bot, activity) for activity in broken]
    assert statuses == [400] * len(broken)
    assert len(logs.records) == len(broken)
    assert all(r.levelname == "WARNING" and not r.exc_info for r in logs.records)
    assert connector.sent == []


async def test_a_flood_of_refused_requests_is_not_a_flood_in_the_log(
    make_bot: MakeBot, connector: FakeConnector
) -> None:
    bot = await make_bot()
    with captured_logs() as logs:
        for _ in range(100):
            assert await send(bot, {"type": "message"}) == 400
    refusals = [r for r in logs.records if r.name == "bot.refusals"]
    assert len(refusals) == 20  # the first 20 of a minute; the rest are only counted
    metrics = await (await bot.get("/metrics")).text()
    assert 'paraat_requests_refused_total{reason="incomplete"} 100.0' in metrics
