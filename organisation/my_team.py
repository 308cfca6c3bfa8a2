"""My team: its outage card, and choosing the team once when the organisation's list lacks you."""

from __future__ import annotations

import logging

from cards.notice import stale_card
from cards.team import team_card
from cards.team_choice import team_choice_card, team_chosen_card
from content.loader import Library
from conversation.commands import CommandSpec
from conversation.feature import Feature, FeatureContext, Payload, command, verb
from conversation.people import Person, Turn
from conversation.reply import Reply
from store.users import UserStore

logger = logging.getLogger(__name__)

OUTAGE_WORDS = frozenset(
    {
        "stroom", "stroomstoring", "stroomuitval", "uitval", "uitvalt", "storing",
        "internet", "netwerk", "power", "outage", "blackout",
    }
)  # fmt: skip
"""Words of a free question about an outage ("wat als de stroom uitvalt?"): the team's card."""


def choose_reply(library: Library, person: Person, then: str = "") -> Reply:
    """The card to choose a team; ``then`` is the command to run after choosing."""
    organisation = library["nl"].organisation
    if organisation is None:
        return Reply(stale_card(person.language))
    return Reply(team_choice_card(organisation, person.language, current=person.team_id, then=then))


class TeamCard(Feature):
    """``mijn team``: what an outage means for the person's team."""

    def __init__(self, context: FeatureContext) -> None:
        """Use the library's organisation, team profiles and places."""
        self._library = context.library

    @command(
        CommandSpec(
            "team",
            {"nl": ("mijn team", "team"), "en": ("my team", "team")},
            {
                "nl": "wat uitval betekent voor jouw team",
                "en": "what an outage means for your team",
            },
            needs_team=True,
            button={"nl": "Mijn team", "en": "My team"},
            topic_words=OUTAGE_WORDS,
        )
    )
    async def card(self, turn: Turn, argument: str) -> Reply:
        """The team's outage card, or the choice card first."""
        person = turn.person
        content = self._library.for_language(person.language)
        organisation = content.organisation
        team = organisation.team(person.team_id) if organisation and person.team_id else None
        profile = content.teams.get(person.team_id or "")
        if team is None or profile is None:
            return choose_reply(self._library, person, then="team")
        places = [content.places[p] for p in profile.partners if p in content.places]
        return Reply(team_card(team, profile, places, person.language))


class TeamChosen(Payload):
    """The team choice card: the chosen team, and the command it was chosen for."""

    team: str
    then: str = ""


class TeamChoice(Feature):
    """``kies team`` and the team choice card, for people the organisation's list lacks."""

    def __init__(self, context: FeatureContext) -> None:
        """Use the library's organisation and keep the choice in the user store."""
        self._library = context.library
        self._users = UserStore(context.database, context.clock)

    @command(
        CommandSpec(
            "choose-team",
            {"nl": ("kies team", "ander team"), "en": ("choose team", "change team")},
            {"nl": "kies of verander je team", "en": "choose or change your team"},
        )
    )
    async def choose(self, turn: Turn, argument: str) -> Reply:
        """The card to choose a team; ``argument`` names the command to run after."""
        return choose_reply(self._library, turn.person, then=argument)

    @verb("team.choose")
    async def chosen(self, turn: Turn, payload: TeamChosen) -> Reply:
        """Keep the chosen team, then run the command it was chosen for."""
        person = turn.person
        organisation = self._library.for_language(person.language).organisation
        team = organisation.team(payload.team) if organisation else None
        if team is None:
            logger.warning("Refused a team choice for a team that does not exist.")
            return Reply(stale_card(person.language))
        await self._users.set_team(person.key, team.id)
        return Reply(team_chosen_card(team.name, person.language), run_next=payload.then or None)
