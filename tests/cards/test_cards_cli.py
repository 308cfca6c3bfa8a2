"""`paraat cards list` and `paraat cards preview`, as the communications team uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.card_catalogue import KINDS
from cli.main import main
from tests.support.card_renderer import renderer_unavailable_reason
from tests.support.ci import missing_tool


def test_list_names_every_kind(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # wide enough for one line per kind
    assert main(["cards", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    listed = [line.strip("│ ").split()[0] for line in lines if line.startswith("│")]
    assert listed == [kind.name for kind in KINDS]


def test_preview_refuses_a_language_there_is_not(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cards", "preview", "welcome", "--lang", "de"]) == 2
    assert "'de' is not one of 'nl', 'en'" in capsys.readouterr().err


def test_preview_prints_the_card_json_in_the_chosen_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["cards", "preview", "briefing", "stroom-4-uur-briefing", "--lang", "en"]) == 0
    card = json.loads(capsys.readouterr().out)
    assert card["version"] == "1.5"
    assert card["actions"][0]["title"] == "Mark as read"
    assert card["actions"][0]["data"]["briefing"] == "stroom-4-uur-briefing"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["tafel"], "no card kind 'tafel'; known kinds: welcome"),
        (["team", "kantine"], "no team card for 'kantine'; there are: burgerzaken"),
    ],
)
def test_preview_of_something_unknown_says_what_there_is(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cards", "preview", *arguments]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.chromium
def test_preview_png_is_a_screenshot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reason = renderer_unavailable_reason()
    if reason:
        missing_tool(reason)
    png = tmp_path / "team.png"
    assert main(["cards", "preview", "team", "burgerzaken", "--png", str(png)]) == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    assert f"Saved {png}" in capsys.readouterr().out
