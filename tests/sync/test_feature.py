"""``publiceer`` in Teams, and the nightly publish."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any

from cards.notice import notice_card
from content.loader import Library
from conversation.feature import FeatureContext
from conversation.people import Person, Turn
from conversation.proactive import Delivery, Recipient, Result
from conversation.reply import Card
from conversation.router import catalogue_of
from directory.authors import Authors
from store.clock import utc_now
from store.conversations import ConversationRecord, ConversationStore
from sync.feature import Publishing
from sync.nightly import NightlyPublish, next_run
from sync.printer import CardPrinter
from sync.publisher import Summary
from tests.support.sharepoint import FakeRender
from tests.support.sharepoint import Publishing as PublishingSetUp
from wiring.build import build_people

AUTHOR = "6f1c2a44-0000-4000-8000-00000000a001"
CHAT = "a:personal-chat-of-the-author"


@dataclass
class RecordingSender:
    """A proactive sender that keeps what it was asked to send."""

    sent: list[tuple[Recipient, Card]] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def send(self, recipient: Recipient, card: Card) -> Delivery:
        self.sent.append((recipient, card))
        self.arrived.set()
        return Delivery(Result.SENT, "1")

    async def update(self, recipient: Recipient, message_id: str, card: Card) -> Delivery:
        raise AssertionError("not used")

    async def delete(self, recipient: Recipient, message_id: str) -> Delivery:
        raise AssertionError("not used")


class NoOutbox:
    async def send(self, card: Card) -> str | None:
        raise AssertionError("not used")

    async def update(self, activity_id: str, card: Card) -> None:
        raise AssertionError("not used")


def _turn(object_id: str) -> Turn:
    return Turn(Person("key", "nl", None, CHAT, "personal", object_id), NoOutbox())


async def _feature(
    setup: PublishingSetUp,
    library: Library,
    printer: CardPrinter | None = None,
    **values: Any,
) -> tuple[Publishing, RecordingSender]:
    settings = setup.settings(**values)
    sender = RecordingSender()
    people = build_people(settings, setup.database, library, utc_now)
    context = FeatureContext(
        settings, library, setup.database, utc_now, catalogue_of([Publishing]), people, sender
    )
    await ConversationStore(setup.database).save_active(
        ConversationRecord(CHAT, "personal", "https://smba.example/emea/", "{}", "tenant", AUTHOR)
    )
    service = setup.service(library, printer=printer)
    return Publishing(context, service=service, authors=Authors(frozenset({AUTHOR}))), sender


def _text(card: Card) -> str:
    return " ".join(str(block.get("text", "")) for block in card["body"])


async def test_an_author_starts_a_publish_and_hears_when_it_is_done(
    publishing: PublishingSetUp, bundled: Library
) -> None:
    feature, sender = await _feature(publishing, bundled)

    reply = await feature.publish(_turn(AUTHOR), "")

    assert reply.card is not None
    pages = len(bundled["nl"].briefings) + len(bundled["nl"].teams) + 2
    assert f"Ik zet nu {pages} pagina's op SharePoint: {pages} nieuw." in _text(reply.card)
    await asyncio.wait_for(sender.arrived.wait(), timeout=120)
    [(recipient, card)] = sender.sent
    assert recipient.conversation_id == CHAT
    assert f"Klaar: {pages} nieuw." in _text(card)
    assert len(publishing.sharepoint.pages) == pages

    again = await feature.publish(_turn(AUTHOR), "")

    assert again.card is not None and "niets te doen" in _text(again.card)


async def test_without_chromium_the_author_hears_the_pages_went_out_and_the_cards_did_not(
    publishing: PublishingSetUp, bundled: Library
) -> None:
    printer = publishing.printer(bundled, FakeRender(installed=False))
    feature, sender = await _feature(publishing, bundled, printer)

    await feature.publish(_turn(AUTHOR), "")

    await asyncio.wait_for(sender.arrived.wait(), timeout=120)
    [(_, card)] = sender.sent
    pages = len(bundled["nl"].briefings) + len(bundled["nl"].teams) + 2
    assert f"Klaar: {pages} nieuw." in _text(card)
    assert "noodkaarten (PDF) zijn niet bijgewerkt" in _text(card) and "Chromium" in _text(card)
    assert publishing.sharepoint.files == {}


async def test_staff_who_are_not_authors_are_refused_and_nothing_is_sent(
    publishing: PublishingSetUp, bundled: Library
) -> None:
    feature, sender = await _feature(publishing, bundled)

    reply = await feature.publish(_turn("someone-else"), "")

    assert reply.card == notice_card(
        "Dit is voor het communicatieteam",
        "Publiceren op SharePoint kan alleen het communicatieteam.",
    )
    assert publishing.sharepoint.requests == [] and sender.sent == []


def test_the_nightly_time_is_local_time_across_daylight_saving() -> None:
    winter = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
    summer = datetime(2026, 7, 10, 12, 0, tzinfo=UTC)

    assert next_run(winter, time(2, 30)) == datetime(2026, 1, 11, 1, 30, tzinfo=UTC)
    assert next_run(summer, time(2, 30)) == datetime(2026, 7, 11, 0, 30, tzinfo=UTC)
    just_before = datetime(2026, 7, 11, 0, 29, tzinfo=UTC)
    assert next_run(just_before, time(2, 30)) == datetime(2026, 7, 11, 0, 30, tzinfo=UTC)


async def test_the_nightly_publish_runs_while_the_bot_serves(
    publishing: PublishingSetUp, bundled: Library
) -> None:
    feature, _ = await _feature(publishing, bundled, sharepoint_nightly="02:30")
    assert feature.nightly is not None and not feature.nightly.running  # built, not started
    await feature.start_jobs()
    assert feature.nightly.running
    await feature.stop_jobs()
    assert not feature.nightly.running
    plain, _ = await _feature(publishing, bundled)
    await plain.start_jobs()  # no time set: nothing to run
    assert plain.nightly is None
    await plain.stop_jobs()


async def test_the_nightly_loop_publishes_at_its_time_and_survives_a_failure() -> None:
    now = datetime(2026, 7, 10, 12, 0, tzinfo=UTC)
    waits: list[float] = []
    runs: list[int] = []
    done = asyncio.Event()

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        await asyncio.sleep(0)

    async def publish() -> Summary:
        runs.append(1)
        if len(runs) == 1:
            raise RuntimeError("the first night goes wrong")
        done.set()
        return Summary()

    nightly = NightlyPublish(publish, time(2, 30), lambda: now, sleep=sleep)
    nightly.start()
    await asyncio.wait_for(done.wait(), timeout=10)
    await nightly.stop()

    assert waits[:2] == [12.5 * 3600, 12.5 * 3600]
    assert len(runs) >= 2 and not nightly.running
