"""Importing stores people by user key, shows what changes, and never loses what people did."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from content.loader import Library
from conversation.identity import user_key
from conversation.people import LanguagePolicy, People, Sender
from learning.rules.leitner import after_answer
from organisation.chart_file import read_organisation_file
from organisation.importer import OrganisationImport, Wanted, chart_of_library, from_file
from organisation.membership import Membership
from organisation.placement import PlacedPeople, read_now, upn_key
from organisation.rules.changes import Changes
from organisation.rules.chart import Manager
from store.database import Database
from store.learning import AnswerRecord, LearningStore
from store.organisation import OrganisationStore
from store.tables import OrgManager, OrgMember
from store.users import UserStore

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
SECRET = b"test-secret"
ANNA = "00000000-0000-4000-8000-0000000000a1"
BERT = "00000000-0000-4000-8000-0000000000b2"
CARLA = "00000000-0000-4000-8000-0000000000c3"
HEAD = "00000000-0000-4000-8000-0000000000d4"
DAAN = "00000000-0000-4000-8000-0000000000e5"
_QUIZZES = itertools.count(1)


def key_of(object_id: str) -> str:
    return user_key(SECRET, object_id)


def wanted(
    library: Library, members: dict[str, str], managers: set[Manager] | None = None
) -> Wanted:
    organisation = library["nl"].organisation
    assert organisation is not None
    return Wanted(chart_of_library(organisation), members, frozenset(managers or set()), "test")


async def run(database: Database, plan_of: Wanted, dry_run: bool = False) -> Changes:
    importer = OrganisationImport(OrganisationStore(database, lambda: NOW), key_of)
    plan = await importer.plan(plan_of)
    if not dry_run:
        await importer.apply(plan, "test")
    return plan.changes


async def test_people_are_stored_by_user_key_and_managers_by_object_id(
    database: Database, bundled: Library
) -> None:
    members = {ANNA: "ict", "piet@voorbeeld.nl": "hr"}
    await run(database, wanted(bundled, members, {Manager(HEAD, "bedrijfsvoering")}))
    async with database.sessions() as session:
        rows = (await session.scalars(select(OrgMember))).all()
        managers = (await session.scalars(select(OrgManager))).all()
    stored = {(m.person_key, m.team_id, m.by_upn) for m in rows}
    assert stored == {
        (key_of(ANNA), "ict", False),
        (upn_key(key_of, "piet@voorbeeld.nl"), "hr", True),
    }
    assert ANNA not in str(stored) and "piet" not in str(stored)
    assert [(m.object_id, m.unit_id) for m in managers] == [(HEAD, "bedrijfsvoering")]


async def test_changes_are_shown_and_a_dry_run_changes_nothing(
    database: Database, bundled: Library
) -> None:
    store = OrganisationStore(database)
    await run(database, wanted(bundled, {ANNA: "ict", BERT: "hr", CARLA: "hr"}))
    first = await store.snapshot()
    changes = await run(
        database,
        wanted(bundled, {ANNA: "hr", BERT: "hr", DAAN: "ict"}, {Manager(HEAD, "ict")}),
        dry_run=True,
    )
    assert [(c.kind, c.person, c.before, c.after) for c in changes.people] == [
        ("moved", ANNA, "ict", "hr"),
        ("removed", "", "hr", None),
        ("added", DAAN, None, "ict"),
    ]
    counts = {c.team: (c.added, c.moved_in, c.moved_out, c.removed, c.after)
              for c in changes.teams}  # fmt: skip
    assert counts == {"hr": (0, 1, 0, 1, 2), "ict": (1, 0, 1, 0, 1)}
    assert changes.managers_added == (Manager(HEAD, "ict"),)
    assert await store.snapshot() == first  # the dry run wrote nothing
    assert (await store.imports())[0].added == 3


async def test_the_same_import_again_changes_nothing(database: Database, bundled: Library) -> None:
    await run(database, wanted(bundled, {ANNA: "ict"}, {Manager(HEAD, "ict")}))
    again = await run(database, wanted(bundled, {ANNA: "ict"}, {Manager(HEAD, "ict")}))
    assert again.empty


async def answer(database: Database, key: str) -> None:
    review = after_answer(None, "stroom-1", True, NOW)
    record = AnswerRecord(key, "stroom-1", 1, ("a",), True, review)
    assert await LearningStore(database, lambda: NOW).record_channel_answer(
        f"cq-{next(_QUIZZES)}", record
    )


async def test_moving_team_keeps_every_answer(database: Database, bundled: Library) -> None:
    learning = LearningStore(database, lambda: NOW)
    await run(database, wanted(bundled, {ANNA: "ict"}))
    await answer(database, key_of(ANNA))
    before = await learning.answer_counts(key_of(ANNA))
    await run(database, wanted(bundled, {ANNA: "hr"}))
    assert await learning.answer_counts(key_of(ANNA)) == before
    assert before.answered >= 1
    placed = PlacedPeople(key_of, Membership(), await OrganisationStore(database).snapshot())
    assert placed.team_for(ANNA) == "hr"
    # Removed from the organisation altogether: still nothing of theirs is lost.
    await run(database, wanted(bundled, {}))
    assert await learning.answer_counts(key_of(ANNA)) == before


async def test_the_imported_organisation_comes_first_then_the_file_then_the_own_choice(
    database: Database, bundled: Library, tmp_path: Path
) -> None:
    await run(database, wanted(bundled, {ANNA: "ict", "piet@voorbeeld.nl": "hr"}))
    users = UserStore(database, lambda: NOW)
    for person, chosen in ((ANNA, "financien"), (BERT, "financien"), (CARLA, "financien")):
        await users.set_team(key_of(person), chosen)
    membership = Membership(by_object_id={ANNA: "communicatie", BERT: "burgerzaken"})
    placed = PlacedPeople(key_of, membership, read_now(database.url))
    people = People(users, SECRET, LanguagePolicy("nl", False), placed)

    async def team(object_id: str, upn: str | None = None) -> str | None:
        async def lookup() -> str | None:
            return upn

        sender = Sender(object_id, "nl-NL", "chat", "personal", lookup)
        return (await people.resolve(sender)).team_id

    assert await team(ANNA) == "ict"  # imported, whatever the file and the choice say
    assert await team(BERT) == "burgerzaken"  # the membership file
    assert await team(CARLA) == "financien"  # their own choice
    assert await team(DAAN, upn="Piet@Voorbeeld.nl") == "hr"  # imported by sign-in name
    assert await team(HEAD) is None  # nowhere: they will be asked
    assert placed.members({"burgerzaken", "ict"}) == [BERT]  # only the file names object ids


async def test_a_running_bot_picks_up_a_newer_import(database: Database, bundled: Library) -> None:
    now = [0.0]
    store = OrganisationStore(database, lambda: NOW)
    placed = PlacedPeople(
        key_of, Membership(), await store.snapshot(), store=store, refresh_seconds=60,
        monotonic=lambda: now[0],
    )  # fmt: skip
    await run(database, wanted(bundled, {ANNA: "ict"}, {Manager(HEAD, "bedrijfsvoering")}))
    assert placed.team_for(ANNA) is None  # not looked yet: the minute has not passed
    await placed.settled()
    now[0] = 61.0
    assert placed.team_for(ANNA) is None  # this turn starts the look in the background
    await placed.settled()
    assert placed.team_for(ANNA) == "ict"
    assert placed.scope_of(HEAD).covers("ict")
    assert not placed.scope_of(ANNA).is_manager
    assert await placed.refresh() is False  # nothing newer


def test_without_a_database_the_start_reads_an_empty_organisation(tmp_path: Path) -> None:
    snapshot = read_now(f"sqlite+aiosqlite:///{tmp_path / 'not-migrated.db'}")
    assert snapshot.version is None and not snapshot.members


@pytest.mark.parametrize("example", ["docs/organisation-example.csv"])
async def test_the_example_file_imports(database: Database, bundled: Library, example: str) -> None:
    organisation = bundled["nl"].organisation
    assert organisation is not None
    path = Path(__file__).parents[2] / example
    parsed = read_organisation_file(path, {t.id for t in organisation.teams()})
    changes = await run(database, from_file(parsed, path.name))
    snapshot = await OrganisationStore(database).snapshot()
    assert changes.count("added") == len(snapshot.members) == 25
    assert snapshot.chart == parsed.chart and snapshot.managers == parsed.managers
