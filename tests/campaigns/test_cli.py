"""`paraat campaign`: the command line that scripts rely on (names, options, exit codes)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cli.main import main


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
