"""A campaign's figures from what people did, on SQLite and PostgreSQL: read (receipts), "Gelezen"
(the announcement's own, or the briefing's after the campaign started), quiz participation from
5 people on, and the breakdown per department and team of the bundled organisation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from campaigns.rules.model import Audience, Content, Outcome
from campaigns.rules.participation import QuizFigures
from campaigns.service import CampaignService, campaign_service
from config.settings import Settings
from content.loader import Library
from conversation.people import People
from store.campaigns import CampaignStore
from store.database import Database
from store.learning import LearningStore
from tests.support.campaigns import FIRST_MESSAGE, Person, Seeded, team_of
from wiring.build import build_people

MESSAGE = Content("message", text="Vrijdag oefenen we een uur zonder stroom.")
BRIEFING = Content("briefing", briefing_id="stroom-4-uur-briefing")
QUIZ = Content("quiz")


@dataclass
class World:
    """The stores, the campaign service over them, and how people are keyed."""

    seeded: Seeded
    campaigns: CampaignService
    people: People

    def key(self, person: Person) -> str:
        return self.people.key_of(person.object_id)


@pytest.fixture
def world(database: Database, tmp_path: Path, bundled: Library) -> World:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, database_url="sqlite+aiosqlite://", data_dir=tmp_path
    )
    seeded = Seeded(database)
    people = build_people(settings, database, bundled, seeded.clock)
    return World(
        seeded, campaign_service(settings, database, bundled, seeded.clock, people), people
    )


async def test_read_counts_sent_messages_up_to_each_chats_last_read(world: World) -> None:
    staff = [Person(n) for n in range(1, 7)] + [Person(7, outcome=Outcome.UNREACHABLE)]
    campaign = await world.seeded.campaign(MESSAGE, staff)
    await world.seeded.read(staff[0])  # exactly their message
    await world.seeded.read(staff[1], up_to=str(FIRST_MESSAGE + 50))  # a later one
    await world.seeded.read(staff[2], up_to=str(FIRST_MESSAGE))  # only an older one
    await world.seeded.read(staff[6], up_to=str(FIRST_MESSAGE + 50))  # never got it
    stats = await world.campaigns.stats(campaign.id)
    assert (stats.targeted, stats.recipients, stats.sent, stats.unreachable) == (7, 7, 6, 1)
    assert stats.read == 2
    assert stats.quiz is None  # not a quiz


async def test_gelezen_on_an_announcement_counts_its_recipients(world: World) -> None:
    staff = [Person(n) for n in range(1, 6)]
    campaign = await world.seeded.campaign(MESSAGE, staff)
    store = CampaignStore(world.seeded.database, world.seeded.clock)
    for person in staff[:3]:
        await store.acknowledge(campaign.id, world.key(person))
    await store.acknowledge(campaign.id, world.key(staff[0]))  # twice: once
    await store.acknowledge(campaign.id, world.key(Person(99)))  # not a recipient
    assert (await world.campaigns.stats(campaign.id)).acknowledged == 3


async def test_gelezen_on_a_channel_post_counts_whoever_clicked(world: World) -> None:
    campaign = await world.seeded.campaign(MESSAGE, [], Audience("channel", "19:general"))
    store = CampaignStore(world.seeded.database, world.seeded.clock)
    for number in (1, 2):
        await store.acknowledge(campaign.id, world.key(Person(number)))
    report = await world.campaigns.report(campaign.id)
    assert report.stats.acknowledged == 2 and report.breakdown == ()


async def test_a_briefing_counts_recipients_who_read_it_after_the_campaign_started(
    world: World,
) -> None:
    staff = [Person(n) for n in range(1, 7)]
    learning = LearningStore(world.seeded.database, world.seeded.clock)
    await learning.acknowledge(world.key(staff[0]), "stroom-4-uur-briefing", 1)  # before
    world.seeded.clock.move(minutes=1)
    campaign = await world.seeded.campaign(BRIEFING, staff)
    world.seeded.clock.move(hours=2)
    for person in staff[1:4]:
        await learning.acknowledge(world.key(person), "stroom-4-uur-briefing", 1)
    await learning.acknowledge(world.key(staff[4]), "drinkwater-storing-briefing", 1)  # other
    await learning.acknowledge(world.key(Person(99)), "stroom-4-uur-briefing", 1)  # no recipient
    assert (await world.campaigns.stats(campaign.id)).acknowledged == 3


@pytest.mark.parametrize(
    ("shares", "expected"),
    [
        pytest.param([(1, 1), (2, 1), (1, 0), (4, 4)], QuizFigures(None, None), id="4-is-too-few"),
        pytest.param(
            [(1, 1), (2, 1), (1, 0), (4, 4), (4, 1)], QuizFigures(5, 0.55), id="5-are-shown"
        ),
        pytest.param(
            [(2, 2)] * 6 + [(0, 0)] * 3, QuizFigures(6, 1.0), id="who-answered-nothing-is-out"
        ),
    ],
)
async def test_quiz_participation_from_5_people_on(
    world: World, shares: list[tuple[int, int]], expected: QuizFigures
) -> None:
    staff = [Person(n) for n in range(1, len(shares) + 1)]
    outsider = world.people.key_of(Person(99).object_id)
    await world.seeded.answer(world.key(staff[0]), "q-early", correct=False)  # before the run
    world.seeded.clock.move(minutes=1)
    campaign = await world.seeded.campaign(QUIZ, staff)
    world.seeded.clock.move(minutes=5)
    await world.seeded.answer(world.key(staff[0]), "q-early", correct=True)  # not a first try
    for person, (answered, right) in zip(staff, shares, strict=True):
        for n in range(answered):
            await world.seeded.answer(world.key(person), f"q{n}", correct=n < right)
    for n in range(3):
        await world.seeded.answer(outsider, f"q{n}", correct=False)  # not a recipient
    quiz = (await world.campaigns.stats(campaign.id)).quiz
    assert quiz is not None
    assert quiz.participants == expected.participants
    if expected.mean_right is None:
        assert quiz.mean_right is None
    else:
        assert quiz.mean_right == pytest.approx(expected.mean_right)


async def test_breakdown_over_the_bundled_organisation(world: World) -> None:
    staff = [
        *team_of("burgerzaken", range(1, 7)),  # 6
        *team_of("klantcontactcentrum", range(7, 12)),  # 5
        *team_of("belastingen", range(12, 14)),  # 2: folded, and with them the smallest team
        *team_of("ict", range(14, 19)),  # 5, in bedrijfsvoering / gebouw-en-ict
        *team_of("facilitaire-zaken", range(19, 24)),  # 5, ditto
    ]
    campaign = await world.seeded.campaign(MESSAGE, staff)
    store = CampaignStore(world.seeded.database, world.seeded.clock)
    for person in staff[:4] + staff[13:15]:  # 4 in burgerzaken, 2 in ict
        await world.seeded.read(person)
        await store.acknowledge(campaign.id, world.key(person))
    report = await world.campaigns.report(campaign.id)
    rows = [
        (g.kind, g.id, g.parent, g.tally.recipients, g.tally.read, g.tally.acknowledged)
        for g in report.breakdown
    ]
    assert rows == [
        ("department", "dienstverlening", None, 13, 4, 4),
        ("team", "burgerzaken", "dienstverlening", 6, 4, 4),
        ("other", None, "dienstverlening", 7, 0, 0),
        ("department", "bedrijfsvoering", None, 10, 2, 2),
        ("department", "gebouw-en-ict", "bedrijfsvoering", 10, 2, 2),
        ("team", "facilitaire-zaken", "gebouw-en-ict", 5, 0, 0),
        ("team", "ict", "gebouw-en-ict", 5, 2, 2),
    ]
    assert (report.stats.read, report.stats.acknowledged) == (6, 6)
