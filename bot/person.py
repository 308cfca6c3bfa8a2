"""Who is talking: a keyed user id, their language and their team, from the activity only."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.identity import user_key
from bot.language import resolve_language
from bot.membership import Membership
from content.language import Language
from store.users import UserStore


@dataclass(frozen=True)
class LanguagePolicy:
    """The organisation's language settings."""

    default: Language
    follow_client: bool


@dataclass(frozen=True)
class Person:
    """The person behind an activity, as Paraat knows them."""

    key: str
    language: Language
    team_id: str | None
    conversation_id: str
    scope: str


UpnLookup = Callable[[], Awaitable[str | None]]


class People:
    """Resolves a :class:`Person`; card data never takes part in this."""

    def __init__(
        self,
        users: UserStore,
        secret: bytes,
        languages: LanguagePolicy,
        membership: Membership,
    ) -> None:
        """Use the user store, the user-key secret, the language policy and the team list."""
        self._users = users
        self._secret = secret
        self._languages = languages
        self._membership = membership
        self._upns: dict[str, str | None] = {}

    def key_of(self, object_id: str) -> str:
        """The user key for an Entra object id (or a channel id where there is none)."""
        return user_key(self._secret, object_id)

    async def resolve(
        self,
        object_id: str,
        locale: str | None,
        conversation_id: str,
        scope: str,
        lookup_upn: UpnLookup | None = None,
    ) -> Person:
        """The person, with the team from the organisation's list first, else their own choice."""
        key = self.key_of(object_id)
        chosen_language, chosen_team = await self._users.choices(key)
        language = resolve_language(
            chosen_language,
            locale,
            default=self._languages.default,
            follow_client=self._languages.follow_client,
        )
        team = self._membership.team_for(object_id)
        if team is None and self._membership.uses_upn and lookup_upn is not None:
            if object_id not in self._upns:
                self._upns[object_id] = await lookup_upn()
            team = self._membership.team_for(None, self._upns[object_id])
        if team is None:
            team = chosen_team
        return Person(key, language, team, conversation_id, scope)
