"""``paraat sync sharepoint``: the plan on a dry run, and one clear message when it cannot run."""

from __future__ import annotations

import asyncio
import os
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from cli.main import main
from content.loader import Library
from readiness.inputs import scenario_questions
from readiness.jobs import last_ended_week
from store.clock import utc_now
from store.database import Database
from tests.readiness import seed
from tests.support.sharepoint import Publishing

SITE = "https://gemeente.sharepoint.com/sites/paraat"


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sqlite_url: str) -> None:
    for name in list(os.environ):
        if name.startswith("PARAAT_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARAAT_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("PARAAT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "200")


def test_a_dry_run_lists_every_page_and_card_to_create_and_sends_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], bundled: Library
) -> None:
    monkeypatch.setenv("PARAAT_SHAREPOINT_SITE_URL", SITE)

    assert main(["sync", "sharepoint", "--dry-run"]) == 0

    out = capsys.readouterr().out
    assert "nieuws-stroom-4-uur-briefing.aspx" in out
    assert "weerbaarheid-burgerzaken.aspx" in out
    assert "noodkaart-burgerzaken.pdf" in out and "Noodkaart: Burgerzaken" in out
    pages = len(bundled["nl"].briefings) + len(bundled["nl"].teams) + 2
    cards = len(bundled["nl"].teams)
    assert f"{pages + cards} create" in out


async def test_after_a_publish_the_dry_run_has_nothing_to_do(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    publishing: Publishing,
    bundled: Library,
) -> None:
    await publishing.service(bundled, printer=publishing.printer(bundled)).run()
    monkeypatch.setenv("PARAAT_SHAREPOINT_SITE_URL", publishing.sharepoint.site_url)

    # The command runs its own event loop, and its own card printer: it plans the cards by the
    # same versions, so they are up to date too.
    assert await asyncio.to_thread(main, ["sync", "sharepoint", "--dry-run"]) == 0

    assert "up to date" in capsys.readouterr().out


def test_a_run_without_the_apps_identity_says_what_to_set(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PARAAT_SHAREPOINT_SITE_URL", SITE)

    assert main(["sync", "sharepoint"]) == 1

    assert "PARAAT_APP_ID" in capsys.readouterr().err


def test_without_a_site_the_command_says_which_setting_is_missing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["sync", "sharepoint", "--dry-run"]) == 1
    assert "PARAAT_SHAREPOINT_SITE_URL" in capsys.readouterr().err


async def test_a_dry_run_lists_the_readiness_items_of_the_week_that_ended_last(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    sqlite_url: str,
    bundled: Library,
) -> None:
    monkeypatch.setenv("PARAAT_SHAREPOINT_SITE_URL", SITE)
    monday = last_ended_week(utc_now())
    members = {f"ict{n}": "ict" for n in range(6)}
    question = sorted(scenario_questions(bundled))[0]
    database = Database(sqlite_url)
    try:
        units = [
            ("publiek", "department", "Publiekszaken", None),
            ("ict", "team", "ICT", "publiek"),
        ]
        await seed.organisation(database, units, members)
        answered = datetime.combine(monday + timedelta(days=2), time(10), UTC)
        await seed.answers(database, [(key, question, answered, True, True) for key in members])
    finally:
        await database.close()

    assert await asyncio.to_thread(main, ["sync", "sharepoint", "--dry-run"]) == 0

    out = capsys.readouterr().out
    assert "unit:publiek" in out and "unit:ict" in out and "Hele organisatie" in out
