"""Read receipts and the queries behind campaign figures, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

from campaigns.rules.model import Content, Outcome
from campaigns.rules.participation import Score
from store.campaigns import CampaignStore
from store.database import Database
from store.figures import Delivery, FigureStore
from store.learning import LearningStore
from store.receipts import ReceiptStore
from tests.support.campaigns import FIRST_MESSAGE, START, Person, Seeded


async def test_a_receipt_only_moves_forward(database: Database) -> None:
    receipts = ReceiptStore(database)
    assert await receipts.last_read("a:chat-1") is None
    assert await receipts.record("a:chat-1", 1_765_000_000_005)
    assert not await receipts.record("a:chat-1", 1_765_000_000_003)  # late, out of order
    assert not await receipts.record("a:chat-1", 1_765_000_000_005)  # the same again
    assert await receipts.last_read("a:chat-1") == 1_765_000_000_005
    assert await receipts.record("a:chat-1", 1_765_000_000_009)
    assert await receipts.last_read("a:chat-1") == 1_765_000_000_009
    assert await receipts.last_read("a:chat-2") is None  # each chat its own


async def test_receipts_arriving_together_keep_the_latest(database: Database) -> None:
    receipts = ReceiptStore(database)
    numbers = [1_765_000_000_000 + n for n in (4, 9, 1, 7, 3, 8)]
    await asyncio.gather(*(receipts.record("a:chat-1", n) for n in numbers))
    assert await receipts.last_read("a:chat-1") == max(numbers)


async def test_deliveries_carry_their_chats_receipts(database: Database) -> None:
    seeded = Seeded(database)
    people = [Person(1, "ict"), Person(2, "hr"), Person(3, None, Outcome.UNREACHABLE)]
    campaign = await seeded.campaign(Content("message", text="Oefening"), people)
    await seeded.read(people[0])
    await seeded.read(people[1], up_to=str(FIRST_MESSAGE))  # read only up to an older one
    figures = FigureStore(database)
    first, second, third = await figures.deliveries(campaign.id)
    assert first == Delivery(
        run_id=first.run_id, recipient=f"user:{people[0].object_id}",
        user_object_id=people[0].object_id, team_id="ict", status=Outcome.SENT,
        message_id=people[0].message_id, last_read=FIRST_MESSAGE + 1,
    )  # fmt: skip
    assert (second.team_id, second.last_read) == ("hr", FIRST_MESSAGE)
    assert (third.status, third.message_id, third.last_read) == (Outcome.UNREACHABLE, None, None)
    assert await figures.started_at(campaign.id) == START
    assert await figures.started_at(campaign.id + 1) is None
    assert await figures.deliveries(campaign.id + 1) == []


async def test_acknowledgements_and_answers_since_a_moment(database: Database) -> None:
    seeded = Seeded(database)
    campaign = await seeded.campaign(Content("message", text="Oefening"), [Person(1)])
    learning = LearningStore(database, seeded.clock)
    await learning.acknowledge("before", "stroom", 1)
    await seeded.answer("before", "q1", correct=True)
    seeded.clock.move(minutes=1)
    await CampaignStore(database, seeded.clock).acknowledge(campaign.id, "k1")
    await learning.acknowledge("after", "stroom", 1)
    await learning.acknowledge("other", "drinkwater", 1)
    await seeded.answer("after", "q1", correct=True)
    await seeded.answer("after", "q2", correct=False)
    await seeded.answer("before", "q1", correct=False)  # not a first attempt any more
    await seeded.answer("before", "q3", correct=False)
    figures = FigureStore(database)
    since = START + (seeded.clock.now - START) / 2
    assert await figures.campaign_acknowledgers(campaign.id) == {"k1"}
    assert await figures.briefing_readers("stroom", since) == {"after"}
    assert await figures.briefing_readers("stroom", START) == {"before", "after"}
    assert await figures.first_attempts(since) == {"after": Score(2, 1), "before": Score(1, 0)}
