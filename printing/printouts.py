"""Every printout Paraat makes, as named HTML pages: each team's outage card and the paper kit.

Pure: the date and the SharePoint address come in as arguments; turning a page into a PDF is
:mod:`printing.chromium`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from content.language import Language
from content.loader import Library
from printing.checklist_sheet import checklist_html
from printing.desk import desk_answers
from printing.forms import attendance_list, logbook, petty_cash, report_form
from printing.team_card import team_card_html
from printing.team_sheet import team_sheet
from printing.version import CardVersion, sheet_version

SITE_SECTION = "weerbaarheid"
"""The stem of the team pages on the SharePoint site: ``SitePages/weerbaarheid-<team>.aspx``
(``en-`` in front for English), as the publisher names them (``sync/rules/pages.py``)."""

KIT = ("meldingsformulier", "aanwezigheidslijst", "logboek", "kasblad", "balie-vragen",
       "checklist-72-uur")  # fmt: skip
"""The paper kit, in the order it is printed."""


@dataclass(frozen=True)
class Printout:
    """One printable page.

    Attributes:
        name: Its file name without extension, e.g. ``noodkaart-burgerzaken`` (``.en`` added
            for English).
        title: Its title.
        html: The complete page.
        version: For a team's card, the version it carries.
    """

    name: str
    title: str
    html: str
    version: CardVersion | None = None


def file_stem(stem: str, language: Language) -> str:
    """``stem`` for Dutch, ``stem.en`` for English."""
    return stem if language == "nl" else f"{stem}.{language}"


def team_page_url(
    library: Library, site_url: str | None, team_id: str, language: Language
) -> str | None:
    """The team's page on the SharePoint site (None without a site). An English card of a team
    not written in English points to the Dutch page, as only that one exists."""
    if not site_url:
        return None
    own = library.languages.get(language)
    written = own is not None and team_id in own.teams
    prefix = "en-" if language == "en" and written else ""
    return f"{site_url.rstrip('/')}/SitePages/{prefix}{SITE_SECTION}-{team_id}.aspx"


def team_printout(
    library: Library, team_id: str, language: Language, printed_on: date, site_url: str | None
) -> Printout:
    """The outage card of ``team_id``.

    Raises:
        UnknownTeam: no such team, or no outage profile for it.
    """
    sheet = team_sheet(library, team_id, language)
    url = team_page_url(library, site_url, team_id, language)
    return Printout(
        file_stem(f"noodkaart-{team_id}", language),
        f"{sheet.team.name}",
        team_card_html(sheet, printed_on, url),
        sheet_version(sheet),
    )


def checklist_printout(library: Library, language: Language) -> Printout | None:
    """The personal 72-hour checklist (None when the library has none)."""
    checklist = library.for_language(language).checklist
    if checklist is None:
        return None
    return Printout(
        file_stem("checklist-72-uur", language),
        checklist.title,
        checklist_html(checklist, language),
    )


def kit_printouts(library: Library, language: Language) -> list[Printout]:
    """The paper kit: the four forms, the public desk's answers and the personal checklist."""
    pages = [
        ("meldingsformulier", report_form(language)),
        ("aanwezigheidslijst", attendance_list(language)),
        ("logboek", logbook(language)),
        ("kasblad", petty_cash(language)),
        ("balie-vragen", desk_answers(library, language)),
    ]
    printouts = [Printout(file_stem(stem, language), stem, html) for stem, html in pages]
    checklist = checklist_printout(library, language)
    if checklist is not None:
        printouts.append(checklist)
    return printouts
