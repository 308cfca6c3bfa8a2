"""How Paraat reaches the communication site: its address, and the app's certificate.

The token comes from Microsoft Entra through msal (the directory's :class:`GraphToken`, with
the SharePoint host's own scope). SharePoint REST accepts app-only tokens only when the app
signed in with a certificate, so a client secret is refused here, before anything is sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from config.settings import Settings
from directory.credentials import (
    AUTHORITY_HOST,
    CertificateFile,
    CertificateKey,
    Credential,
    GraphCredentials,
)
from sync.errors import SyncError


@dataclass(frozen=True)
class Connection:
    """Everything needed to publish to one site as the app itself.

    Attributes:
        site_url: The site's address, e.g. ``https://gemeente.sharepoint.com/sites/paraat``.
        credentials: The app's ids and its certificate (for the token from Entra).
        verify: Check SharePoint's TLS certificate against the system's CAs (True), or
            against the CA bundle at this path (a test server's own CA).
    """

    site_url: str
    credentials: GraphCredentials = field(repr=False)
    verify: bool | str = True

    def __post_init__(self) -> None:
        parts = urlsplit(self.site_url)
        if parts.scheme != "https" or not parts.netloc:
            raise SyncError(
                f"The SharePoint site address must start with https://: {self.site_url!r}. "
                "Check PARAAT_SHAREPOINT_SITE_URL."
            )
        if not isinstance(self.credentials.credential, CertificateFile | CertificateKey):
            raise SyncError(
                "SharePoint accepts the app only with a certificate, not with a client secret: "
                "set PARAAT_APP_CERTIFICATE (docs/operations.md, SharePoint)."
            )

    @property
    def site_path(self) -> str:
        """The site's server-relative path, e.g. ``/sites/paraat``."""
        return urlsplit(self.site_url).path.rstrip("/") or "/"

    @property
    def scope(self) -> str:
        """The token's scope: the SharePoint host's ``/.default`` (its granted permissions)."""
        parts = urlsplit(self.site_url)
        return f"{parts.scheme}://{parts.netloc}/.default"

    @property
    def key(self) -> str:
        """The site as the store records it: its address without a trailing slash."""
        return self.site_url.rstrip("/")


def connection_from(settings: Settings) -> Connection:
    """The site and the app's certificate from the settings.

    Raises:
        SyncError: No site is configured, Paraat runs without an app (local mode), or the app
            has no certificate.
    """
    if not settings.sharepoint_site_url:
        raise SyncError("No SharePoint site is set: set PARAAT_SHAREPOINT_SITE_URL.")
    if not settings.app_id or not settings.tenant_id:
        raise SyncError(
            "Publishing to SharePoint needs the app's identity: set PARAAT_APP_ID, "
            "PARAAT_TENANT_ID and PARAAT_APP_CERTIFICATE."
        )
    credential: Credential | None = (
        CertificateFile(settings.app_certificate) if settings.app_certificate else None
    )
    if credential is None:
        raise SyncError(
            "SharePoint accepts the app only with a certificate, not with a client secret: "
            "set PARAAT_APP_CERTIFICATE (docs/operations.md, SharePoint)."
        )
    credentials = GraphCredentials(
        settings.tenant_id, settings.app_id, credential, authority_host=AUTHORITY_HOST
    )
    return Connection(settings.sharepoint_site_url, credentials)
