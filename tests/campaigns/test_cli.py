"""`paraat campaign`: the command line that scripts rely on (names, options, exit codes)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
from pathlib import Path

import pytest

from campaigns.rules.model import Content
from cli.main import main
from conversation.identity import local_user_key_secret, user_key
from store.campaigns import CampaignStore
from store.database import Database
from tests.support.campaigns import Seeded, team_of


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sqlite_url: str) -> None:
    for name in list(os.environ):
        if name.startswith("PARAAT_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARAAT_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("PARAAT_DATA_DIR", str(tmp_path))


def listed(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    assert main(["campaign", "list", "--json"]) == 0
    found: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return found


def test_add_list_show_and_cancel(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([
        "campaign", "add", "--title", "Stroomstoring", "--briefing", "stroom-4-uur-briefing",
        "--audience", "team:burgerzaken", "--at", "2099-12-14 09:30", "--repeat", "weekly",
    ]) == 0  # fmt: skip
    assert "Campaign 1 is scheduled: 'Stroomstoring' to team:burgerzaken, 2099-12-14 09:30." in (
        capsys.readouterr().out
    )
    assert main(["campaign", "add", "--title", "Quiz", "--quiz", "--audience", "all"]) == 0
    capsys.readouterr()
    [second, first] = listed(capsys)
    assert (first["id"], first["state"], first["repeat"]) == (1, "scheduled", "weekly")
    assert first["next_run_at"] == "2099-12-14T08:30:00+00:00"  # 9:30 in Amsterdam, in winter
    assert (second["content"], second["at"]) == ("quiz", "now")
    assert main(["campaign", "show", "1", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["stats"]["targeted"] == 0 and shown["author"].startswith("cli:")
    assert [h["action"] for h in shown["history"]] == ["create", "approve"]
    assert main(["campaign", "cancel", "1"]) == 0
    assert "Campaign 1 is cancelled." in capsys.readouterr().out
    assert main(["campaign", "cancel", "1"]) == 1
    assert "cannot be cancelled" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (["--quiz", "--message", "hoi", "--audience", "all"], 2, "exactly one of"),
        (["--quiz", "--audience", "team:kantine"], 1, "no team 'kantine'"),
        (["--quiz", "--audience", "iedereen"], 1, "expected an audience all"),
        (["--quiz", "--audience", "all", "--at", "morgen"], 1, 'like "2026-12-14 09:30"'),
        (["--quiz", "--audience", "all", "--at", "2001-01-01 09:00"], 1, "has passed"),
        (["--quiz", "--audience", "all", "--repeat", "soms"], 1, "cron expression"),
        (["--briefing", "bestaat-niet", "--audience", "all"], 1, "no briefing 'bestaat-niet'"),
    ],
)
def test_a_wrong_campaign_is_refused_with_its_reason_and_nothing_is_stored(
    arguments: list[str], code: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["campaign", "add", "--title", "X", *arguments]) == code
    assert message in capsys.readouterr().err
    assert listed(capsys) == []


def test_showing_a_campaign_that_does_not_exist(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["campaign", "show", "42"]) == 1
    assert "there is no campaign 42" in capsys.readouterr().err


TITLE = '=HYPERLINK("https://example.org"), Oefening'
"""A title a spreadsheet would run as a formula, with a comma in it."""


def seed_a_sent_campaign(url: str, data_dir: Path) -> None:
    """Campaign 1, sent to 13 people in three teams of Dienstverlening; some read it, and two
    in Burgerzaken clicked "Gelezen"."""
    secret = local_user_key_secret(data_dir)  # the key the command line will use too
    staff = [
        *team_of("burgerzaken", range(1, 7)),
        *team_of("klantcontactcentrum", range(7, 12)),
        *team_of("belastingen", range(12, 14)),
    ]

    async def seed() -> None:
        database = Database(url)
        try:
            seeded = Seeded(database)
            campaign = await seeded.campaign(
                Content("message", text="Vrijdag oefenen we."), staff, title=TITLE
            )
            for person in staff[:3] + staff[6:7]:
                await seeded.read(person)
            acks = CampaignStore(database, seeded.clock)
            for person in staff[:2]:
                await acks.acknowledge(campaign.id, user_key(secret, person.object_id))
        finally:
            await database.close()

    asyncio.run(seed())


def test_show_as_csv_has_the_figures_and_the_breakdown(
    tmp_path: Path, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_a_sent_campaign(sqlite_url, tmp_path)
    assert main(["campaign", "show", "1", "--csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        "kind,id,name,parent,recipients,targeted,sent,read,acknowledged,not_installed,"
        "unreachable,failed,pending,cancelled,unknown,quiz_participants,quiz_mean_right"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    picked = [
        tuple(row[c] for c in ("kind", "id", "parent", "recipients", "sent", "read",
                                "acknowledged", "unreachable", "quiz_participants"))
        for row in rows
    ]  # fmt: skip
    assert picked == [
        ("campaign", "1", "", "13", "13", "4", "2", "0", ""),
        ("department", "dienstverlening", "", "13", "13", "4", "2", "", ""),
        ("team", "burgerzaken", "dienstverlening", "6", "6", "3", "2", "", ""),
        # Klantcontactcentrum (5) is folded in with Belastingen (2): 2 alone would be the
        # department minus the teams shown.
        ("other", "", "dienstverlening", "7", "7", "1", "0", "", ""),
    ]
    assert rows[0]["name"] == "'" + TITLE  # shown as text, never run as a formula
    assert rows[2]["name"] == "Burgerzaken"


def test_show_as_json_has_the_new_figures_and_the_breakdown(
    tmp_path: Path, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_a_sent_campaign(sqlite_url, tmp_path)
    assert main(["campaign", "show", "1", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    stats = shown["stats"]
    assert (stats["recipients"], stats["sent"], stats["read"], stats["acknowledged"]) == (
        13, 13, 4, 2
    )  # fmt: skip
    assert stats["quiz"] is None and shown["title"] == TITLE
    assert [(g["kind"], g["id"], g["recipients"], g["read"]) for g in shown["breakdown"]] == [
        ("department", "dienstverlening", 13, 4),
        ("team", "burgerzaken", 6, 3),
        ("other", None, 7, 1),
    ]


def test_show_as_text_prints_the_breakdown(
    tmp_path: Path, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_a_sent_campaign(sqlite_url, tmp_path)
    assert main(["campaign", "show", "1"]) == 0
    out = capsys.readouterr().out
    assert "Per department and team" in out and "Burgerzaken" in out
    assert "Klantcontactcentrum" not in out


def test_json_and_csv_together_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["campaign", "show", "1", "--json", "--csv"]) == 2
    captured = capsys.readouterr()
    assert "--json or --csv, not both" in captured.err and captured.out == ""
