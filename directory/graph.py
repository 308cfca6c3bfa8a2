"""The organisation's directory in Microsoft Graph: a group's members, and its people.

Needs the Graph application permissions ``GroupMember.Read.All`` (groups) and
``User.Read.All`` (people), with admin consent.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from urllib.parse import quote

from directory.credentials import GraphCredentials
from directory.errors import DirectoryError
from directory.retry import RetryPolicy
from directory.transport import GraphTransport, Json, Purpose, Sleep

_USER_FIELDS = "id,displayName,userPrincipalName,department,accountEnabled"
_PAGE_SIZE = "999"
"""Graph's largest page for users; with ``$expand`` it still sends at most 100."""


@dataclass(frozen=True)
class DirectoryUser:
    """One enabled account in the organisation's directory.

    Attributes:
        object_id: The Entra object id, lower case.
        display_name: The name shown in Teams.
        user_principal_name: The sign-in name (e-mail-like).
        department: The department, or None when it is not filled in.
        manager_id: The manager's object id (lower case), or None without a manager.
    """

    object_id: str
    display_name: str
    user_principal_name: str
    department: str | None
    manager_id: str | None


class GraphDirectory:
    """Reads groups and people from Microsoft Graph as the app itself (no signed-in user)."""

    def __init__(
        self,
        credentials: GraphCredentials,
        *,
        retry: RetryPolicy | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        """Nothing is sent until the first call; tokens are fetched and renewed as needed.

        Args:
            credentials: The app's ids and its secret or certificate.
            retry: Tries and waits for throttled requests (the default suits production).
            sleep: How to wait between tries (tests may record the waits).
        """
        self._credentials = credentials
        self._transport = GraphTransport(credentials, retry=retry, sleep=sleep)

    def close(self) -> None:
        """Close the connections to Entra and Graph."""
        self._transport.close()

    async def group_member_ids(self, group_id: str) -> frozenset[str]:
        """The object ids (lower case) of the group's users, members of nested groups included.

        Raises:
            DirectoryError: not a group id, no such group, no permission, or Graph unavailable.
        """
        group = _object_id(group_id, "group")
        purpose = Purpose(
            action=f"read the members of group {group}",
            permission="GroupMember.Read.All",
            not_found=(
                f"There is no group {group} in tenant {self._credentials.tenant_id}: check the "
                "group's object id (Entra admin centre, Groups, Overview)."
            ),
        )
        members: set[str] = set()
        path = f"/groups/{quote(group)}/transitiveMembers/microsoft.graph.user"
        async for page in self._transport.pages(path, {"$select": "id"}, purpose):
            members.update(str(item["id"]).lower() for item in page if item.get("id"))
        return frozenset(members)

    async def users(self) -> list[DirectoryUser]:
        """Every enabled account, with department and manager, in Graph's order.

        Raises:
            DirectoryError: no permission, or Graph unavailable.
        """
        purpose = Purpose(
            action="read the organisation's people",
            permission="User.Read.All",
            not_found="Microsoft Graph does not know the users collection: check the Graph URL.",
        )
        params = {
            "$select": _USER_FIELDS,
            "$expand": "manager($select=id)",
            "$top": _PAGE_SIZE,
        }
        people: list[DirectoryUser] = []
        async for page in self._transport.pages("/users", params, purpose):
            people.extend(_user(item) for item in page if _enabled(item))
        return people


def _object_id(value: str, kind: str) -> str:
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        raise DirectoryError(
            f"{value!r} is not a {kind} object id: expected a GUID such as "
            "0a1b2c3d-1234-5678-9abc-0123456789ab."
        ) from None


def _enabled(item: Json) -> bool:
    # Only an explicit false is a disabled account; a missing value says nothing.
    return item.get("accountEnabled") is not False and bool(item.get("id"))


def _user(item: Json) -> DirectoryUser:
    manager = item.get("manager")
    manager_id = manager.get("id") if isinstance(manager, dict) else None
    return DirectoryUser(
        object_id=str(item["id"]).lower(),
        display_name=str(item.get("displayName") or ""),
        user_principal_name=str(item.get("userPrincipalName") or ""),
        department=str(item["department"]) if item.get("department") else None,
        manager_id=str(manager_id).lower() if manager_id else None,
    )
