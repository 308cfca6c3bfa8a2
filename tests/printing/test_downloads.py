"""The PDFs behind the Teams buttons: signed, short-lived links, and the file each one opens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from content.loader import Library
from conversation.signed_links import make_token
from printing.chromium import PrintError
from printing.downloads import LINK_MINUTES, PATH, PrintDownloads

SECRET = b"s" * 32
BASE = "https://paraat.gemeente.nl"
SITE = "https://gemeente.sharepoint.com/sites/weerbaarheid"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 28, 23, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


class Renderer:
    """Stands in for Chromium: records each page it is asked to print."""

    def __init__(self, fail: bool = False) -> None:
        self.pages: list[str] = []
        self.fail = fail

    def __call__(self, html: str) -> bytes:
        if self.fail:
            raise PrintError("Chromium is not installed")
        self.pages.append(html)
        return b"%PDF-1.4 fake"


def downloads(bundled: Library, clock: Clock, render: Renderer) -> PrintDownloads:
    return PrintDownloads(bundled, SECRET, BASE + "/", SITE, clock, render)


def token_of(link: str | None) -> str:
    assert link is not None and link.startswith(f"{BASE}{PATH}")
    return link.removeprefix(f"{BASE}{PATH}")


async def test_a_team_link_opens_that_teams_card_as_pdf_dated_in_the_organisations_time(
    bundled: Library,
) -> None:
    clock, render = Clock(), Renderer()
    prints = downloads(bundled, clock, render)
    got = await prints.download(token_of(prints.team_link("burgerzaken", "nl")))
    assert got is not None
    assert (got.content_type, got.filename) == ("application/pdf", "noodkaart-burgerzaken.pdf")
    assert got.body.startswith(b"%PDF")
    assert "Burgerzaken" in render.pages[0]
    assert "29 november 2026" in render.pages[0]  # 23:30 UTC is past midnight in Amsterdam
    again = await prints.download(token_of(prints.team_link("burgerzaken", "nl")))
    assert again == got and len(render.pages) == 1  # printed once, then kept


async def test_the_checklist_link_opens_the_checklist_in_the_persons_language(
    bundled: Library,
) -> None:
    prints = downloads(bundled, Clock(), Renderer())
    got = await prints.download(token_of(prints.checklist_link("en")))
    assert got is not None and got.filename == "checklist-72-uur.en.pdf"


async def test_links_expire_and_a_changed_or_foreign_token_opens_nothing(
    bundled: Library,
) -> None:
    clock, render = Clock(), Renderer()
    prints = downloads(bundled, clock, render)
    token = token_of(prints.team_link("hr", "nl"))
    clock.now += timedelta(minutes=LINK_MINUTES)
    assert await prints.download(token) is None
    clock.now -= timedelta(minutes=1)
    assert await prints.download(token) is not None
    assert await prints.download(token[:-1] + ("0" if token[-1] != "0" else "1")) is None
    foreign = make_token(b"t" * 32, "team_nl_hr", clock.now + timedelta(minutes=5))
    assert await prints.download(foreign) is None
    for subject in ("team_nl_no-such-team", "team_de_hr", "checklist_nl_hr", "team_nl"):
        made = make_token(SECRET, subject, clock.now + timedelta(minutes=5))
        assert await prints.download(made) is None, subject
    assert await prints.download("not-a-token") is None


async def test_without_chromium_the_page_comes_as_html_that_prints_from_a_browser(
    bundled: Library,
) -> None:
    prints = downloads(bundled, Clock(), Renderer(fail=True))
    got = await prints.download(token_of(prints.team_link("ict", "nl")))
    assert got is not None
    assert (got.content_type, got.filename) == ("text/html", "noodkaart-ict.html")
    assert got.body.startswith(b"<!DOCTYPE html>")


def test_no_links_without_a_public_address_or_for_a_team_without_a_card(
    bundled: Library,
) -> None:
    nowhere = PrintDownloads(bundled, SECRET, None, None, Clock(), Renderer())
    assert nowhere.team_link("hr", "nl") is None and nowhere.checklist_link("nl") is None
    prints = downloads(bundled, Clock(), Renderer())
    assert prints.team_link("no-such-team", "nl") is None


def test_a_subject_with_a_dot_cannot_be_signed() -> None:
    with pytest.raises(ValueError):
        make_token(SECRET, "a.b", datetime(2030, 1, 1, tzinfo=UTC))
