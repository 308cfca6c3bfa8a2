"""The outage card's page before printing: what it holds, its QR code, its version, and that
nothing from the content can break the page."""

from __future__ import annotations

import re
from datetime import date

from content.loader import Library
from content.model import Team
from printing.page import SMALLEST_PT
from printing.printouts import team_page_url, team_printout
from printing.qr import qr_matrix
from printing.team_card import team_card_html
from printing.team_sheet import team_ids, team_sheet
from printing.version import current_card_version
from sync.rules.pages import page_name, page_url

SITE = "https://gemeente.sharepoint.com/sites/weerbaarheid"
DAY = date(2026, 11, 28)


def test_the_qr_code_points_at_the_teams_page_as_the_publisher_names_it(bundled: Library) -> None:
    for language in ("nl", "en"):
        for team in team_ids(bundled):
            expected = "https://gemeente.sharepoint.com" + page_url(
                "/sites/weerbaarheid", page_name("team", team, language)
            )
            assert team_page_url(bundled, SITE, team, language) == expected


def test_without_a_site_there_is_no_qr_code_and_no_made_up_address(bundled: Library) -> None:
    html = team_printout(bundled, "burgerzaken", "nl", DAY, None).html
    assert "<svg" not in html
    assert "Geen QR-code" in html
    assert "https://" not in html and "http://" not in html
    with_site = team_printout(bundled, "burgerzaken", "nl", DAY, SITE).html
    assert with_site.count("<svg") == 1 and "Geen QR-code" not in with_site


def test_the_qr_code_is_a_real_code_with_its_quiet_zone() -> None:
    matrix = qr_matrix(f"{SITE}/SitePages/weerbaarheid-burgerzaken.aspx")
    size = len(matrix)
    assert size >= 29 and all(len(row) == size for row in matrix)
    assert not any(matrix[0]) and not any(row[0] for row in matrix)  # white border
    assert matrix[4][4] and matrix[4][10] and matrix[10][4]  # finder patterns' corners


def test_no_text_is_set_smaller_than_the_body_and_the_body_never_below_11_points(
    bundled: Library,
) -> None:
    html = team_printout(bundled, "hr", "nl", DAY, SITE).html
    assert SMALLEST_PT >= 11
    assert "font-size: var(--body, 13pt)" in html
    relative = [float(size) for size in re.findall(r"font-size:\s*([\d.]+)em", html)]
    assert relative and min(relative) >= 1
    assert not re.search(r"font-size:\s*[\d.]+(pt|px|%)", html)


def test_content_cannot_break_the_page(bundled: Library) -> None:
    sheet = team_sheet(bundled, "burgerzaken", "nl")
    hostile = sheet.team.model_copy(update={"name": '<script>alert("x")</script> & Co'})
    html = team_card_html(
        type(sheet)(**{**sheet.__dict__, "team": Team.model_validate(hostile.model_dump())}),
        DAY,
        None,
    )
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html


def test_the_current_version_changes_with_anything_printed_on_the_card(bundled: Library) -> None:
    version = current_card_version(bundled, "burgerzaken")
    assert version is not None
    assert version.profile_version == bundled["nl"].teams["burgerzaken"].version
    assert version.label == f"{version.profile_version}-{version.mark}"
    assert current_card_version(bundled, "burgerzaken") == version  # stable
    assert current_card_version(bundled, "no-such-team") is None
    sheet = team_sheet(bundled, "burgerzaken", "nl")
    moved = type(sheet)(
        **{**sheet.__dict__, "profile": sheet.profile.model_copy(update={"assembly_point": "X"})}
    )
    assert moved.mark != sheet.mark
    louder = type(sheet)(**{**sheet.__dict__, "radio": "Radio Voorbeeld 100,0 FM"})
    assert louder.mark != sheet.mark
    printed = team_printout(bundled, "burgerzaken", "nl", DAY, None)
    assert printed.version == version
    assert f"Versie {version.profile_version} (kenmerk {version.mark})" in printed.html


def test_an_english_card_of_a_team_not_written_in_english_points_at_the_dutch_page(
    bundled: Library,
) -> None:
    english = bundled.languages["en"]
    trimmed = type(english)(**{**english.__dict__, "teams": {}})
    library = type(bundled)(bundled.root, {"nl": bundled["nl"], "en": trimmed})
    assert team_page_url(library, SITE, "hr", "en") == f"{SITE}/SitePages/weerbaarheid-hr.aspx"
    assert team_page_url(bundled, SITE, "hr", "en") == f"{SITE}/SitePages/en-weerbaarheid-hr.aspx"
