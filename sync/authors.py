"""Who may publish from Teams: the communications team's authors, as campaigns know them.

The same settings as campaigns (``PARAAT_CAMPAIGN_AUTHORS``, ``PARAAT_CAMPAIGN_AUTHORS_GROUP``);
features may not import each other, so this reads them itself (docs: a shared author check in
the wiring is proposed).
"""

from __future__ import annotations

from config.settings import Settings
from directory.authors import GroupMembership
from directory.credentials import CertificateFile, ClientSecret, Credential, GraphCredentials
from directory.graph import GraphDirectory


class Authors:
    """The listed authors, and the members of the authors group when one is set."""

    def __init__(self, listed: frozenset[str], group: GroupMembership | None = None) -> None:
        """Authors are the ``listed`` object ids (lower case) and the members of ``group``."""
        self._listed = listed
        self._group = group

    async def includes(self, object_id: str | None) -> bool:
        """True for a listed author or a member of the group."""
        if not object_id:
            return False
        if object_id.lower() in self._listed:
            return True
        return self._group is not None and await self._group.includes(object_id)


def authors_from(settings: Settings) -> Authors:
    """The authors the settings name; the group is read from Graph on first use."""
    group_id = settings.campaign_authors_group
    if not group_id or not settings.app_id or not settings.tenant_id:
        return Authors(settings.campaign_author_ids)
    credential: Credential
    if settings.app_certificate is not None:
        credential = CertificateFile(settings.app_certificate)
    else:
        assert settings.app_password is not None  # the settings require one of the two
        credential = ClientSecret(settings.app_password.get_secret_value())
    directory = GraphDirectory(GraphCredentials(settings.tenant_id, settings.app_id, credential))
    return Authors(settings.campaign_author_ids, GroupMembership(directory, group_id))
