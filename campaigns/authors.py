"""Who may plan campaigns: the authors listed in the settings, and the members of one Entra
group when one is configured (read from Microsoft Graph, docs/decisions.md #24 and #26)."""

from __future__ import annotations

from typing import Protocol

from config.settings import Settings
from directory.authors import GroupMembership
from directory.credentials import CertificateFile, ClientSecret, Credential, GraphCredentials
from directory.graph import GraphDirectory


class GroupCheck(Protocol):
    """Tells whether someone is in a group."""

    async def includes(self, object_id: str | None) -> bool:
        """True when ``object_id`` is a member."""
        ...


class Authors:
    """The communications team's authors."""

    def __init__(self, listed: frozenset[str], group: GroupCheck | None = None) -> None:
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
    """The authors the settings name; the group is read from Graph on first use, not here."""
    group_id = settings.campaign_authors_group
    if not group_id:
        return Authors(settings.campaign_author_ids)
    # The settings refuse a group in local mode, and outside it require these.
    assert settings.app_id and settings.tenant_id
    credential: Credential
    if settings.app_password is not None:
        credential = ClientSecret(settings.app_password.get_secret_value())
    else:
        assert settings.app_certificate is not None
        credential = CertificateFile(settings.app_certificate)
    directory = GraphDirectory(GraphCredentials(settings.tenant_id, settings.app_id, credential))
    return Authors(settings.campaign_author_ids, GroupMembership(directory, group_id))
