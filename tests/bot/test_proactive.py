"""Paraat's proactive sender (the SDK's connector client) against the Teams emulator over HTTP:
every answer Teams gives becomes a Delivery, and the emulator limits like Teams does."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from multidict import CIMultiDict
from pydantic import SecretStr

from bot.proactive import ConnectorSender, build_proactive_sender, retry_after_seconds
from config.settings import Settings
from conversation.proactive import Delivery, Recipient, Result
from testkit.activities import TENANT
from testkit.teams_emulator import EmulatorClientFactory, TeamsEmulator

CHANNEL = "19:general@thread.tacv2"
PERSON = "00000000-0000-0000-0000-000000000001"


def card(text: str = "Stroomstoring: pak je noodkaart") -> dict[str, Any]:
    return {
        "type": "AdaptiveCard",
        "version": "1.5",
        "body": [{"type": "TextBlock", "text": text, "wrap": True}],
    }


class FakeClock:
    """Monotonic seconds that move only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def emulator(clock: FakeClock) -> AsyncIterator[TeamsEmulator]:
    teams = TeamsEmulator(clock=clock)
    await teams.start()
    yield teams
    await teams.close()


@pytest.fixture
async def sender() -> AsyncIterator[ConnectorSender]:
    """The sender as the running bot builds it, in local mode (anonymous)."""
    built = build_proactive_sender(Settings(_env_file=None))  # type: ignore[call-arg]
    yield built
    await built.close()


def stored(emulator: TeamsEmulator, conversation_id: str = "a:stored-1") -> Recipient:
    return Recipient(emulator.url, tenant_id=TENANT, conversation_id=conversation_id)


def person(emulator: TeamsEmulator, object_id: str = PERSON) -> Recipient:
    return Recipient(emulator.url, tenant_id=TENANT, user_object_id=object_id)


def channel(emulator: TeamsEmulator) -> Recipient:
    return Recipient(emulator.url, tenant_id=TENANT, channel_id=CHANNEL)


