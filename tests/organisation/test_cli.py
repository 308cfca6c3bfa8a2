"""`paraat org import` and `paraat org show`: what changes is shown; a dry run changes nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cli.main import main

EXAMPLE = Path(__file__).parents[2] / "docs" / "organisation-example.csv"
MOVED = "00000000-0000-4000-8000-000000000019"  # the example's first member (burgerzaken)


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sqlite_url: str) -> None:
    for name in list(os.environ):
        if name.startswith("PARAAT_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARAAT_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("PARAAT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "200")


def test_a_dry_run_shows_the_changes_and_stores_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["org", "import", str(EXAMPLE), "--dry-run"]) == 0
    shown = capsys.readouterr().out
    assert "Dry run, nothing was changed. The import would give: 25 added, 0 moved" in shown
    assert "People per team" in shown and "gebouw-en-ict" in shown and MOVED in shown
    assert main(["org", "show"]) == 0
    assert "No organisation was imported yet" in capsys.readouterr().out


def test_import_then_a_move(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["org", "import", str(EXAMPLE)]) == 0
    assert "(import 1): 25 added, 0 moved, 0 removed." in capsys.readouterr().out
    assert main(["org", "show"]) == 0
    shown = capsys.readouterr().out
    assert "Import 1 from organisation-example.csv, by cli:" in shown
    assert "Gebouw en ICT" in shown
    moved = tmp_path / "org.csv"
    text = EXAMPLE.read_text(encoding="utf-8").replace(f"burgerzaken,{MOVED}", f"hr,{MOVED}")
    moved.write_text(text, encoding="utf-8")
    assert main(["org", "import", str(moved)]) == 0
    shown = capsys.readouterr().out
    assert "(import 2): 0 added, 1 moved, 0 removed." in shown
    assert MOVED in shown and "burgerzaken" in shown
    assert main(["org", "import", str(moved)]) == 0
    assert "Nothing changes" in capsys.readouterr().out


def test_a_wrong_file_is_refused_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = tmp_path / "org.csv"
    text = EXAMPLE.read_text(encoding="utf-8")
    wrong.write_text(text + "member,,,kantine,00000000-0000-4000-8000-0000000000ff\n")
    assert main(["org", "import", str(wrong)]) == 1
    lines = len(text.splitlines()) + 1
    assert f"org.csv:{lines}: there is no team 'kantine' in the file" in capsys.readouterr().err
    assert main(["org", "show"]) == 0
    assert "No organisation was imported yet" in capsys.readouterr().out


def test_nothing_to_import_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["org", "import"]) == 2
    assert "Give an organisation FILE, --graph, or both." in capsys.readouterr().err
