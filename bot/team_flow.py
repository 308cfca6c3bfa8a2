"""My team: its outage card, and choosing the team once when the organisation's list lacks you."""

from __future__ import annotations

import logging
from typing import Any

from bot.person import Person
from bot.replies import Reply
from cards.notice import stale_card
from cards.team import team_card
from cards.team_choice import TEAM_INPUT, team_choice_card, team_chosen_card
from content.loader import Library
from store.users import UserStore

logger = logging.getLogger(__name__)


class TeamFlow:
    """The ``mijn team`` and ``kies team`` commands and the team choice action."""

    def __init__(self, library: Library, users: UserStore) -> None:
        """Use the library's organisation and profiles, and the user store."""
        self._library = library
        self._users = users

    def choose(self, person: Person, then: str = "") -> Reply:
        """The card to choose a team; ``then`` is the command to run after choosing."""
        organisation = self._library["nl"].organisation
        if organisation is None:
            return Reply(stale_card(person.language))
        return Reply(
            team_choice_card(organisation, person.language, current=person.team_id, then=then)
        )

    def card(self, person: Person) -> Reply:
        """The team's outage card, or the choice card first."""
        content = self._library.for_language(person.language)
        organisation = content.organisation
        team = (
            next((t for t in organisation.teams() if t.id == person.team_id), None)
            if organisation
            else None
        )
        profile = content.teams.get(person.team_id or "")
        if team is None or profile is None:
            return self.choose(person, then="team")
        places = [content.places[p] for p in profile.partners if p in content.places]
        return Reply(team_card(team, profile, places, person.language))

    async def chosen(self, person: Person, data: dict[str, Any]) -> tuple[Reply, Person, str]:
        """Keep the chosen team. Returns the reply, the person with their team, and the command
        the choice was made for (empty when none)."""
        team_id = data.get(TEAM_INPUT)
        organisation = self._library.for_language(person.language).organisation
        team = (
            next((t for t in organisation.teams() if t.id == team_id), None)
            if organisation
            else None
        )
        if team is None:
            logger.warning("Refused a team choice for a team that does not exist.")
            return Reply(stale_card(person.language)), person, ""
        await self._users.set_team(person.key, team.id)
        then = data.get("then")
        updated = Person(person.key, person.language, team.id, person.conversation_id, person.scope)
        return (
            Reply(team_chosen_card(team.name, person.language)),
            updated,
            then if isinstance(then, str) else "",
        )
