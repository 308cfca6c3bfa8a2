"""The Graph client with the app's own credentials from Paraat's settings (decision #26)."""

from __future__ import annotations

from config.settings import Settings
from directory.credentials import CertificateFile, ClientSecret, Credential, GraphCredentials
from directory.graph import GraphDirectory


class GraphNotConfigured(ValueError):
    """Reading Graph needs the app's credentials, and the settings have none."""


def app_credential(settings: Settings) -> Credential | None:
    """The app's certificate when there is one (the stronger proof), else its client secret."""
    if settings.app_certificate is not None:
        return CertificateFile(settings.app_certificate)
    if settings.app_password is not None:
        return ClientSecret(settings.app_password.get_secret_value())
    return None


def graph_directory(settings: Settings) -> GraphDirectory:
    """A Graph client signing in as the app (nothing is sent until it is used).

    Raises:
        GraphNotConfigured: in local mode, where there is no app to sign in as.
    """
    credential = app_credential(settings)
    if settings.local_mode or not settings.app_id or not settings.tenant_id or credential is None:
        raise GraphNotConfigured(
            "Reading Microsoft Graph needs the app's credentials: set PARAAT_APP_ID, "
            "PARAAT_TENANT_ID and PARAAT_APP_CERTIFICATE or PARAAT_APP_PASSWORD."
        )
    return GraphDirectory(GraphCredentials(settings.tenant_id, settings.app_id, credential))
