"""Who is talking: a keyed user id, their language and their team, from the activity only."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from functools import partial
from typing import Protocol

from content.language import Language
from conversation.identity import user_key
from conversation.language import resolve_language
from conversation.reply import Outbox
from store.users import UserChoices, UserStore

UpnLookup = Callable[[], Awaitable[str | None]]
"""Asks Teams for the sender's user principal name (it is not in the activity itself)."""


@dataclass(frozen=True)
class Sender:
    """Who sent an activity and where, as the edge read it from the activity (never card data).

    Attributes:
        object_id: The Entra object id (or the channel account id where there is none).
        locale: The Teams client's locale, e.g. ``nl-NL``.
        conversation_id: The conversation the activity came from.
        scope: ``personal``, ``team`` or ``groupChat``.
        lookup_upn: Asks Teams for the user principal name, when the team list needs it.
    """

    object_id: str
    locale: str | None
    conversation_id: str
    scope: str
    lookup_upn: UpnLookup | None = None


@dataclass(frozen=True)
class Person:
    """The person behind an activity, as Paraat knows them.

    ``key`` is what Paraat stores; ``object_id`` (their Entra object id, from the activity) is
    only for checking a role, never stored with what they learn.
    """

    key: str
    language: Language
    team_id: str | None
    conversation_id: str
    scope: str
    object_id: str = ""

    @property
    def personal(self) -> bool:
        """True in a one-to-one chat with Paraat."""
        return self.scope == "personal"


@dataclass(frozen=True)
class Turn:
    """What every handler gets besides its payload: the person, and where to post."""

    person: Person
    outbox: Outbox


@dataclass(frozen=True)
class PendingTurn:
    """A turn whose person's own choices are not read yet.

    A verb handler that takes a ``PendingTurn`` instead of a :class:`Turn` reads the choices of
    the user ``key`` together with its own first read, in one statement, and then gets the person
    from :attr:`person`: a database round trip less on a hot path (docs/decisions.md #37). It
    must answer with a card.
    """

    key: str
    outbox: Outbox
    person: Callable[[UserChoices], Person]
    """The person, given the choices read for ``key``."""


@dataclass(frozen=True)
class LanguagePolicy:
    """The organisation's language settings."""

    default: Language
    follow_client: bool


class TeamDirectory(Protocol):
    """The organisation's own list of who is in which team."""

    @property
    def uses_upn(self) -> bool:
        """True when some people are listed by user principal name only."""
        ...

    def team_for(self, object_id: str | None, upn: str | None = None) -> str | None:
        """The team of this person, or None when the list does not name them."""
        ...

    def members(self, team_ids: Collection[str]) -> list[str]:
        """The object ids the list places in ``team_ids``."""
        ...

    def manages(self, object_id: str | None) -> frozenset[str]:
        """The ids of the departments and teams this person manages, those inside included
        (empty for staff and strangers)."""
        ...


class People:
    """Resolves a :class:`Person`; card data never takes part in this."""

    def __init__(
        self,
        users: UserStore,
        secret: bytes,
        languages: LanguagePolicy,
        directory: TeamDirectory,
    ) -> None:
        """Use the user store, the user-key secret, the language policy and the team list."""
        self._users = users
        self._secret = secret
        self._languages = languages
        self._directory = directory
        self._upns: dict[str, str | None] = {}

    @property
    def directory(self) -> TeamDirectory:
        """The organisation's team list."""
        return self._directory

    @property
    def users(self) -> UserStore:
        """Where people's own choices are kept."""
        return self._users

    @property
    def default_language(self) -> Language:
        """The organisation's language."""
        return self._languages.default

    def derived_secret(self, purpose: str) -> bytes:
        """A secret for ``purpose`` (e.g. signing links), derived from the user-key secret so
        every replica has the same one and none of them learns the user-key secret from it."""
        return hmac.new(self._secret, purpose.encode(), hashlib.sha256).digest()

    def key_of(self, object_id: str) -> str:
        """The user key for an Entra object id (or a channel id where there is none)."""
        return user_key(self._secret, object_id)

    async def resolve(self, sender: Sender) -> Person:
        """The person, with the team from the organisation's list first, else their own choice."""
        key = self.key_of(sender.object_id)
        choices = await self._users.choices(key)
        return self._person(sender, key, await self._listed_team(sender), choices)

    async def pending(self, sender: Sender, outbox: Outbox) -> PendingTurn:
        """The turn of ``sender`` for a handler that reads the person's choices itself."""
        key = self.key_of(sender.object_id)
        return PendingTurn(
            key, outbox, partial(self._person, sender, key, await self._listed_team(sender))
        )

    async def _listed_team(self, sender: Sender) -> str | None:
        """The sender's team in the organisation's list (asking Teams once for their UPN when
        the list needs it), or None."""
        team = self._directory.team_for(sender.object_id)
        if team is None and self._directory.uses_upn and sender.lookup_upn is not None:
            if sender.object_id not in self._upns:
                self._upns[sender.object_id] = await sender.lookup_upn()
            team = self._directory.team_for(None, self._upns[sender.object_id])
        return team

    def _person(
        self, sender: Sender, key: str, listed_team: str | None, choices: UserChoices
    ) -> Person:
        language = resolve_language(
            choices.language,
            sender.locale,
            default=self._languages.default,
            follow_client=self._languages.follow_client,
        )
        team = listed_team if listed_team is not None else choices.team_id
        return Person(key, language, team, sender.conversation_id, sender.scope, sender.object_id)
