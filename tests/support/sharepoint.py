"""A publishing set-up against the fake Entra and the fake SharePoint site."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from config.settings import Settings
from content.language import Language
from content.loader import Library
from content.model import Briefing, TeamProfile
from directory.credentials import CertificateFile
from store.database import Database
from store.sharepoint import SharePointStore
from sync.client import Retry, SharePointSite
from sync.connection import Connection
from sync.printer import CardPrinter
from sync.service import SyncService
from testkit.graph_server import FakeGraph
from testkit.sharepoint_server import FakeSharePoint
from tests.support.graph import credentials_for
from wiring.publishing import ChromiumCardPrinter

QUICK = Retry(attempts=3, first_wait=0, longest_wait=5)
"""Retries without backoff waits (a ``Retry-After`` is still honoured)."""


@dataclass(frozen=True)
class Publishing:
    """The fakes, the app and a database: makes services that publish to the fake site."""

    graph: FakeGraph
    sharepoint: FakeSharePoint
    client_id: str
    pfx: Path
    database: Database
    data_dir: Path

    def settings(self, **values: Any) -> Settings:
        """Settings for the fake site, the app with its certificate, Dutch only."""
        defaults: dict[str, Any] = {
            "data_dir": self.data_dir, "app_id": self.client_id,
            "tenant_id": self.graph.tenant_id, "app_certificate": self.pfx,
            "user_key_secret": "test-user-key-secret", "database_url": self.database.url,
            "sharepoint_site_url": self.sharepoint.site_url,
        }  # fmt: skip
        return Settings(_env_file=None, **{**defaults, **values})  # type: ignore[call-arg]

    def connection(
        self, *, pfx: Path | None = None, site_url: str | None = None, app: str | None = None
    ) -> Connection:
        """The fake site (or ``site_url``), signing in with a certificate at the fake Entra."""
        credential = CertificateFile(pfx or self.pfx)
        credentials = credentials_for(self.graph, app or self.client_id, credential)
        return Connection(
            site_url or self.sharepoint.site_url, credentials, verify=str(self.sharepoint.ca_file)
        )

    def site(self, **changes: Any) -> SharePointSite:
        """The real client for the fake site (``changes`` as for :meth:`connection`)."""
        return SharePointSite(self.connection(**changes), retry=QUICK)

    def service(
        self,
        library: Library,
        *,
        pfx: Path | None = None,
        app: str | None = None,
        printer: CardPrinter | None = None,
        **values: Any,
    ) -> SyncService:
        """A service publishing ``library`` to the fake site (or the settings' site); with
        ``printer``, the teams' outage cards too."""
        settings = self.settings(**values)
        site_url = settings.sharepoint_site_url
        return SyncService(
            settings, library, self.database, SharePointStore(self.database),
            connection=lambda: self.connection(pfx=pfx, site_url=site_url, app=app),
            site_factory=lambda connection: SharePointSite(connection, retry=QUICK),
            printer=printer,
        )  # fmt: skip

    def printer(self, library: Library, render: FakeRender | None = None) -> ChromiumCardPrinter:
        """The real card printer for the fake site, printing with ``render`` (a fake
        Chromium that is there, unless told otherwise)."""
        render = render or FakeRender()
        return ChromiumCardPrinter(
            library,
            self.sharepoint.site_url,
            render=render,
            chromium=lambda: "/usr/bin/chromium" if render.installed else None,
        )


@dataclass
class FakeRender:
    """Chromium's ``--print-to-pdf`` stood in for: a small "PDF" per page, each render a bit
    different (as Chromium's are); keeps the pages it was given.

    Attributes:
        installed: Whether this "Chromium" is installed.
        pages: The HTML of every page printed, in order.
    """

    installed: bool = True
    pages: list[str] = field(default_factory=list)

    def __call__(self, html: str) -> bytes:
        self.pages.append(html)
        return f"%PDF-1.7 fake render {len(self.pages)}\n".encode() + html.encode()[:200]


def with_briefings(
    library: Library, language: Language, briefings: Mapping[str, Briefing]
) -> Library:
    """``library`` with the briefings of ``language`` replaced."""
    content = replace(library[language], briefings=MappingProxyType(dict(briefings)))
    return replace(library, languages=MappingProxyType({**library.languages, language: content}))


def with_team(
    library: Library, language: Language, profile: TeamProfile | None, team_id: str
) -> Library:
    """``library`` with team ``team_id``'s outage profile of ``language`` replaced (None:
    removed)."""
    teams = dict(library[language].teams)
    if profile is None:
        teams.pop(team_id)
    else:
        teams[team_id] = profile
    content = replace(library[language], teams=MappingProxyType(teams))
    return replace(library, languages=MappingProxyType({**library.languages, language: content}))
