"""Who is in which team, as Paraat looks it up on every turn (docs/decisions.md #15).

The imported organisation comes first, then the membership file; :class:`conversation.people.
People` falls back to the person's own choice. The imported organisation is kept in memory and
looked up by user key; a newer import is picked up within ``refresh_seconds``, without a restart.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor

from organisation.membership import Membership
from organisation.rules.scope import Scope, scope_of
from store.clock import Clock
from store.database import Database
from store.organisation import OrganisationSnapshot, OrganisationStore

logger = logging.getLogger(__name__)

KeyOf = Callable[[str], str]
"""Paraat's user key of an Entra object id (``conversation.people.People.key_of``)."""


def upn_key(key_of: KeyOf, upn: str) -> str:
    """The key of someone named by user principal name only (apart from every object id's)."""
    return key_of("upn:" + upn.strip().lower())


class PlacedPeople:
    """The organisation's list of who is in which team, and who manages what."""

    def __init__(
        self,
        key_of: KeyOf,
        membership: Membership,
        snapshot: OrganisationSnapshot | None = None,
        *,
        store: OrganisationStore | None = None,
        refresh_seconds: float = 60.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        """Look people up in ``snapshot`` (the imported organisation), then in ``membership``.

        Args:
            key_of: Makes the user key of an object id.
            membership: The membership file's list (empty when there is none).
            snapshot: The imported organisation to start with.
            store: Where to look for a newer import; None: never look.
            refresh_seconds: How long a looked-up organisation is trusted.
            monotonic: The clock for ``refresh_seconds``.
        """
        self._key_of = key_of
        self._membership = membership
        self._store = store
        self._refresh = refresh_seconds
        self._monotonic = monotonic
        self._checked = monotonic()
        self._task: asyncio.Task[bool] | None = None
        self.use(snapshot or OrganisationSnapshot())

    @property
    def snapshot(self) -> OrganisationSnapshot:
        """The imported organisation in use."""
        return self._snapshot

    def use(self, snapshot: OrganisationSnapshot) -> None:
        """Use ``snapshot`` from now on."""
        self._snapshot = snapshot
        self._teams = {m.person_key: m.team_id for m in snapshot.members}
        self._by_upn = any(m.by_upn for m in snapshot.members)

    @property
    def uses_upn(self) -> bool:
        """True when some people are listed by user principal name only."""
        return self._by_upn or self._membership.uses_upn

    def team_for(self, object_id: str | None, upn: str | None = None) -> str | None:
        """The team of this person: the imported organisation first, then the membership file."""
        self._freshen()
        if object_id:
            team = self._teams.get(self._key_of(object_id))
            if team is not None:
                return team
        if upn and self._by_upn:
            team = self._teams.get(upn_key(self._key_of, upn))
            if team is not None:
                return team
        return self._membership.team_for(object_id, upn)

    def members(self, team_ids: Collection[str]) -> list[str]:
        """The object ids the membership file places in ``team_ids``.

        The imported organisation keeps user keys only, so it names no one to reach here;
        its members are reached through the chats they have with Paraat.
        """
        return self._membership.members(team_ids)

    def scope_of(self, object_id: str | None) -> Scope:
        """The departments and teams this person manages (empty for staff and strangers)."""
        self._freshen()
        return scope_of(self._snapshot.chart, self._snapshot.managers, object_id)

    def manages(self, object_id: str | None) -> frozenset[str]:
        """The ids of the departments and teams this person manages, those inside included."""
        scope = self.scope_of(object_id)
        return scope.departments | scope.teams

    async def refresh(self) -> bool:
        """Read the organisation again when a newer import was made; True when it changed."""
        if self._store is None:
            return False
        self._checked = self._monotonic()
        version = await self._store.version()
        if version == self._snapshot.version:
            return False
        self.use(await self._store.snapshot())
        logger.info("Using the organisation of import %s.", self._snapshot.version)
        return True

    async def settled(self) -> None:
        """Wait for a background look for a newer import, if one is under way."""
        if self._task is not None:
            await self._task

    def _freshen(self) -> None:
        """Look for a newer import in the background when the last look is too old."""
        if self._store is None or self._monotonic() - self._checked < self._refresh:
            return
        if self._task is not None and not self._task.done():
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (a script): the next turn will look
            return
        self._checked = self._monotonic()
        self._task = loop.create_task(self._refresh_quietly())

    async def _refresh_quietly(self) -> bool:
        try:
            return await self.refresh()
        except Exception as error:  # a database hiccup must not break turns: keep what we have
            logger.warning(
                "Could not read the imported organisation (%s); keeping the last one.",
                type(error).__name__,
            )
            return False


def placed_people(
    key_of: KeyOf,
    membership: Membership,
    database: Database,
    clock: Clock,
    refresh_seconds: float,
) -> PlacedPeople:
    """The people's list for the bot: the imported organisation is read once now (blocking,
    at start), then looked for again every ``refresh_seconds``."""
    store = OrganisationStore(database, clock)
    return PlacedPeople(
        key_of,
        membership,
        read_now(database.url),
        store=store,
        refresh_seconds=refresh_seconds,
    )


def read_now(url: str) -> OrganisationSnapshot:
    """The imported organisation in the database at ``url``, read before any turn is served.

    Runs in a thread on its own event loop and connection, so it works whether or not the
    caller has a loop running. A failure reads as empty (and is logged): the background look
    tries again.
    """

    async def read() -> OrganisationSnapshot:
        database = Database(url)
        try:
            return await OrganisationStore(database).snapshot()
        finally:
            await database.close()

    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(lambda: asyncio.run(read())).result()
    except Exception as error:  # e.g. an older schema: the file and own choices still work
        logger.warning(
            "Could not read the imported organisation at start (%s); trying again later.",
            type(error).__name__,
        )
        return OrganisationSnapshot()
