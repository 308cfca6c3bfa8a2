"""The printable PDFs in Teams: a short-lived signed link on a card, and the file behind it.

Teams cannot show a PDF in a bot's personal chat (only images go inline, and sending a file
needs the person to accept an upload to their OneDrive first), so a card carries an
``Action.OpenUrl`` to ``<public url>/afdrukken/<token>``, as "mijn gegevens" does. The token
names the card and its language, not the person: these cards hold nothing personal, and the
link only keeps them off the open internet.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from content.language import LANGUAGES, Language
from content.loader import Library
from conversation.signed_links import make_token, read_token
from printing.chromium import PrintError, html_to_pdf
from printing.printouts import Printout, checklist_printout, team_printout
from printing.team_sheet import UnknownTeam
from store.clock import Clock

logger = logging.getLogger(__name__)

PATH = "/afdrukken/"
"""Where the bot serves the printable files (the route is ``GET /afdrukken/{token}``)."""
LINK_MINUTES = 30
"""How long a link works: long enough to find a printer."""
ZONE = ZoneInfo("Europe/Amsterdam")
"""The print date on a card is the organisation's date, not UTC's."""
_CACHE_SIZE = 64

Renderer = Callable[[str], bytes]


@dataclass(frozen=True)
class Download:
    """A file to hand out.

    Attributes:
        body: Its bytes.
        content_type: ``application/pdf``, or ``text/html`` when Chromium is missing (the page
            prints the same from a browser).
        filename: The name to save it under.
    """

    body: bytes
    content_type: str
    filename: str


class PrintDownloads:
    """Makes download links for a team's outage card and the checklist, and serves them."""

    def __init__(
        self,
        library: Library,
        secret: bytes,
        base_url: str | None,
        site_url: str | None,
        clock: Clock,
        render: Renderer = html_to_pdf,
    ) -> None:
        """Sign with ``secret``; links start with ``base_url`` (None: no links can be made);
        ``site_url`` is the SharePoint site for the cards' QR codes."""
        self._library = library
        self._secret = secret
        self._base_url = base_url.rstrip("/") if base_url else None
        self._site_url = site_url
        self._clock = clock
        self._render = render
        self._cache: dict[tuple[str, str], bytes] = {}
        # Chromium takes a core for about a second: two at a time keeps the bot answering.
        self._slots = asyncio.Semaphore(2)

    def team_link(self, team_id: str, language: Language) -> str | None:
        """A link to ``team_id``'s outage card for the next :data:`LINK_MINUTES` minutes
        (None when Paraat does not know its public address or the team has no card)."""
        if team_id not in self._library.for_language(language).teams:
            return None
        return self._link(f"team_{language}_{team_id}")

    def checklist_link(self, language: Language) -> str | None:
        """A link to the personal 72-hour checklist (None without a public address)."""
        return self._link(f"checklist_{language}")

    def _link(self, subject: str) -> str | None:
        if self._base_url is None:
            return None
        expires = self._clock() + timedelta(minutes=LINK_MINUTES)
        return f"{self._base_url}{PATH}{make_token(self._secret, subject, expires)}"

    async def download(self, token: str) -> Download | None:
        """The file a genuine, unexpired token stands for; None for any other token."""
        subject = read_token(self._secret, token, self._clock())
        printout = self._printout(subject) if subject else None
        if printout is None:
            return None
        key = (printout.name, printout.html)
        pdf = self._cache.get(key)
        if pdf is None:
            try:
                async with self._slots:
                    pdf = await asyncio.to_thread(self._render, printout.html)
            except PrintError as error:
                logger.warning("Served a printout as HTML: no PDF could be made (%s).", error)
                return Download(printout.html.encode(), "text/html", f"{printout.name}.html")
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = pdf
        return Download(pdf, "application/pdf", f"{printout.name}.pdf")

    def _printout(self, subject: str) -> Printout | None:
        kind, _, rest = subject.partition("_")
        language, _, team_id = rest.partition("_")
        if language not in LANGUAGES:
            return None
        lang: Language = "en" if language == "en" else "nl"
        if kind == "checklist" and not team_id:
            return checklist_printout(self._library, lang)
        if kind == "team" and team_id:
            try:
                return team_printout(self._library, team_id, lang, self.today(), self._site_url)
            except UnknownTeam:
                return None
        return None

    def today(self) -> date:
        """Today in the organisation's time zone: the print date on a card."""
        return self._clock().astimezone(ZONE).date()
