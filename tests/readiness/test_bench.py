"""The readiness benchmark's organisation and its section of docs/performance.md: what is seeded
in bulk reads back as the store reads it (SQLite and PostgreSQL), and the section is replaced on
its own. Nothing here is timed."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from bench.readiness_data import (
    Size,
    acknowledgements,
    answers,
    attestations,
    organisation,
    write,
)
from bench.readiness_page import section_of, with_section
from bench.readiness_turn import FIRST_MANAGER, READINESS, readiness_comparisons, readiness_messages
from bench.report import Measured
from bench.scenarios import ECHO_MESSAGE, HELP
from bench.stats import Repetition
from content.loader import Library
from readiness.inputs import organisation_units, scenario_questions
from store.database import Database
from store.readiness import ReadinessStore
from testkit import activities as a

NOW = datetime(2026, 11, 28, 12, tzinfo=UTC)
SMALL = Size(people=60, teams=20, answers=3000)


def test_the_organisation_is_nested_with_every_team_in_a_department(bundled: Library) -> None:
    org = organisation(bundled, Size())
    kinds = {unit_id: kind for unit_id, kind, _, _ in org.units}
    assert len(org.team_ids) == 150 and len(org.members) == 2000
    assert set(org.members.values()) <= set(org.team_ids)
    assert all(kinds[parent] == "department" for _, _, _, parent in org.units if parent)
    assert set(bundled["nl"].teams) <= set(org.team_ids)  # the library's teams are in it
    assert any(kinds[p] == "department" for _, k, _, p in org.units if k == "department" and p)
    sizes = Counter(org.members.values())
    assert min(sizes.get(team, 0) for team in org.team_ids) < 5  # some too small to show


def test_answers_are_first_attempts_then_repeats(bundled: Library) -> None:
    org = organisation(bundled, SMALL)
    rows = answers(bundled, list(org.members), SMALL.answers, NOW)
    assert len(rows) == SMALL.answers
    firsts = Counter((row[0], row[1]) for row in rows if row[7])
    assert set(firsts.values()) == {1}  # one first attempt per person and question
    assert all((row[0], row[1]) in firsts for row in rows)  # repeats of answered questions
    assert all(NOW - timedelta(days=366) < row[8] <= NOW for row in rows)
    assert len({(row[3], row[0], row[1]) for row in rows}) == len(rows)  # unique per round


async def test_what_is_seeded_in_bulk_reads_back_as_the_store_reads_it(
    database: Database, bundled: Library
) -> None:
    org = organisation(bundled, SMALL)
    rows = answers(bundled, list(org.members), SMALL.answers, NOW)
    processes, teams = attestations(org, bundled, NOW)
    await write(database, org, rows, acknowledgements(org, bundled, NOW), processes, teams)
    questions = scenario_questions(bundled)
    since = NOW - timedelta(days=100)
    read = await ReadinessStore(database).inputs(questions, since=since, until=NOW)
    expected = Counter(r[0] for r in rows if r[7] and r[1] in questions and since <= r[8] < NOW)
    assert {p.key: len(p.first_attempts) for p in read.people if p.first_attempts} == expected
    assert {p.key for p in read.people} == set(org.members)
    assert sum(1 for p in read.people if p.acknowledged_at) > len(org.members) // 2
    assert len(read.team_attestations) == len(teams) and processes
    assert len(organisation_units(read.units, None)) == 4


PAGE = "# Performance\n\nIntro.\n\n## Campaign fan-out\n\nFan-out.\n"
SECTION = "## Readiness roll-up\n\nFirst run.\n\n### Results\n\nFast.\n"


def test_the_readiness_section_is_replaced_on_its_own() -> None:
    page = with_section(PAGE, SECTION)
    assert page == PAGE + "\n" + SECTION
    assert section_of(page) == SECTION
    again = with_section(page, SECTION.replace("First", "Second"))
    assert again == PAGE + "\n" + SECTION.replace("First", "Second")
    assert with_section(page, None) == page
    middle = with_section(PAGE, SECTION) + "\n## Later\n\nText.\n"
    replaced = with_section(middle, "## Readiness roll-up\n\nNew.\n")
    assert replaced == PAGE + "\n## Readiness roll-up\n\nNew.\n\n## Later\n\nText.\n"
    assert section_of(PAGE) is None


def test_the_readiness_turn_is_a_managers_gereedheid_set_against_the_echo_message() -> None:
    sent = next(readiness_messages("http://connector", 2))
    assert sent["text"] == "gereedheid" and sent["from"] == a.user(FIRST_MANAGER + 1)

    def measured(scenario: object, users: int, turns_per_second: float) -> Measured:
        repetition = Repetition(100, 1.0, turns_per_second, 1000 / turns_per_second, 20.0)
        return Measured(scenario, users, (repetition,))  # type: ignore[arg-type]

    found = readiness_comparisons([
        measured(ECHO_MESSAGE, 1, 200.0), measured(READINESS, 1, 10.0),
        measured(HELP, 1, 150.0), measured(READINESS, 10, 5.0),  # no echo message at 10 users
    ])  # fmt: skip
    assert [(c.paraat.scenario, c.baseline.scenario, c.paraat.users) for c in found] == [
        (READINESS, ECHO_MESSAGE, 1)
    ]
    assert found[0].ratio.turns_per_second == 0.05
