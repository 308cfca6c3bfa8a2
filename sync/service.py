"""Publishing the content library to the communication site: the plan, and the run.

One run at a time: within a process by a lock, across replicas by a database lock (the same
kind the campaign scheduler leads with), so two runs never create the same page twice.
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
from sync.publisher import Progress, Publisher, Summary
from sync.rules.pages import PageSpec, contents_of, site_pages
from sync.rules.plan import Action, plan

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
    ) -> None:
        """Publish ``library`` as ``settings`` say; record in ``store``.

        Args:
            settings: The site, the languages and the app's identity.
            library: The content to publish.
            database: For the lock that keeps runs apart.
            store: The recorded state of the pages.
            connection: Where to and as whom (default: from the settings).
            site_factory: Makes the SharePoint client.
        """
        self._settings = settings
        self._library = library
        self._store = store
        self._connection = connection or (lambda: connection_from(settings))
        self._site_factory = site_factory
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

    async def plan(self) -> list[Action]:
        """What a run would do now (reads the database only; nothing is sent)."""
        return plan(self.pages(), await self._store.targets(self.site_url))

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
                actions = await self.plan()
                if not actions:
                    return Summary()
                connection = self._connection()
                site = self._site_factory(connection)
                try:
                    publisher = Publisher(self._store, site, connection.key)
                    return await publisher.run(actions, progress)
                finally:
                    await site.close()
            finally:
                await self._leader.release()
