"""Planning campaigns: who may, what is checked, four eyes, the log, and whom they reach."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from campaigns.audience import AudienceResolver
from campaigns.rules.model import Audience, CampaignError, Content, Schedule, State
from campaigns.service import Actor, CampaignService, NotAllowed, Plan, campaign_service
from config.settings import Settings
from content.loader import Library
from store.conversations import ConversationRecord, ConversationStore
from store.database import Database
from store.learning import LearningStore
from store.outbox import OutboxRecipient
from wiring.build import build_people

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
AUTHOR = "11111111-1111-4111-8111-111111111111"
SECOND = "22222222-2222-4222-8222-222222222222"
STAFF = "33333333-3333-4333-8333-333333333333"
ADMIN = Actor("cli:admin", administrator=True)
SERVICE_URL = "https://smba.trafficmanager.net/emea/"


def author(object_id: str = AUTHOR) -> Actor:
    return Actor(f"aad:{object_id}", object_id=object_id)


def settings(tmp_path: Path, **values: Any) -> Settings:
    base: dict[str, Any] = {"data_dir": tmp_path, "campaign_authors": f"{AUTHOR},{SECOND}"}
    return Settings(_env_file=None, **(base | values))  # type: ignore[call-arg]


def service(
    database: Database, bundled: Library, tmp_path: Path, **values: object
) -> CampaignService:
    config = settings(tmp_path, **values)
    people = build_people(config, database, bundled, lambda: NOW)
    return campaign_service(config, database, bundled, lambda: NOW, people)


def briefing_to(audience: str, at: datetime | None = None) -> Plan:
    return Plan(
        "Stroomstoring", Content("briefing", "stroom-4-uur-briefing"), Audience.parse(audience),
        Schedule(at),
    )  # fmt: skip


async def test_an_author_schedules_a_team_campaign_and_it_is_logged(
    database: Database, bundled: Library, tmp_path: Path
) -> None:
    campaigns = service(database, bundled, tmp_path)
    at = NOW + timedelta(days=2)
    planned = await campaigns.plan(briefing_to("team:burgerzaken", at), author())
    assert planned.state == State.SCHEDULED and planned.next_run_at == at
    assert planned.approved_by == f"aad:{AUTHOR}"
    events = await campaigns.store.events(planned.id)
    assert [(e.action, e.actor, e.at) for e in events] == [
        ("create", f"aad:{AUTHOR}", NOW), ("approve", f"aad:{AUTHOR}", NOW),
    ]  # fmt: skip


async def test_a_campaign_to_everyone_needs_a_second_author(
    database: Database, bundled: Library, tmp_path: Path
) -> None:
    campaigns = service(database, bundled, tmp_path)
    draft = await campaigns.plan(briefing_to("all"), author())
    assert draft.state == State.DRAFT and draft.next_run_at is None
    with pytest.raises(NotAllowed, match="second author"):
        await campaigns.approve(draft.id, author())
    approved = await campaigns.approve(draft.id, author(SECOND))
    assert approved.state == State.SCHEDULED and approved.approved_by == f"aad:{SECOND}"
    assert approved.next_run_at == NOW
    with pytest.raises(CampaignError, match="not a draft"):
        await campaigns.approve(draft.id, author(SECOND))


async def test_four_eyes_can_be_turned_off_and_the_command_line_approves_its_own(
    database: Database, bundled: Library, tmp_path: Path
) -> None:
    small = service(database, bundled, tmp_path, campaign_four_eyes=False)
    assert (await small.plan(briefing_to("all"), author())).state == State.SCHEDULED
    strict = service(database, bundled, tmp_path)
    assert (await strict.plan(briefing_to("all"), ADMIN)).state == State.SCHEDULED


async def test_others_get_a_polite_refusal_and_nothing_is_stored(
    database: Database, bundled: Library, tmp_path: Path
) -> None:
    campaigns = service(database, bundled, tmp_path)
    with pytest.raises(NotAllowed, match="authors"):
        await campaigns.plan(briefing_to("team:burgerzaken"), author(STAFF))
    assert await campaigns.store.recent() == []


@pytest.mark.parametrize(
    ("plan", "problem"),
    [
        (briefing_to("team:kantine"), "no team 'kantine'"),
        (briefing_to("department:nergens"), "no department 'nergens'"),
        (briefing_to("channel:19:onbekend@thread.tacv2"), "not in a channel"),
        (Plan("X", Content("briefing", "bestaat-niet"), Audience("all"), Schedule()),
         "no briefing 'bestaat-niet'"),
        (Plan("X", Content("message", text="  "), Audience("all"), Schedule()), "needs a text"),
        (Plan("X", Content("message", text="x" * 90_000), Audience("all"), Schedule()),
         "at most 80 KB"),
        (Plan("X", Content("quiz"), Audience("all"), Schedule(repeat="elke dag")),
         "cron expression"),
        (Plan(" ", Content("quiz"), Audience("all"), Schedule()), "needs a title"),
    ],
)  # fmt: skip
async def test_a_wrong_plan_is_refused_before_anything_is_stored(
    database: Database, bundled: Library, tmp_path: Path, plan: Plan, problem: str
) -> None:
    campaigns = service(database, bundled, tmp_path)
    with pytest.raises(CampaignError, match=problem):
        await campaigns.plan(plan, ADMIN)
    assert await campaigns.store.recent() == []


async def test_cancel_ends_a_campaign_once(
    database: Database, bundled: Library, tmp_path: Path
) -> None:
    campaigns = service(database, bundled, tmp_path)
    planned = await campaigns.plan(briefing_to("team:burgerzaken"), author())
    cancelled = await campaigns.cancel(planned.id, author(SECOND))
    assert cancelled.state == State.CANCELLED
    with pytest.raises(CampaignError, match="cannot be cancelled"):
        await campaigns.cancel(planned.id, author())
    actions = [(e.action, e.actor) for e in await campaigns.store.events(planned.id)]
    assert actions[-1] == ("cancel", f"aad:{SECOND}")


async def install(database: Database, record: ConversationRecord) -> None:
    await ConversationStore(database, lambda: NOW).save_active(record)


def personal(object_id: str) -> ConversationRecord:
    return ConversationRecord(
        f"a:{object_id}", "personal", SERVICE_URL, "{}", "tenant", user_aad_object_id=object_id
    )


async def targets(
    database: Database, bundled: Library, tmp_path: Path, audience: str, members: str = ""
) -> list[OutboxRecipient]:
    file = tmp_path / "members.csv"
    file.write_text("team,member\n" + members)
    config = settings(tmp_path, membership_file=file)
    people = build_people(config, database, bundled, lambda: NOW)
    resolver = AudienceResolver(bundled, ConversationStore(database, lambda: NOW), people, "tenant")
    return sorted(await resolver.targets(Audience.parse(audience)), key=lambda t: t.recipient)


async def test_the_audience_is_everyone_installed_and_everyone_on_the_team_list(
    database: Database, bundled: Library, tmp_path: Path
) -> None:
    await install(database, personal(AUTHOR))
    await install(database, personal(SECOND))
    found = await targets(database, bundled, tmp_path, "all", f"ict,{STAFF}\n")
    assert [(t.recipient, t.conversation_id) for t in found] == [
        (f"user:{AUTHOR}", f"a:{AUTHOR}"), (f"user:{SECOND}", f"a:{SECOND}"),
        (f"user:{STAFF}", None),
    ]  # fmt: skip
    listed = found[2]
    assert listed.user_object_id == STAFF and listed.service_url == SERVICE_URL
    assert listed.team_id == "ict" and listed.tenant_id == "tenant"


async def test_a_team_audience_takes_the_team_list_first_then_peoples_own_choice(
    database: Database, bundled: Library, tmp_path: Path
) -> None:
    await install(database, personal(AUTHOR))
    await install(database, personal(SECOND))
    people = build_people(settings(tmp_path), database, bundled, lambda: NOW)
    await people.users.set_team(people.key_of(SECOND), "burgerzaken")
    found = await targets(database, bundled, tmp_path, "team:burgerzaken", f"ict,{AUTHOR}\n")
    assert [t.recipient for t in found] == [f"user:{SECOND}"]
    department = await targets(
        database, bundled, tmp_path, "department:dienstverlening", f"ict,{AUTHOR}\n"
    )
    assert [t.recipient for t in department] == [f"user:{SECOND}"]


async def test_a_channel_audience_is_one_post_in_that_channel(
    database: Database, bundled: Library, tmp_path: Path
) -> None:
    channel = "19:algemeen@thread.tacv2"
    await install(
        database,
        ConversationRecord(channel, "team", SERVICE_URL, "{}", "tenant", team_id="19:team",
                           channel_id=channel),
    )  # fmt: skip
    found = await targets(database, bundled, tmp_path, f"channel:{channel}")
    assert [(t.recipient, t.channel_id, t.conversation_id) for t in found] == [
        (f"channel:{channel}", channel, None)
    ]
    campaigns = service(database, bundled, tmp_path)
    planned = await campaigns.plan(briefing_to(f"channel:{channel}"), ADMIN)
    assert str(planned.audience) == f"channel:{channel}"


async def test_an_unread_audience_is_the_team_without_those_who_read_its_briefing(
    database: Database, bundled: Library, tmp_path: Path
) -> None:
    for object_id in (AUTHOR, SECOND):
        await install(database, personal(object_id))
    people = build_people(settings(tmp_path), database, bundled, lambda: NOW)
    await people.users.set_team(people.key_of(SECOND), "ict")
    members = f"ict,{AUTHOR}\nict,{STAFF}\n"
    everyone = await targets(database, bundled, tmp_path, "unread:ict", members)
    assert [t.recipient for t in everyone] == [f"user:{x}" for x in sorted((AUTHOR, SECOND, STAFF))]
    learning = LearningStore(database, lambda: NOW)
    await learning.acknowledge(people.key_of(SECOND), "team-ict", 1)
    await learning.acknowledge(people.key_of(STAFF), "stroom-4-uur-briefing", 1)
    unread = await targets(database, bundled, tmp_path, "unread:ict", members)
    assert [t.recipient for t in unread] == [f"user:{AUTHOR}", f"user:{STAFF}"]


async def test_a_team_is_reminded_at_most_once_a_week_by_whoever_asks(
    database: Database, bundled: Library, tmp_path: Path
) -> None:
    clock = [NOW]
    config = settings(tmp_path)
    people = build_people(config, database, bundled, lambda: clock[0])
    campaigns = campaign_service(config, database, bundled, lambda: clock[0], people)
    manager = Actor("aad:manager")
    first = await campaigns.remind_unread("ict", manager)
    assert first.planned and first.next_at == NOW + timedelta(days=7)
    clock[0] = NOW + timedelta(days=6, hours=23)
    again = await campaigns.remind_unread("ict", Actor("aad:other-manager"))
    assert not again.planned and again.next_at == NOW + timedelta(days=7)
    clock[0] = NOW + timedelta(days=7)
    assert (await campaigns.remind_unread("ict", manager)).planned
    stored = await campaigns.store.recent()
    assert [(c.audience, c.content.briefing_id, c.state) for c in stored] == [
        (Audience("unread", "ict"), "team-ict", State.SCHEDULED)
    ] * 2
    assert stored[0].approved_by == "aad:manager"
    with pytest.raises(CampaignError):
        await campaigns.remind_unread("no-such-team", manager)