async def test_a_send_to_a_stored_conversation_posts_the_card(
    emulator: TeamsEmulator, sender: ConnectorSender
) -> None:
    delivery = await sender.send(stored(emulator), card())

    assert delivery.result is Result.SENT
    [message] = emulator.messages
    assert delivery == Delivery(Result.SENT, message.message_id, "a:stored-1")
    assert message.conversation_id == "a:stored-1"
    assert message.activity["type"] == "message"
    [attachment] = message.activity["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert attachment["content"] == card()
    assert message.token is None  # local mode sends no token


async def test_a_person_without_a_conversation_gets_their_personal_one(
    emulator: TeamsEmulator, sender: ConnectorSender
) -> None:
    first = await sender.send(person(emulator), card("een"))
    again = await sender.send(person(emulator), card("twee"))
    other = await sender.send(person(emulator, "someone-else"), card("een"))

    assert first.result is again.result is other.result is Result.SENT
    assert first.conversation_id == again.conversation_id == emulator.personal_conversation(PERSON)
    assert other.conversation_id not in (None, first.conversation_id)
    sent = emulator.messages_in(first.conversation_id or "")
    assert [m.message_id for m in sent] == [first.message_id, again.message_id]
    assert emulator.created == [first.conversation_id, first.conversation_id, other.conversation_id]


async def test_creating_a_conversation_needs_the_tenant(
    emulator: TeamsEmulator, sender: ConnectorSender
) -> None:
    delivery = await sender.send(Recipient(emulator.url, user_object_id=PERSON), card())

    assert (delivery.result, delivery.status) == (Result.FAILED, 400)
    assert emulator.messages == []


async def test_a_channel_recipient_gets_a_new_post_each_time(
    emulator: TeamsEmulator, sender: ConnectorSender
) -> None:
    first = await sender.send(channel(emulator), card())
    second = await sender.send(channel(emulator), card())

    assert first.result is second.result is Result.SENT
    assert first.conversation_id == f"{CHANNEL};messageid={first.message_id}"
    assert second.conversation_id == f"{CHANNEL};messageid={second.message_id}"
    assert first.message_id != second.message_id
    assert [(m.conversation_id, m.message_id) for m in emulator.messages] == [
        (first.conversation_id, first.message_id),
        (second.conversation_id, second.message_id),
    ]
    assert emulator.messages[0].activity["attachments"][0]["content"] == card()


async def test_delete_removes_the_message_once(
    emulator: TeamsEmulator, sender: ConnectorSender
) -> None:
    sent = await sender.send(stored(emulator), card())
    assert sent.message_id is not None

    deleted = await sender.delete(stored(emulator), sent.message_id)
    again = await sender.delete(stored(emulator), sent.message_id)

    assert deleted == Delivery(Result.SENT, sent.message_id, "a:stored-1")
    assert [(d.conversation_id, d.message_id) for d in emulator.deletions] == [
        ("a:stored-1", sent.message_id)
    ]
    assert (again.result, again.status) == (Result.GONE, 404)


@pytest.mark.parametrize(
    ("status", "result"),
    [
        (412, Result.RETRY),
        (502, Result.RETRY),
        (503, Result.RETRY),
        (504, Result.RETRY),
        (500, Result.FAILED),
        (400, Result.FAILED),
    ],
)
async def test_each_failure_status_is_mapped(
    emulator: TeamsEmulator, sender: ConnectorSender, status: int, result: Result
) -> None:
    emulator.fail_next("a:stored-1", status)

    failed = await sender.send(stored(emulator), card())
    then = await sender.send(stored(emulator), card())

    assert failed == Delivery(result, conversation_id="a:stored-1", status=status)
    assert then.result is Result.SENT
    assert len(emulator.messages) == 1


async def test_429_is_throttled_with_its_retry_after(
    emulator: TeamsEmulator, sender: ConnectorSender
) -> None:
    emulator.fail_next("a:stored-1", 429, retry_after=7)

    delivery = await sender.send(stored(emulator), card())

    assert delivery == Delivery(
        Result.THROTTLED, conversation_id="a:stored-1", retry_after=7.0, status=429
    )


async def test_403_means_not_installed_on_create_and_unreachable_on_send(
    emulator: TeamsEmulator, sender: ConnectorSender
) -> None:
    emulator.not_installed(PERSON, CHANNEL)
    emulator.block("a:stored-1")

    on_create = await sender.send(person(emulator), card())
    in_channel = await sender.send(channel(emulator), card())
    on_send = await sender.send(stored(emulator), card())
    on_delete = await sender.delete(stored(emulator), "1")

    assert (on_create.result, on_create.status) == (Result.NOT_INSTALLED, 403)
    assert (in_channel.result, in_channel.status) == (Result.NOT_INSTALLED, 403)
    assert (on_send.result, on_send.status) == (Result.UNREACHABLE, 403)
    assert (on_delete.result, on_delete.status) == (Result.UNREACHABLE, 403)
    assert emulator.messages == []


async def test_a_created_conversation_is_returned_when_the_send_after_it_fails(
    emulator: TeamsEmulator, sender: ConnectorSender
) -> None:
    conversation_id = emulator.personal_conversation(PERSON)
    emulator.block(conversation_id, code="BotDisabledByAdmin")

    delivery = await sender.send(person(emulator), card())

    assert delivery == Delivery(Result.UNREACHABLE, conversation_id=conversation_id, status=403)


async def test_404_is_gone(emulator: TeamsEmulator, sender: ConnectorSender) -> None:
    emulator.forget("a:stored-1")

    delivery = await sender.send(stored(emulator), card())

    assert delivery == Delivery(Result.GONE, conversation_id="a:stored-1", status=404)


async def test_413_is_too_big(emulator: TeamsEmulator, sender: ConnectorSender) -> None:
    delivery = await sender.send(stored(emulator), card("x" * (emulator.max_message_bytes + 1)))

    assert (delivery.result, delivery.status) == (Result.TOO_BIG, 413)
    assert emulator.messages == []


async def test_no_answer_at_all_is_retry(sender: ConnectorSender, clock: FakeClock) -> None:
    closed = TeamsEmulator(clock=clock)
    await closed.start()
    url = closed.url
    await closed.close()

    delivery = await sender.send(Recipient(url, conversation_id="a:stored-1"), card())

    assert delivery == Delivery(Result.RETRY, conversation_id="a:stored-1")


async def test_no_answer_in_time_is_retry(emulator: TeamsEmulator) -> None:
    emulator.latency = 5.0
    sender = ConnectorSender(EmulatorClientFactory(emulator), timeout_seconds=0.05)
    try:
        delivery = await sender.send(person(emulator), card())
    finally:
        await sender.close()

    assert delivery == Delivery(Result.RETRY)


async def test_a_recipient_with_nowhere_to_go_fails_without_a_request(
    emulator: TeamsEmulator, sender: ConnectorSender
) -> None:
    assert (await sender.send(Recipient(emulator.url), card())).result is Result.FAILED
    assert (await sender.delete(Recipient(emulator.url), "1")).result is Result.FAILED
    assert emulator.messages == []
    assert emulator.deletions == []


async def test_a_failure_logs_one_line_without_the_message(
    emulator: TeamsEmulator, sender: ConnectorSender, caplog: pytest.LogCaptureFixture
) -> None:
    emulator.block("a:stored-1")
    caplog.set_level(logging.DEBUG)

    await sender.send(stored(emulator), card("geheime inhoud"))
    await sender.send(stored(emulator, "a:stored-2"), card("geheime inhoud"))

    ours = [r for r in caplog.records if r.name == "bot.proactive"]
    assert [r.getMessage() for r in ours] == [
        "Proactive send failed: unreachable, HTTP 403 ConversationBlockedByUser."
    ]
    assert not [r for r in caplog.records if r.name.startswith("microsoft_agents")]
    assert "geheime inhoud" not in caplog.text


# The emulator's limits, counted on a clock the test moves.


async def test_the_eighth_send_within_a_second_is_throttled(
    emulator: TeamsEmulator, sender: ConnectorSender, clock: FakeClock
) -> None:
    results = [(await sender.send(stored(emulator), card())).result for _ in range(8)]

    assert results == [Result.SENT] * 7 + [Result.THROTTLED]
    [throttle] = emulator.throttles
    assert (throttle.conversation_id, throttle.scope, throttle.retry_after) == (
        "a:stored-1",
        "conversation",
        1,
    )
    assert (await sender.send(stored(emulator, "a:stored-2"), card())).result is Result.SENT
    clock.advance(1)
    assert (await sender.send(stored(emulator), card())).result is Result.SENT
    # 8 in the last 2 seconds now: the next waits for the first second's sends to leave.
    ninth = await sender.send(stored(emulator), card())
    assert (ninth.result, ninth.retry_after) == (Result.THROTTLED, 1.0)
    assert len(emulator.messages_in("a:stored-1")) == 8


async def test_sixty_per_thirty_seconds_with_retry_after_until_the_window_frees(
    emulator: TeamsEmulator, sender: ConnectorSender, clock: FakeClock
) -> None:
    for _ in range(15):  # 4 a second stays under 8 per 2 seconds
        for _ in range(4):
            assert (await sender.send(stored(emulator), card())).result is Result.SENT
        clock.advance(1)

    over = await sender.send(stored(emulator), card())

    assert (over.result, over.retry_after) == (Result.THROTTLED, 15.0)
    clock.advance(15)
    assert (await sender.send(stored(emulator), card())).result is Result.SENT


async def test_fifty_one_per_second_across_conversations_is_throttled(
    emulator: TeamsEmulator, sender: ConnectorSender, clock: FakeClock
) -> None:
    results = [
        (await sender.send(stored(emulator, f"a:stored-{n}"), card())).result for n in range(51)
    ]

    assert results == [Result.SENT] * 50 + [Result.THROTTLED]
    assert [(t.scope, t.retry_after) for t in emulator.throttles] == [("tenant", 1)]
    clock.advance(1)
    assert (await sender.send(stored(emulator, "a:stored-51"), card())).result is Result.SENT


# Retry-After as Teams (and HTTP) may write it.


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("3", 3.0),
        ("0.5", 0.5),
        ("-2", 0.0),
        ("Wed, 01 Jan 2031 00:00:30 GMT", 30.0),
        ("Wed, 01 Jan 2031 00:00:00 GMT", 0.0),
        ("soon", None),
        ("nan", None),
        ("", None),
    ],
)
def test_retry_after_is_parsed(value: str, seconds: float | None) -> None:
    def now() -> datetime:
        return datetime(2031, 1, 1, tzinfo=UTC)

    assert retry_after_seconds(CIMultiDict({"Retry-After": value}), now) == seconds


