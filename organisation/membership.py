"""Who is in which team, from the organisation's own list (a CSV file it exports).

``paraat org import`` (docs/organisation.md) is the newer way, and is looked up first; this
file keeps working for organisations that use it.

The file has a header ``team,member``; a member is an Entra object id or a user principal name
(an e-mail-like login). People not in the list choose their team once, from a card.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Set
from dataclasses import dataclass, field
from pathlib import Path

OBJECT_ID = re.compile(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")
"""An Entra object id (a GUID)."""


def is_upn(value: str) -> bool:
    """True for something shaped like a user principal name (an e-mail-like login)."""
    return "@" in value and " " not in value


class MembershipError(ValueError):
    """The membership file has a problem; the message names file and line."""


@dataclass(frozen=True)
class Membership:
    """Team by Entra object id and by user principal name (both lower case)."""

    by_object_id: dict[str, str] = field(default_factory=dict)
    by_upn: dict[str, str] = field(default_factory=dict)

    def team_for(self, object_id: str | None, upn: str | None = None) -> str | None:
        """The team of this person, or None when the list does not name them."""
        if object_id and object_id.lower() in self.by_object_id:
            return self.by_object_id[object_id.lower()]
        if upn:
            return self.by_upn.get(upn.lower())
        return None

    def members(self, team_ids: Collection[str]) -> list[str]:
        """The object ids the list places in ``team_ids`` (people listed by UPN only are left
        out: without Microsoft Graph there is no object id to reach them by)."""
        return sorted(oid for oid, team in self.by_object_id.items() if team in team_ids)

    @property
    def uses_upn(self) -> bool:
        """True when some people are listed by user principal name only."""
        return bool(self.by_upn)

    def manages(self, object_id: str | None) -> frozenset[str]:
        """Nothing: the membership file names no managers (the organisation import does)."""
        return frozenset()


def read_membership(path: Path, teams: Set[str]) -> Membership:
    """Read and check the file: every team must exist, every member be an id or a UPN.

    Raises:
        MembershipError: naming the file, the line and what was expected.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise MembershipError(f"{path}: cannot read the membership file ({error})") from None
    rows = csv.reader(text.splitlines())
    header = [cell.strip().lower() for cell in next(rows, [])]
    if header != ["team", "member"]:
        raise MembershipError(f"{path}:1: expected the header 'team,member', got {header}")
    membership = Membership()
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 2:
            raise MembershipError(f"{path}:{line}: expected two columns, team and member")
        team, member = row[0].strip(), row[1].strip().lower()
        if team not in teams:
            raise MembershipError(f"{path}:{line}: there is no team '{team}' in the organisation")
        if OBJECT_ID.match(member):
            membership.by_object_id[member] = team
        elif is_upn(member):
            membership.by_upn[member] = team
        else:
            raise MembershipError(
                f"{path}:{line}: expected an Entra object id or a user principal name, "
                f"got '{member}'"
            )
    return membership
