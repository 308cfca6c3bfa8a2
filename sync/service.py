"""Publishing the content library to the communication site: the plan, and the run.

One run at a time: within a process by a lock, across replicas by a database lock (the same
kind the campaign scheduler leads with), so two runs never create the same page twice.

With a :class:`CardPrinter` the teams' outage cards are published too (``rules/files.py``):
planned without Chromium (by their versions), printed only when uploaded. Where Chromium is
missing the run leaves the cards' uploads out, says so once in the summary, and publishes the
pages.

With a :class:`ReadinessSource` the readiness figures of the week that ended last are published
too, one item per row of ``paraat readiness report`` in the list ``Paraatheid``
(``rules/items.py``), suppressed exactly as there.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from urllib.parse import urlsplit

from config.settings import Settings
from content.loader import Library
from store.database import Database
from store.leader import LeaderLock
from store.sharepoint import SharePointStore
from sync.client import SharePointSite, SitePages
from sync.connection import Connection, connection_from
from sync.errors import Busy, SyncError
from sync.printer import CardPrinter
from sync.publisher import Progress, Publisher, Summary
from sync.readiness import ReadinessSource
from sync.rules.files import FileSpec, card_files
from sync.rules.items import ItemSpec, readiness_items
from sync.rules.pages import PageSpec, contents_of, site_pages
from sync.rules.plan import Action, Verb, plan

logger = logging.getLogger(__name__)

SiteFactory = Callable[[Connection], SitePages]
"""Makes the site client for a connection (tests hand in one with their own TLS trust)."""


class SyncService:
    """Plans and runs publishing for the configured site."""

    def __init__(
        self,
        settings: Settings,
        library: Library,
        database: Database,
        store: SharePointStore,
        *,
        connection: Callable[[], Connection] | None = None,
        site_factory: SiteFactory = SharePointSite,
        printer: CardPrinter | None = None,
        readiness: ReadinessSource | None = None,
    ) -> None:
        """Publish ``library`` as ``settings`` say; record in ``store``.

        Args:
            settings: The site, the languages and the app's identity.
            library: The content to publish.
            database: For the lock that keeps runs apart.
            store: The recorded state of the pages.
            connection: Where to and as whom (default: from the settings).
            site_factory: Makes the SharePoint client.
            printer: Prints the teams' outage cards; None leaves the cards' files alone.
            readiness: Gives the readiness rows; None leaves the readiness list alone.
        """
        self._settings = settings
        self._library = library
        self._store = store
        self._connection = connection or (lambda: connection_from(settings))
        self._site_factory = site_factory
        self._printer = printer
        self._readiness = readiness
        self._lock = asyncio.Lock()
        self._leader = LeaderLock(database, "sharepoint")

    @property
    def configured(self) -> bool:
        """True when a site is set."""
        return bool(self._settings.sharepoint_site_url)

    @property
    def site_url(self) -> str:
        """The site's address, as the store records it.

        Raises:
            SyncError: No site is set.
        """
        url = self._settings.sharepoint_site_url
        if not url:
            raise SyncError("No SharePoint site is set: set PARAAT_SHAREPOINT_SITE_URL.")
        return url.rstrip("/")

    def pages(self) -> list[PageSpec]:
        """Every page as it should be on the site."""
        languages = self._settings.sharepoint_language_list
        site_path = urlsplit(self.site_url).path.rstrip("/")
        return site_pages(contents_of(self._library, languages), site_path)

    def files(self) -> list[FileSpec] | None:
        """Every team's outage card as it should be on the site (None without a printer)."""
        if self._printer is None:
            return None
        languages = self._settings.sharepoint_language_list
        site_path = urlsplit(self.site_url).path.rstrip("/")
        return card_files(contents_of(self._library, languages), self._printer.version, site_path)

    async def items(self) -> list[ItemSpec] | None:
        """Every readiness row as an item as it should be on the site; None leaves the list as
        it is: without a source, and while no group is shown at all (readiness is not in use
        yet, so a site without the list is not asked for it)."""
        if self._readiness is None:
            return None
        week = await self._readiness.week("nl")
        if week is None or not any(row.shown for row in week.rows):
            return None
        return readiness_items(week.monday, week.rows)

    def cards_missing(self) -> str | None:
        """Why this run cannot print the cards (no Chromium); None when it can or has no
        printer."""
        return self._printer.missing() if self._printer is not None else None

    async def plan(self) -> list[Action]:
        """What a run would do now (reads the database only; nothing is sent or printed; the
        readiness week that ended last is published first if no one asked for it yet)."""
        recorded = await self._store.targets(self.site_url)
        return plan(self.pages(), recorded, self.files(), await self.items())

    async def run(self, progress: Progress | None = None) -> Summary:
        """Bring the site in step with the library. With nothing to do, nothing is sent.

        Raises:
            SyncError: Nothing could be published; the message says what to fix.
            Busy: Another run is going on.
        """
        if self._lock.locked():
            raise Busy("A publish to SharePoint is already running.")
        async with self._lock:
            if not await self._leader.acquire():
                raise Busy("A publish to SharePoint is already running on another replica.")
            try:
                summary = Summary()
                actions = self._printable(await self.plan(), summary)
                if not actions:
                    return summary
                connection = self._connection()
                site = self._site_factory(connection)
                try:
                    publisher = Publisher(self._store, site, connection.key, self._printer)
                    return await publisher.run(actions, progress, summary)
                finally:
                    await site.close()
            finally:
                await self._leader.release()

    def _printable(self, actions: list[Action], summary: Summary) -> list[Action]:
        """``actions`` without the cards' uploads when no card can be printed here (noted once
        in ``summary``); removing a card needs no printing and stays."""
        uploads = [a for a in actions if a.is_file and a.verb is not Verb.REMOVE]
        reason = self.cards_missing() if uploads else None
        if reason is None:
            return actions
        summary.skipped.extend(uploads)
        summary.warnings.append(
            f"The teams' outage cards were not published ({len(uploads)} files left as they "
            f"are): {reason}"
        )
        logger.warning("SharePoint: %s", summary.warnings[-1])
        left_out = {id(action) for action in uploads}
        return [action for action in actions if id(action) not in left_out]
