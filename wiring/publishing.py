"""Publishing to SharePoint with the teams' printable outage cards and the readiness figures:
``sync`` meets ``printing`` and ``readiness``.

These are features on one floor and may not import each other (decision #18), so the card
printer ``sync`` asks for (:class:`sync.printer.CardPrinter`) is made here, one floor up, from
``printing``'s own pieces: the card's version (decision #34) for the plan, its HTML and
Chromium for the PDF. The readiness rows (:class:`sync.readiness.ReadinessSource`) are the
administrator's report of the week that ended last, ``paraat readiness report``'s own rows.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from content.language import Language
from content.loader import Library
from conversation.feature import FeatureContext
from printing.chromium import PrintError, chromium_path, html_to_pdf
from printing.downloads import ZONE
from printing.printouts import team_printout
from printing.team_sheet import UnknownTeam
from printing.version import current_card_version
from readiness.access import ADMINISTRATOR
from readiness.jobs import last_ended_week
from readiness.report import ReportRow, report_rows
from readiness.rules.bands import band_name
from readiness.week import ReadinessFigures, WeekNotKept
from store.clock import Clock, utc_now
from store.database import Database
from store.readiness import ReadinessStore
from sync.errors import StepFailed
from sync.feature import Publishing
from sync.printer import CardPrinter
from sync.readiness import ReadinessRow, ReadinessSource, ReadinessWeek
from wiring.readiness import card_of


class ChromiumCardPrinter:
    """A :class:`CardPrinter` from ``printing``: the card ``paraat print team`` makes, with the
    QR code to the team's page on the site, printed on today's (Amsterdam) date."""

    def __init__(
        self,
        library: Library,
        site_url: str | None,
        clock: Clock = utc_now,
        *,
        render: Callable[[str], bytes] = html_to_pdf,
        chromium: Callable[[], object | None] = chromium_path,
    ) -> None:
        """Print ``library``'s cards for the site at ``site_url``; ``render`` and ``chromium``
        (where Chromium is) for tests."""
        self._library = library
        self._site_url = site_url
        self._clock = clock
        self._render = render
        self._chromium = chromium

    def version(self, team_id: str, language: Language) -> str | None:
        """The card's version label, e.g. ``2-a1b2c3`` (None: the team has no card)."""
        version = current_card_version(self._library, team_id, language)
        return version.label if version is not None else None

    def missing(self) -> str | None:
        """Why no PDF can be made here, or None."""
        if self._chromium() is None:
            return (
                "Chromium is not installed on this server (Debian package `chromium`, or "
                "PARAAT_CHROMIUM); the pages are published without the cards."
            )
        return None

    async def pdf(self, team_id: str, language: Language) -> bytes:
        """The card as a PDF, printed by Chromium in a worker thread."""
        today = self._clock().astimezone(ZONE).date()
        try:
            printout = team_printout(self._library, team_id, language, today, self._site_url)
            return await asyncio.to_thread(self._render, printout.html)
        except UnknownTeam:
            raise StepFailed(None, f"Team {team_id} has no outage card.") from None
        except (PrintError, OSError) as error:
            message = f"Chromium could not print the card of {team_id}: {error}"
            raise StepFailed(None, message) from None


def card_printer(library: Library, site_url: str | None, clock: Clock = utc_now) -> CardPrinter:
    """The printer of the teams' outage cards for publishing to ``site_url``."""
    return ChromiumCardPrinter(library, site_url, clock)


class ReportedReadiness:
    """A :class:`ReadinessSource` from ``readiness``: the rows ``paraat readiness report``
    shows (the administrator sees every department and team) of the week that ended last,
    published now if no one asked for it yet, as the Monday job would."""

    def __init__(self, database: Database, library: Library, clock: Clock = utc_now) -> None:
        """Read the figures from ``database`` with ``library``'s profiles and current cards."""
        store = ReadinessStore(database, clock)
        self._figures = ReadinessFigures(store, library, card_of(library), clock=clock)
        self._clock = clock

    async def week(self, language: Language) -> ReadinessWeek | None:
        """The rows of the week that ended last, the bands in ``language``."""
        monday = last_ended_week(self._clock())
        try:
            week = await self._figures.week(monday)
        except WeekNotKept:  # cannot happen for the last ended week; nothing to show then
            return None
        rows = tuple(_row(row, language) for row in report_rows(week, ADMINISTRATOR))
        return ReadinessWeek(monday, rows)


def _row(row: ReportRow, language: Language) -> ReadinessRow:
    figures = row.figures
    if figures is None:
        return ReadinessRow(row.kind, row.id, row.name, row.parent, row.depth)
    return ReadinessRow(
        row.kind, row.id, row.name, row.parent, row.depth, figures.score,
        band_name(figures.band, language), figures.process, figures.knowledge, figures.reach,
    )  # fmt: skip


def readiness_source(
    database: Database, library: Library, clock: Clock = utc_now
) -> ReadinessSource:
    """The readiness rows for publishing, from ``database``."""
    return ReportedReadiness(database, library, clock)


class PublishingWithCards(Publishing):
    """``publiceer`` and the nightly publish, with the teams' outage cards (PDF) published to
    the site's cards library and the readiness figures to its list beside the pages."""

    def __init__(self, context: FeatureContext) -> None:
        """The feature of :mod:`sync.feature`, given a printer of the context's library and the
        readiness rows of the context's database."""
        super().__init__(
            context,
            printer=card_printer(
                context.library, context.settings.sharepoint_site_url, context.clock
            ),
            readiness=readiness_source(context.database, context.library, context.clock),
        )
