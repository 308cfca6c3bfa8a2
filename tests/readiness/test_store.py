"""The readiness store reads the rules' inputs set by set, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from sqlalchemy import delete, event, select
from sqlalchemy.exc import DBAPIError

from readiness.rules.knowledge import FirstAttempt
from readiness.rules.process import ProcessAttestation, TeamAttestation
from readiness.rules.publication import weekly_publication
from store import tables
from store.database import Database
from store.readiness import ReadinessStore, StoredUnit
from tests.readiness import seed
from tests.readiness.seed import at
from tests.readiness.test_weekly import BURGERZAKEN, ORGANISATION, PEOPLE

UNITS = [
    ("publiek", "department", "Publiekszaken", None),
    ("burgerzaken", "team", "Burgerzaken", "publiek"),
    ("hr", "team", "HR", "publiek"),
]
SCENARIO = {"q-scenario-1", "q-scenario-2"}


async def test_the_import_comes_first_then_the_persons_own_choice(database: Database) -> None:
    await seed.organisation(database, UNITS, {"p1": "burgerzaken", "p2": "burgerzaken"})
    await seed.choices(database, {"p1": "hr", "p3": "hr", "p4": None})
    read = await ReadinessStore(database).inputs(SCENARIO)
    assert {(p.key, p.team_id) for p in read.people} == {
        ("p1", "burgerzaken"),  # imported: the import wins over the choice
        ("p2", "burgerzaken"),
        ("p3", "hr"),  # not imported: their own choice
    }  # p4 chose no team and is in no group
    assert read.units == (
        StoredUnit("burgerzaken", "team", "Burgerzaken", "publiek"),
        StoredUnit("hr", "team", "HR", "publiek"),
        StoredUnit("publiek", "department", "Publiekszaken", None),
    )


async def test_first_attempts_on_scenario_questions_with_their_times(database: Database) -> None:
    await seed.organisation(database, UNITS, {"p1": "burgerzaken", "p2": "hr"})
    await seed.answers(database, [
        ("p1", "q-scenario-1", at("2026-11-20"), True, True),
        ("p1", "q-scenario-1", at("2026-11-21"), False, False),  # a second attempt
        ("p1", "q-scenario-2", at("2026-11-22"), False, True),
        ("p1", "q-personal", at("2026-11-22"), True, True),  # not about a scenario
        ("p1", "q-scenario-2", at("2025-01-01"), True, True),  # before the window
        ("p2", "q-scenario-1", at("2026-12-08"), True, True),  # after the week
        ("nobody", "q-scenario-1", at("2026-11-20"), True, True),  # in no team
    ])  # fmt: skip
    read = await ReadinessStore(database).inputs(
        SCENARIO, since=at("2025-12-07", 0), until=at("2026-12-07", 0)
    )
    people = {p.key: p for p in read.people}
    assert sorted(people["p1"].first_attempts, key=lambda a: a.answered_at) == [
        FirstAttempt(at("2026-11-20"), True),
        FirstAttempt(at("2026-11-22"), False),
    ]
    assert all(a.answered_at.tzinfo is not None for a in people["p1"].first_attempts)
    assert people["p2"].first_attempts == ()
    assert "nobody" not in people


async def test_the_first_acknowledgement_of_the_own_teams_briefing(database: Database) -> None:
    await seed.organisation(database, UNITS, {"p1": "burgerzaken", "p2": "hr"})
    await seed.choices(database, {"p3": "hr"})
    await seed.acknowledgements(database, [
        ("p1", "team-burgerzaken", 2, at("2026-11-10")),
        ("p1", "team-burgerzaken", 1, at("2026-10-01")),  # the first, of an older version
        ("p2", "team-burgerzaken", 2, at("2026-11-10")),  # another team's briefing
        ("p2", "stroom-4-uur-briefing", 1, at("2026-11-10")),  # not a team briefing
        ("p3", "team-hr", 1, at("2026-11-12")),
    ])  # fmt: skip
    read = await ReadinessStore(database).inputs(SCENARIO)
    assert {p.key: p.acknowledged_at for p in read.people} == {
        "p1": at("2026-10-01"),
        "p2": None,
        "p3": at("2026-11-12"),
    }


async def test_attestations_are_kept_with_who_and_when(database: Database) -> None:
    store = ReadinessStore(database, clock=lambda: at("2026-11-28", 9))
    process = ProcessAttestation(
        "geboorte", date(2026, 3, 10), "Draaiboek v2", True, True, date(2025, 11, 20)
    )
    team = TeamAttestation(date(2026, 9, 1), "Map noodprocedures", True, False, None, 2)
    await store.attest("burgerzaken", " ABC-Manager ", [process], team, printed_card_mark="a1b2c3")
    await store.attest("burgerzaken", "abc-manager", [process], team)  # a second: both stay
    read = await store.inputs(SCENARIO)
    assert [r.attestation for r in read.process_attestations] == [process, process]
    assert {r.attested_by for r in read.process_attestations} == {"abc-manager"}
    first, second = sorted(read.team_attestations, key=lambda r: r.printed_card_mark is None)
    assert (first.team_id, first.attested_by, first.attested_at) == (
        "burgerzaken",
        "abc-manager",
        at("2026-11-28", 9),
    )
    assert first.attestation == second.attestation == team
    assert (first.printed_card_mark, second.printed_card_mark) == ("a1b2c3", None)


async def test_a_form_is_saved_whole_or_not_at_all(database: Database) -> None:
    store = ReadinessStore(database)
    process = ProcessAttestation("geboorte", date(2026, 3, 10), "Draaiboek", True, True, None)
    # The team's part cannot be stored (no day): the processes' rows must not stay either.
    broken = TeamAttestation(None, "Map", True, False, None, 2)  # type: ignore[arg-type]
    with pytest.raises(DBAPIError):
        await store.attest("burgerzaken", "abc-manager", [process, process], broken)
    read = await store.inputs(SCENARIO)
    assert read.process_attestations == () and read.team_attestations == ()


@contextmanager
def statements(database: Database) -> Iterator[list[str]]:
    """The SQL statements run on ``database`` inside the block."""
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(args[2])

    engine = database.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def people_with_answers(database: Database, count: int) -> None:
    keys = [f"p{n:04}" for n in range(count)]
    await seed.organisation(
        database, UNITS, {key: ("burgerzaken", "hr")[n % 2] for n, key in enumerate(keys)}
    )
    await seed.answers(database, [
        (key, question, at("2026-11-20"), n % 3 == 0, True)
        for n, key in enumerate(keys) for question in sorted(SCENARIO)
    ])  # fmt: skip
    await seed.acknowledgements(database, [
        (key, "team-burgerzaken" if n % 2 == 0 else "team-hr", 1, at("2026-11-10"))
        for n, key in enumerate(keys)
    ])  # fmt: skip


async def test_two_thousand_people_take_as_many_queries_as_three(database: Database) -> None:
    store = ReadinessStore(database)
    await people_with_answers(database, 3)
    with statements(database) as few:
        assert len((await store.inputs(SCENARIO)).people) == 3
    async with database.sessions.begin() as session:
        for table in (tables.OrgUnit, tables.OrgMember, tables.Answer, tables.Acknowledgement):
            await session.execute(delete(table))
    await people_with_answers(database, 2000)
    with statements(database) as many:
        large = await store.inputs(SCENARIO)
    assert len(large.people) == 2000
    assert len(many) == len(few) == 7
    assert all(len(p.first_attempts) == 2 and p.acknowledged_at for p in large.people)


async def test_a_published_week_is_kept_as_it_was(database: Database) -> None:
    week = weekly_publication(ORGANISATION, [BURGERZAKEN], PEOPLE, week_of=date(2026, 12, 2))
    store = ReadinessStore(database, clock=lambda: at("2026-12-07"))
    monday = date(2026, 11, 30)
    assert await store.save_week(monday, week, keep_from=date(2026, 9, 1))
    assert await store.weeks() == {monday: week}
    assert any(state.knowledge is not None for state in week.states.values())
    # The first publication of a week stays: a second one changes nothing.
    other = weekly_publication(ORGANISATION, [], PEOPLE, week_of=date(2026, 12, 2))
    assert not await store.save_week(monday, other, keep_from=date(2026, 9, 1))
    assert await store.weeks() == {monday: week}
    # A week older than the trend period goes, with its states.
    later = date(2027, 3, 8)
    assert await store.save_week(later, other, keep_from=date(2026, 12, 7))
    assert list(await store.weeks()) == [later]
    async with database.sessions() as session:
        kept = (await session.execute(select(tables.ReadinessWeekState.week_start))).scalars()
        assert set(kept) == {later}
