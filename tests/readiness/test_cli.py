"""`paraat readiness report` on a seeded database: the rules' own figures and suppression,
groups only, CSV safe for spreadsheets."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from cli.main import main
from content.loader import Library
from printing.version import current_card_version
from readiness.inputs import scenario_questions
from readiness.rules.disclosure import Unit
from readiness.rules.knowledge import FirstAttempt
from readiness.rules.process import ProcessAttestation, TeamAttestation
from readiness.rules.publication import TeamInputs, weekly_publication
from readiness.rules.retention import QuestionMonth
from readiness.rules.score import PersonRecord
from store.database import Database
from store.readiness import ReadinessStore
from store.retention import RetentionStore
from tests.readiness import seed
from tests.readiness.seed import at

WEEK = "2026-12-02"  # the week of Monday 30 November 2026
INJECTED = '=HYPERLINK("https://evil.example","Bedrijf")'
UNITS = [
    ("publiek", "department", "Publiekszaken", None),
    ("burgerzaken", "team", "Burgerzaken", "publiek"),
    ("hr", "team", "HR", "publiek"),
    ("bedrijf", "department", INJECTED, None),
    ("ict", "team", "ICT", "bedrijf"),
]
# Burgerzaken 8 (6 answered), HR 3: HR is too small, and showing Burgerzaken beside Publiekszaken
# would give HR's 3 by subtraction, so only the department is shown. ICT's 6 are shown.
TEAMS = {f"bz{n}": "burgerzaken" for n in range(8)} | {f"hr{n}": "hr" for n in range(3)}
TEAMS |= {f"ict{n}": "ict" for n in range(5)}
CHOSEN = {"ict5": "ict"}  # not imported: placed by their own choice


def answered(key: str, questions: list[str]) -> list[tuple[str, str, bool]]:
    """(question, day, right) of a person's first attempts: bz6 and bz7 answered nothing."""
    if key in {"bz6", "bz7"}:
        return []
    first, second = questions
    return [(first, "2026-11-20", int(key[-1]) % 2 == 0), (second, "2026-11-25", True)]


def acknowledged(key: str) -> str | None:
    return None if key.endswith(("3", "4")) else "2026-11-10"


@pytest.fixture
def seeded(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sqlite_url: str, bundled: Library
) -> list[str]:
    for name in list(os.environ):
        if name.startswith("PARAAT_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARAAT_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("PARAAT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "200")
    now_is(monkeypatch, at("2026-12-03", 12))  # within the week shown: not final yet
    questions = sorted(scenario_questions(bundled))[:2]
    asyncio.run(_seed(sqlite_url, questions, bundled))
    return questions


