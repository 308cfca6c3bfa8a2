"""``paraat print``: a team's card, every team's card and the paper kit, to files."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.main import main
from content.loader import Library
from printing.printouts import KIT
from printing.team_sheet import team_ids
from printing.version import current_card_version
from tests.printing.reader import need_tools, page_count, text_of


@pytest.fixture(autouse=True)
def no_settings_from_the_machine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Settings from this test only: no .env, no site, a data folder of its own."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PARAAT_SHAREPOINT_SITE_URL", raising=False)
    monkeypatch.setenv("PARAAT_DATA_DIR", str(tmp_path / "var"))


def test_one_teams_card_as_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    need_tools()
    out = tmp_path / "kaart.pdf"
    assert main(["print", "team", "burgerzaken", "--out", str(out)]) == 0
    assert page_count(out) == 1
    assert "Burgerzaken" in text_of(out)
    assert "version 2-" in capsys.readouterr().out


def test_one_teams_card_as_html_in_english(
    tmp_path: Path, bundled: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARAAT_SHAREPOINT_SITE_URL", "https://gemeente.sharepoint.com/sites/w")
    assert main(["print", "team", "hr", "--lang", "en", "--html"]) == 0
    html = (tmp_path / "noodkaart-hr.en.html").read_text(encoding="utf-8")
    version = current_card_version(bundled, "hr", "en")
    assert version is not None and f"(mark {version.mark})" in html
    assert '<html lang="en">' in html and "<svg" in html


def test_an_unknown_team_or_language_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["print", "team", "no-such-team", "--html"]) == 1
    assert "burgerzaken" in capsys.readouterr().err  # names the teams that exist
    assert main(["print", "team", "hr", "--lang", "de", "--html"]) == 2


def test_all_teams_and_the_kit_as_html(tmp_path: Path, bundled: Library) -> None:
    assert main(["print", "all", "--html", "--out", str(tmp_path / "cards")]) == 0
    written = sorted(path.name for path in (tmp_path / "cards").iterdir())
    assert written == sorted(f"noodkaart-{team}.html" for team in team_ids(bundled))
    assert main(["print", "kit", "--html", "--lang", "en", "--out", str(tmp_path / "kit")]) == 0
    kit = sorted(path.name for path in (tmp_path / "kit").iterdir())
    assert kit == sorted(f"{stem}.en.html" for stem in KIT)