def test_no_retry_after_header_is_none() -> None:
    assert retry_after_seconds(CIMultiDict()) is None
    assert retry_after_seconds(None) is None


# Tokens: one client per service URL, a fresh one when the token changes.


async def test_the_client_is_reused_and_replaced_when_the_token_changes(
    emulator: TeamsEmulator, clock: FakeClock
) -> None:
    tokens = iter(["token-1", "token-1", "token-2"])
    factory = EmulatorClientFactory(emulator, lambda: next(tokens))
    sender = ConnectorSender(factory, app_id="app", token_check_seconds=300, clock=clock)
    teams_url = "https://smba.trafficmanager.net/emea/"
    try:
        for _ in range(3):
            await sender.send(Recipient(teams_url, conversation_id="a:1"), card())
        assert factory.made == 1
        clock.advance(300)
        await sender.send(Recipient(teams_url, conversation_id="a:2"), card())  # same token
        clock.advance(300)
        await sender.send(Recipient(teams_url, conversation_id="a:3"), card())  # new token
    finally:
        await sender.close()

    assert factory.made == 3
    assert [m.token for m in emulator.messages] == ["token-1"] * 4 + ["token-2"]


async def test_a_refused_token_is_retried_with_a_fresh_client(
    emulator: TeamsEmulator, clock: FakeClock
) -> None:
    tokens = iter(["old", "new"])
    sender = ConnectorSender(EmulatorClientFactory(emulator, lambda: next(tokens)), clock=clock)
    recipient = Recipient("https://smba.trafficmanager.net/emea/", conversation_id="a:1")
    try:
        assert (await sender.send(recipient, card())).result is Result.SENT
        emulator.require_token("new")
        refused = await sender.send(recipient, card())
        then = await sender.send(recipient, card())
    finally:
        await sender.close()

    assert (refused.result, refused.status) == (Result.RETRY, 401)
    assert then.result is Result.SENT
    assert [m.token for m in emulator.messages] == ["old", "new"]


async def test_outside_local_mode_only_teams_hosts_are_sent_to(emulator: TeamsEmulator) -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        app_id="app",
        app_password=SecretStr("secret"),
        tenant_id=TENANT,
        user_key_secret=SecretStr("key"),
    )
    factory = EmulatorClientFactory(emulator, lambda: "token")
    sender = build_proactive_sender(settings, factory)
    try:
        refused = await sender.send(stored(emulator), card())
        teams = Recipient("https://smba.trafficmanager.net/emea/", conversation_id="a:1")
        allowed = await sender.send(teams, card())
    finally:
        await sender.close()

    assert refused == Delivery(Result.FAILED)
    assert allowed.result is Result.SENT
    assert factory.made == 1
    assert [m.conversation_id for m in emulator.messages] == ["a:1"]