def now_is(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    """The command's clock (it reads ``store.clock.utc_now`` when it runs)."""
    monkeypatch.setattr("store.clock.utc_now", lambda: moment)


async def _seed(url: str, questions: list[str], library: Library) -> None:
    database = Database(url)
    try:
        await seed.organisation(database, UNITS, TEAMS, [("manager-1", "publiek")])
        await seed.choices(database, CHOSEN | {"bz0": "hr"})  # the import wins for bz0
        everyone = TEAMS | CHOSEN
        await seed.answers(database, [
            (key, question, at(day), right, True)
            for key in everyone for question, day, right in answered(key, questions)
        ])  # fmt: skip
        await seed.acknowledgements(database, [
            (key, f"team-{team}", 1, at(day))
            for key, team in everyone.items() if (day := acknowledged(key))
        ])  # fmt: skip
        card = current_card_version(library, "burgerzaken")
        assert card is not None
        store = ReadinessStore(database)
        await store.attest(
            "burgerzaken", "manager-1", [GEBOORTE], _team(card.profile_version), card.mark
        )
    finally:
        await database.close()


GEBOORTE = ProcessAttestation("geboorte", date(2026, 3, 10), "Draaiboek", True, True,
                              date(2026, 3, 1))  # fmt: skip


def _team(version: int) -> TeamAttestation:
    return TeamAttestation(date(2026, 9, 1), "Map", True, True, date(2025, 6, 1), version)


def expected(library: Library, questions: list[str]) -> Any:
    """The same week straight from the rules, with inputs written out by hand."""
    organisation = (
        Unit("bedrijf", INJECTED, "department", (Unit("ict", "ICT", "team"),)),
        Unit("publiek", "Publiekszaken", "department",
             (Unit("burgerzaken", "Burgerzaken", "team"), Unit("hr", "HR", "team"))),
    )  # fmt: skip
    people = [
        PersonRecord(
            key, team,
            tuple(FirstAttempt(at(day), right) for _, day, right in answered(key, questions)),
            at(day) if (day := acknowledged(key)) else None,
        )
        for key, team in (TEAMS | CHOSEN).items()
    ]  # fmt: skip
    card = current_card_version(library, "burgerzaken")
    assert card is not None
    profiles = library["nl"].teams
    teams = [
        TeamInputs(
            team, tuple(p.id or "" for p in profiles[team].processes),
            card_version=(current_card_version(library, team) or card).profile_version,
            process_attestations=(GEBOORTE,) if team == "burgerzaken" else (),
            team_attestation=_team(card.profile_version) if team == "burgerzaken" else None,
        )
        for team in ("ict", "burgerzaken", "hr")
    ]  # fmt: skip
    return weekly_publication(organisation, teams, people, week_of=date.fromisoformat(WEEK))


def test_json_has_the_rules_figures_and_suppression(
    seeded: list[str], bundled: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["readiness", "report", "--format", "json", "--week", WEEK]) == 0
    shown = json.loads(capsys.readouterr().out)
    week = expected(bundled, seeded)
    rows = {(r["kind"], r["id"], r["parent"]): r for r in shown["rows"]}
    assert list(rows) == [
        ("organisation", None, None),
        ("department", "bedrijf", None),
        ("team", "ict", "bedrijf"),
        ("department", "publiek", None),
        ("team", "burgerzaken", "publiek"),
        ("team", "hr", "publiek"),
    ]
    for (kind, id, parent), row in rows.items():
        figures = week.group(kind, id, parent)
        if figures is None:
            assert row["status"] == "too small to show" and row["score"] is None
            assert row["members"] is None and row["knowledge"] is None
        else:
            assert row["status"] == "shown"
            got = (row["members"], row["respondents"], row["process"], row["knowledge"],
                   row["reach"], row["score"])  # fmt: skip
            assert got == (figures.members, figures.respondents, figures.process,
                           figures.knowledge, figures.reach, figures.score)  # fmt: skip
    assert rows[("team", "burgerzaken", "publiek")]["status"] == "too small to show"
    assert rows[("team", "hr", "publiek")]["status"] == "too small to show"
    assert rows[("department", "publiek", None)]["status"] == "shown"
    assert rows[("department", "publiek", None)]["process"] > 0  # the attestations count
    assert rows[("team", "ict", "bedrijf")]["members"] == 6  # ict5 by their own choice
    assert shown["week"]["from"] == "2026-11-30"
    assert rows[("organisation", None, None)]["band"] in {
        "beginnend", "in ontwikkeling", "vastgelegd", "beheerst"
    }  # fmt: skip


def test_no_person_appears(seeded: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    for output in ("table", "csv", "json"):
        assert main(["readiness", "report", "--format", output, "--week", WEEK]) == 0
        text = capsys.readouterr().out
        assert not any(key in text for key in (*TEAMS, *CHOSEN, "manager-1"))


def test_csv_is_safe_in_a_spreadsheet(
    seeded: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["readiness", "report", "--format", "csv", "--week", WEEK, "--lang", "en"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    bedrijf = next(r for r in rows if r["id"] == "bedrijf")
    assert bedrijf["name"] == "'" + INJECTED
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r.values())
    hr = next(r for r in rows if r["id"] == "hr")
    assert hr["status"] == "too small to show" and hr["score"] == "" and hr["members"] == ""
    assert next(r for r in rows if r["kind"] == "organisation")["band"] in {
        "initial", "developing", "defined", "managed"
    }  # fmt: skip


def test_one_department_and_what_it_holds(
    seeded: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["readiness", "report", "--department", "publiek", "--week", WEEK]) == 0
    text = capsys.readouterr().out
    assert "Publiekszaken" in text and "Burgerzaken" in text and "too small to show" in text
    assert "ICT" not in text and "│ organisation" not in text


def test_an_unknown_department_is_refused(
    seeded: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["readiness", "report", "--department", "kantine"]) == 1
    assert "no department or team 'kantine'" in capsys.readouterr().err


def test_a_bad_week_is_a_usage_error(seeded: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["readiness", "report", "--week", "volgende week"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_an_ended_week_is_published_once_and_then_read_back(
    seeded: list[str], sqlite_url: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    assert main(["readiness", "report", "--format", "json", "--week", WEEK]) == 0
    under_way = json.loads(capsys.readouterr().out)
    assert under_way["week"]["final"] is False
    now_is(monkeypatch, at("2026-12-09"))
    assert main(["readiness", "report", "--format", "json", "--week", WEEK]) == 0
    published = json.loads(capsys.readouterr().out)
    assert published["week"]["final"] is True and published["rows"] == under_way["rows"]
    # Late acknowledgements, dated inside the week, do not change what was published.
    late = [(f"bz{n}", "team-burgerzaken", 1, at("2026-12-01")) for n in (3, 4)]
    asyncio.run(_with_database(sqlite_url, lambda db: seed.acknowledgements(db, late)))
    assert main(["readiness", "report", "--format", "json", "--week", WEEK]) == 0
    assert json.loads(capsys.readouterr().out) == published
    # By default the report shows the last week that ended: the published one.
    assert main(["readiness", "report", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == published
    # This week (under way) is made against the published one, when asked for.
    assert main(["readiness", "report", "--format", "json", "--week", "2026-12-09"]) == 0
    assert json.loads(capsys.readouterr().out)["week"]["from"] == "2026-12-07"
    # A week before the published one that was never published cannot be made now.
    assert main(["readiness", "report", "--week", "2026-11-25"]) == 1
    assert "was not published when it ended" in capsys.readouterr().err


async def _with_database(url: str, work: Any) -> Any:
    database = Database(url)
    try:
        return await work(database)
    finally:
        await database.close()


def test_publish_keeps_the_week_that_ended_once(
    seeded: list[str], sqlite_url: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    now_is(monkeypatch, at("2026-12-09"))
    assert main(["readiness", "publish"]) == 0
    said = capsys.readouterr().out
    kept = asyncio.run(_with_database(sqlite_url, lambda db: ReadinessStore(db).weeks()))
    assert list(kept) == [date(2026, 11, 30)]
    shown = len(kept[date(2026, 11, 30)].groups)
    assert shown > 0
    assert f"The week of 2026-11-30 published now: {shown} groups shown." in " ".join(said.split())
    assert main(["readiness", "publish"]) == 0
    assert "2026-11-30 was published already" in " ".join(capsys.readouterr().out.split())


def test_retention_counts_then_aggregates_the_old_answers(
    seeded: list[str], sqlite_url: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    old = [
        ("bz0", "q-old", at("2025-09-01"), True, True),
        ("bz1", "q-old", at("2025-09-02"), False, True),
    ]
    asyncio.run(_with_database(sqlite_url, lambda db: seed.answers(db, old)))
    now_is(monkeypatch, at("2026-12-09"))
    assert main(["readiness", "retention", "--dry-run"]) == 0
    assert "2 answers would be added" in " ".join(capsys.readouterr().out.split())
    assert main(["readiness", "retention"]) == 0
    assert "2 answers were added" in " ".join(capsys.readouterr().out.split())
    totals = asyncio.run(_with_database(sqlite_url, lambda db: RetentionStore(db).totals()))
    assert totals == [QuestionMonth("q-old", "2025-09", 2, 1, 2, 1)]
    assert main(["readiness", "retention", "--dry-run"]) == 0
    assert "0 answers would be added" in " ".join(capsys.readouterr().out.split())
