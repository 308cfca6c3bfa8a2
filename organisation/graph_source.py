"""The organisation's people from Microsoft Graph: department and manager of every account.

Uses the app's own credentials from the settings (docs/decisions.md #26), which then need the
application permission ``User.Read.All``.
"""

from __future__ import annotations

from config.settings import Settings
from directory.credentials import CertificateFile, ClientSecret, Credential, GraphCredentials
from directory.graph import GraphDirectory
from organisation.rules.chart import Chart
from organisation.rules.graph_match import DirectoryEntry, GraphPlacement, place


class GraphNotConfigured(ValueError):
    """Reading Graph needs the app's credentials, and the settings have none."""


def directory_from(settings: Settings) -> GraphDirectory:
    """A Graph client with the app's credentials (nothing is sent until it is used).

    Raises:
        GraphNotConfigured: in local mode, where there is no app to sign in as.
    """
    if settings.local_mode or not settings.tenant_id:
        raise GraphNotConfigured(
            "Reading Microsoft Graph needs the app's credentials: set PARAAT_APP_ID, "
            "PARAAT_TENANT_ID and PARAAT_APP_PASSWORD or PARAAT_APP_CERTIFICATE."
        )
    assert settings.app_id  # local mode is off, so there is an app id
    credential: Credential
    if settings.app_password is not None:
        credential = ClientSecret(settings.app_password.get_secret_value())
    else:
        assert settings.app_certificate is not None  # the settings require one of the two
        credential = CertificateFile(settings.app_certificate)
    return GraphDirectory(GraphCredentials(settings.tenant_id, settings.app_id, credential))


async def read_graph(directory: GraphDirectory, chart: Chart) -> GraphPlacement:
    """Every enabled account's department and manager, placed in ``chart``.

    Raises:
        directory.errors.DirectoryError: no permission, or Graph unavailable.
    """
    users = await directory.users()
    return place(chart, (DirectoryEntry(u.object_id, u.department, u.manager_id) for u in users))
