"""Who is in one Entra group (e.g. the campaign authors), read from Graph now and then.

The rule while Graph cannot be read:

* after a successful read, the last known members stay valid; a failed refresh logs one
  warning line and is tried again after ``retry_failed_after`` seconds;
* before any successful read, nobody is a member (deny): a warning says why, and every call
  after ``retry_failed_after`` seconds tries again.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Protocol

from config.settings import Settings
from directory.errors import DirectoryError
from directory.from_settings import graph_directory

logger = logging.getLogger(__name__)

REFRESH_SECONDS = 300.0
"""How long a read of the group's members is used before it is read again."""
RETRY_FAILED_SECONDS = 60.0
"""After a failed read, how long before the next try (not on every message)."""


class MemberSource(Protocol):
    """Where members come from: :class:`directory.graph.GraphDirectory`, or a fake."""

    async def group_member_ids(self, group_id: str) -> frozenset[str]:
        """The object ids of the group's users, nested groups included."""
        ...


class GroupMembership:
    """The members of one group, cached for ``refresh_every`` seconds."""

    def __init__(
        self,
        source: MemberSource,
        group_id: str,
        *,
        refresh_every: float = REFRESH_SECONDS,
        retry_failed_after: float = RETRY_FAILED_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Nothing is read until the first question.

        Args:
            source: Reads the group's members.
            group_id: The group's object id.
            refresh_every: Seconds a successful read is used.
            retry_failed_after: Seconds between tries while reading fails.
            clock: Seconds from an arbitrary start (monotonic); tests pass their own.
        """
        self._source = source
        self._group_id = group_id
        self._refresh_every = refresh_every
        self._retry_failed_after = retry_failed_after
        self._clock = clock
        self._members: frozenset[str] | None = None
        self._next_read: float | None = None
        self._lock = asyncio.Lock()

    @property
    def loaded(self) -> bool:
        """True once the members have been read successfully at least once."""
        return self._members is not None

    async def members(self) -> frozenset[str]:
        """The group's members (lower-case object ids): the last known ones while reading
        fails, none before the first successful read."""
        async with self._lock:
            if self._next_read is None or self._clock() >= self._next_read:
                await self._read()
        return self._members or frozenset()

    async def includes(self, object_id: str | None) -> bool:
        """True when ``object_id`` is a member (see :meth:`members` for when Graph fails)."""
        if not object_id:
            return False
        return object_id.lower() in await self.members()

    async def _read(self) -> None:
        try:
            members = await self._source.group_member_ids(self._group_id)
        except DirectoryError as error:
            self._next_read = self._clock() + self._retry_failed_after
            if self._members is None:
                logger.warning(
                    "Nobody counts as a member of group %s until it can be read: %s",
                    self._group_id,
                    error,
                )
            else:
                logger.warning(
                    "Keeping the %d last known members of group %s; reading it failed: %s",
                    len(self._members),
                    self._group_id,
                    error,
                )
            return
        self._members = frozenset(member.lower() for member in members)
        self._next_read = self._clock() + self._refresh_every


class GroupCheck(Protocol):
    """Tells whether someone is in a group (:class:`GroupMembership`, or a fake)."""

    async def includes(self, object_id: str | None) -> bool:
        """True when ``object_id`` is a member."""
        ...


class Authors:
    """The communications team's authors: the ids the settings list, and the members of one
    Entra group when one is configured (campaigns and publishing ask the same question)."""

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
    # The settings refuse a group in local mode, so the app's credentials are there.
    return Authors(
        settings.campaign_author_ids, GroupMembership(graph_directory(settings), group_id)
    )
