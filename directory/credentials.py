"""How Paraat signs in to Microsoft Graph: the app's ids and its secret or certificate.

The caller (the wiring) passes the values; this package reads no settings of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from directory.errors import DirectoryError

GRAPH_URL = "https://graph.microsoft.com/v1.0"
"""Microsoft Graph v1.0, global service."""
AUTHORITY_HOST = "https://login.microsoftonline.com"
"""Microsoft Entra's sign-in service, global service."""


@dataclass(frozen=True)
class ClientSecret:
    """A client secret of the app registration (its value, not its id)."""

    value: str = field(repr=False)


@dataclass(frozen=True)
class CertificateKey:
    """A certificate credential as PEM text: the private key and the certificate's SHA-1
    thumbprint as Entra shows it (hex), or the certificate itself (PEM) to compute it from."""

    private_key: str = field(repr=False)
    thumbprint: str | None = None
    certificate: str | None = None


@dataclass(frozen=True)
class CertificateFile:
    """A certificate credential as a PFX (PKCS #12) file holding key and certificate."""

    path: Path
    passphrase: str | None = field(default=None, repr=False)


Credential = ClientSecret | CertificateKey | CertificateFile


@dataclass(frozen=True)
class GraphCredentials:
    """Everything needed to reach Graph as the app itself (client credentials flow).

    Attributes:
        tenant_id: The organisation's Entra tenant id (or its ``….onmicrosoft.com`` name).
        client_id: The app registration's application (client) id.
        credential: The app's secret or certificate.
        authority_host: Where Entra signs in; other clouds or a test server differ.
        graph_url: Graph's base URL, version included.
        verify: Check TLS certificates against the system's CAs (True), or against the CA
            bundle at this path (a test server's own CA).
    """

    tenant_id: str
    client_id: str
    credential: Credential = field(repr=False)
    authority_host: str = AUTHORITY_HOST
    graph_url: str = GRAPH_URL
    verify: bool | str = True

    def __post_init__(self) -> None:
        for name, url in (("authority_host", self.authority_host), ("graph_url", self.graph_url)):
            # msal insists on https, and a token must never travel in the clear.
            if not url.startswith("https://"):
                raise DirectoryError(f"The directory's {name} must start with https://: {url!r}")

    @property
    def authority(self) -> str:
        """The tenant's authority URL, as msal wants it."""
        return f"{self.authority_host.rstrip('/')}/{self.tenant_id}"

    def secrets(self) -> tuple[str, ...]:
        """The secret strings of the credential, to keep out of every message."""
        match self.credential:
            case ClientSecret(value):
                return (value,)
            case CertificateKey(private_key=key):
                return (key,)
            case CertificateFile(passphrase=passphrase):
                return (passphrase,) if passphrase else ()
