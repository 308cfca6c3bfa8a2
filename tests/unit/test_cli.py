"""The ``paraat`` command line: clear refusals before anything starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.main import main


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    import os

    for name in list(os.environ):
        if name.startswith("PARAAT_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no .env of the developer's, a database of its own
    return tmp_path


def test_help_lists_every_command_with_what_it_does(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    lines = [line.strip("│ ") for line in capsys.readouterr().out.splitlines()]
    for command in ("serve", "dev", "db", "content", "cards"):
        described = [line for line in lines if line.split(maxsplit=1)[:1] == [command]]
        assert len(described) == 1 and len(described[0].split()) > 3, command


def test_an_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serv"]) == 2
    captured = capsys.readouterr()
    assert "No such command 'serv'" in captured.err and not captured.out


def test_a_bad_setting_stops_with_its_name(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PARAAT_PORT", "zero")
    assert main(["serve"]) == 2
    assert "PARAAT_PORT: Input should be a valid integer" in capsys.readouterr().err


def test_a_bad_command_line_port_is_named_too(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", "0"]) == 2
    assert "PARAAT_PORT" in capsys.readouterr().err


def test_serve_refuses_an_unmigrated_database_and_upgrade_fixes_it(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve"]) == 2
    assert "Run: paraat db upgrade" in capsys.readouterr().err
    assert main(["db", "upgrade"]) == 0
    assert (isolated / "var" / "paraat.db").is_file()


def test_dev_is_local_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, value in {
        "PARAAT_APP_ID": "app",
        "PARAAT_APP_PASSWORD": "pw",
        "PARAAT_TENANT_ID": "tenant",
        "PARAAT_USER_KEY_SECRET": "k",
    }.items():
        monkeypatch.setenv(name, value)
    assert main(["dev"]) == 2
    assert "local mode only" in capsys.readouterr().err


def test_serve_names_a_broken_membership_file(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade"]) == 0
    members = isolated / "members.csv"
    members.write_text("team,member\nkantine,iemand@voorbeeld.nl\n")
    monkeypatch.setenv("PARAAT_MEMBERSHIP_FILE", str(members))
    assert main(["serve"]) == 2
    assert f"{members}:2: there is no team 'kantine' in the organisation" in capsys.readouterr().err


def test_serve_names_a_broken_content_library(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade"]) == 0
    (isolated / "library" / "nl").mkdir(parents=True)
    monkeypatch.setenv("PARAAT_CONTENT_DIR", str(isolated / "library"))
    assert main(["serve"]) == 2
    assert "organisation.yaml is missing" in capsys.readouterr().err
