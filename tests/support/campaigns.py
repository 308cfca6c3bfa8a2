"""A campaign that has run, put straight into the stores: its recipients, what became of each
message, and what people did afterwards (read receipts, "Gelezen", quiz answers)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from campaigns.rules.model import Audience, Content, Outcome, Schedule, State
from learning.rules.leitner import after_answer
from store.campaigns import CampaignRecord, CampaignStore, NewCampaign
from store.database import Database
from store.learning import AnswerRecord, LearningStore
from store.outbox import Attempt, OutboxRecipient, OutboxStore
from store.receipts import ReceiptStore

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
"""When the seeded campaign's run starts."""
FIRST_MESSAGE = 1_765_000_000_000
"""Teams' message ids in personal chats are increasing numbers (milliseconds)."""

_QUIZZES = itertools.count(1)


@dataclass
class Clock:
    """A clock the test moves."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def move(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass(frozen=True)
class Person:
    """A staff member in the tests: number ``n`` has object id ``…-n`` and chat ``a:chat-n``."""

    number: int
    team: str | None = None
    outcome: Outcome = Outcome.SENT

    @property
    def object_id(self) -> str:
        return f"00000000-0000-0000-0000-{self.number:012d}"

    @property
    def conversation_id(self) -> str:
        return f"a:chat-{self.number}"

    @property
    def message_id(self) -> str:
        """The id Teams gave the campaign's message to them."""
        return str(FIRST_MESSAGE + self.number)


def team_of(team: str | None, numbers: range) -> list[Person]:
    """Everyone numbered ``numbers``, in ``team``."""
    return [Person(number, team) for number in numbers]


@dataclass
class Seeded:
    """The stores a seeded campaign lives in."""

    database: Database
    clock: Clock = field(default_factory=Clock)

    async def campaign(
        self,
        content: Content,
        people: Sequence[Person],
        audience: Audience | None = None,
        title: str = "Oefening",
    ) -> CampaignRecord:
        """A campaign whose one run went to ``people``, each message ending as they say."""
        campaigns = CampaignStore(self.database, self.clock)
        record = await campaigns.add(
            NewCampaign(
                title=title, content=content, audience=audience or Audience("all"),
                schedule=Schedule(), state=State.DONE, author="cli:test", approved_by="cli:test",
                next_run_at=None,
            )
        )  # fmt: skip
        outbox = OutboxStore(self.database, self.clock)
        recipients = [
            OutboxRecipient(
                recipient=f"user:{person.object_id}", service_url="https://smba.example/emea/",
                language="nl", tenant_id="tenant", conversation_id=person.conversation_id,
                user_object_id=person.object_id, team_id=person.team,
            )
            for person in people
        ]  # fmt: skip
        await outbox.create_run(record.id, self.clock(), recipients)
        claimed = await outbox.claim("seed", len(recipients) + 1, timedelta(minutes=5))
        await outbox.mark_in_flight("seed", [item.id for item in claimed])
        by_recipient = {f"user:{person.object_id}": person for person in people}
        attempts = []
        for item in claimed:
            person = by_recipient[item.recipient]
            sent = person.outcome is Outcome.SENT
            attempts.append(
                Attempt(item.id, person.outcome, message_id=person.message_id if sent else None)
            )
        await outbox.record("seed", attempts)
        return record

    async def read(self, person: Person, up_to: str | None = None) -> None:
        """A read receipt from the person's chat: read up to ``up_to`` (their message)."""
        await ReceiptStore(self.database, self.clock).record(
            person.conversation_id, int(up_to or person.message_id)
        )

    async def answer(self, user_key: str, question_id: str, correct: bool) -> None:
        """The person answers a question (in a channel quiz of its own, so it may be again)."""
        review = after_answer(None, question_id, correct, self.clock())
        record = AnswerRecord(user_key, question_id, 1, ("a",), correct, review)
        learning = LearningStore(self.database, self.clock)
        assert await learning.record_channel_answer(f"cq-{next(_QUIZZES)}", record)
