"""Briefings: the latest one for the person's team, acknowledged with one click."""

from __future__ import annotations

import logging

from cards.briefing import briefing_card
from cards.notice import stale_card
from content.loader import Library
from content.model import Briefing
from conversation.commands import CommandSpec
from conversation.feature import Feature, FeatureContext, Payload, command, verb
from conversation.people import Person, Turn
from conversation.reply import Reply
from store.learning import BriefingVersion, LearningStore

logger = logging.getLogger(__name__)


def briefings_for(library: Library, person: Person) -> list[Briefing]:
    """The person's briefings: their team's first, then those for all staff, newest version."""
    briefings = library.for_language(person.language).briefings.values()
    team = [b for b in briefings if b.audience != "all" and person.team_id in b.audience]
    everyone = [b for b in briefings if b.audience == "all"]
    return team + everyone


class BriefingRead(Payload):
    """ "Gelezen" on a briefing card: which briefing, in which version."""

    briefing: str
    version: int


class Briefings(Feature):
    """The ``briefing`` command and the "Gelezen" action."""

    def __init__(self, context: FeatureContext) -> None:
        """Use the library's briefings and the learning store."""
        self._library = context.library
        self._learning = LearningStore(context.database, context.clock)

    @command(
        CommandSpec(
            "briefing",
            {"nl": ("briefing", "uitleg"), "en": ("briefing",)},
            {"nl": "de laatste uitleg voor jouw team", "en": "the latest briefing for your team"},
            needs_team=True,
            button={"nl": "Briefing", "en": "Briefing"},
        )
    )
    async def latest(self, turn: Turn, argument: str) -> Reply:
        """The first briefing the person has not read yet, else their team's (marked read)."""
        person = turn.person
        candidates = briefings_for(self._library, person)
        read = await self._learning.briefings_read(person.key)
        unread = [b for b in candidates if BriefingVersion(b.id, b.version) not in read]
        briefing = (unread or candidates)[0]
        read_at = await self._learning.read_at(person.key, briefing.id, briefing.version)
        return Reply(
            briefing_card(briefing, person.language, read_on=read_at.date() if read_at else None)
        )

    @verb("briefing.read")
    async def read(self, turn: Turn, payload: BriefingRead) -> Reply:
        """Record "Gelezen" for the version on the card; an old version is a stale card."""
        person = turn.person
        briefing = self._library.for_language(person.language).briefings.get(payload.briefing)
        if briefing is None or payload.version != briefing.version:
            logger.info("A briefing card for an unknown or older version was clicked.")
            return Reply(stale_card(person.language))
        read_at = await self._learning.acknowledge(person.key, briefing.id, briefing.version)
        return Reply(briefing_card(briefing, person.language, read_on=read_at.date()))
