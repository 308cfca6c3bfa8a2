"""Every team's outage card, printed by Chromium and read back as a person would: one A4 page,
the key facts in its text, nothing at the paper's edge, and an image of it to look at."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from content.language import Language
from content.loader import Library, load_library
from printing.chromium import html_to_pdf
from printing.printouts import Printout, team_printout
from printing.team_sheet import team_ids
from tests.printing.reader import (
    A4_POINTS,
    flat,
    ink_at_edges,
    need_tools,
    page_count,
    page_images,
    page_size,
    reads,
    smallest_type_pt,
    text_of,
)

SITE = "https://gemeente.sharepoint.com/sites/weerbaarheid"
PRINTED_ON = date(2026, 11, 28)
RADIO = {"nl": "RTV Oost", "en": "RTV Oost"}
FREQUENCY = {"nl": "97,9 FM", "en": "97.9 FM"}
LIBRARY = load_library()
CASES = [(team, language) for language in ("nl", "en") for team in team_ids(LIBRARY)]


@dataclass(frozen=True)
class Printed:
    printout: Printout
    pdf: Path
    text: str


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Printed]:
    """Every card in both languages, printed once for this module (two Chromiums at a time)."""
    need_tools()
    folder = tmp_path_factory.mktemp("cards")

    def one(case: tuple[str, Language]) -> Printed:
        team, language = case
        printout = team_printout(LIBRARY, team, language, PRINTED_ON, SITE)
        pdf = folder / f"{printout.name}.pdf"
        pdf.write_bytes(html_to_pdf(printout.html))
        return Printed(printout, pdf, text_of(pdf))

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(CASES, pool.map(one, CASES), strict=True))


@pytest.mark.parametrize(("team", "language"), CASES)
def test_each_card_is_one_a4_page_in_large_type_with_nothing_at_the_edge(
    printed: dict[tuple[str, str], Printed], team: str, language: Language
) -> None:
    card = printed[(team, language)]
    assert page_count(card.pdf) == 1
    width, height = page_size(card.pdf)
    assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2
    assert ink_at_edges(card.pdf, edge_mm=6) == 0
    assert smallest_type_pt(card.pdf) >= 10.9  # 11 pt, less the rounding of the boxes
    images = page_images(card.pdf, card.printout.name)
    assert [image.name for image in images] == [f"{card.printout.name}-1.png"]


@pytest.mark.parametrize(("team", "language"), CASES)
def test_each_card_holds_its_teams_key_facts(
    printed: dict[tuple[str, str], Printed], team: str, language: Language
) -> None:
    text = printed[(team, language)].text
    content = LIBRARY.for_language(language)
    profile = content.teams[team]
    organisation = content.organisation
    assert organisation is not None
    team_name = organisation.team(team)
    assert team_name is not None and flat(team_name.name) in text
    for process in profile.processes:
        assert reads(process.name, text)
        assert reads(process.fallback, text)
    for contact in profile.contacts:
        assert reads(contact.role, text)
    assert profile.fallback_location is not None
    assert reads(profile.fallback_location, text)
    assert reads(profile.assembly_point, text)
    assert RADIO[language] in text and FREQUENCY[language] in text
    assert "NL-Alert" in text
    rule = content.no_contact
    assert rule is not None and all(time in text for time in rule.times)
    version = printed[(team, language)].printout.version
    assert version is not None
    word = "Versie" if language == "nl" else "Version"
    assert f"{word} {profile.version} " in text and version.mark in text
    assert "28 november 2026" in text.lower()


def test_a_card_without_a_sharepoint_site_says_why_it_has_no_qr_code(
    tmp_path: Path, bundled: Library
) -> None:
    need_tools()
    printout = team_printout(bundled, "burgerzaken", "nl", PRINTED_ON, None)
    pdf = tmp_path / "card.pdf"
    pdf.write_bytes(html_to_pdf(printout.html))
    assert page_count(pdf) == 1
    assert "Geen QR-code" in text_of(pdf)
    page_images(pdf, "noodkaart-burgerzaken-zonder-qr")
