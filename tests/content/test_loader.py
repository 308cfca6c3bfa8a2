"""Loading a small library: every kind lands in the right place, with its ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.main import main
from content.loader import load_library
from content.model import duration
from tests.support.content import MINIMAL, broken_library


def test_minimal_library_loads_every_kind() -> None:
    library = load_library(MINIMAL)
    dutch = library["nl"]
    assert list(dutch.scenarios) == ["stroom"]
    assert set(dutch.briefings) == {"stroom-briefing", "team-balie"}
    assert dutch.briefings["stroom-briefing"].for_all_staff
    assert dutch.briefings["team-balie"].audience == ("balie",)
    assert list(dutch.questions) == ["stroom-01", "balie-01"]
    assert dutch.questions["balie-01"].correct == ("a", "b")
    profile = dutch.teams["balie"]
    assert duration(profile.processes[0].mtpd).days == 3
    assert list(dutch.places) == ["bieb"]
    assert dutch.organisation is not None
    assert [team.id for team in dutch.organisation.teams()] == ["balie"]
    assert library["en"].checklist is not None
    assert library["en"].checklist.groups[0].items[0].text.startswith("Three litres")


def test_text_is_trimmed_and_markdown_kept(tmp_path: Path) -> None:
    root = broken_library("unexpected-file", tmp_path)
    (root / "nl" / "notities.txt").unlink()
    briefing = root / "nl" / "briefings" / "team-balie.yaml"
    briefing.write_text(
        briefing.read_text().replace(
            "    body: De computer en de pinautomaat werken niet.",
            "    body: |\n      **Let op:** de computer werkt niet.\n      - Pak papier.\n",
        )
    )
    body = load_library(root)["nl"].briefings["team-balie"].sections[0].body
    assert body == "**Let op:** de computer werkt niet.\n- Pak papier."


@pytest.mark.parametrize(("case", "code"), [("bad-id", 1), ("jargon", 1)])
def test_check_command_exits_non_zero_and_names_the_place(
    case: str, code: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = broken_library(case, tmp_path)
    assert main(["content", "check", str(root)]) == code
    out = capsys.readouterr().out
    assert f"{root}/nl/" in out and "1 error and " in out


def test_stats_refuses_a_broken_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "stats", str(broken_library("bad-id", tmp_path))]) == 1
    assert "questions[0].id" in capsys.readouterr().err


def test_english_falls_back_to_dutch_where_not_translated() -> None:
    library = load_library(MINIMAL)
    english = library.for_language("en")
    assert english.language == "en"
    assert english.scenarios["stroom"].title == "The power fails"
    assert english.questions["stroom-01"].question.startswith("De stroom is weg")
    assert english.teams["balie"] is library["nl"].teams["balie"]
    assert library.for_language("nl") is library["nl"]
