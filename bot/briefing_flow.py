"""Briefings: the latest one for the person's team, acknowledged with one click."""

from __future__ import annotations

import logging
from typing import Any

from bot.person import Person
from bot.replies import Reply
from cards.briefing import briefing_card
from cards.notice import stale_card
from content.loader import Library
from content.model import Briefing
from store.learning import LearningStore

logger = logging.getLogger(__name__)


def briefings_for(library: Library, person: Person) -> list[Briefing]:
    """The person's briefings: their team's first, then those for all staff, newest version."""
    briefings = library.for_language(person.language).briefings.values()
    team = [b for b in briefings if b.audience != "all" and person.team_id in b.audience]
    everyone = [b for b in briefings if b.audience == "all"]
    return team + everyone


class BriefingFlow:
    """The ``briefing`` command and the "Gelezen" action."""

    def __init__(self, library: Library, learning: LearningStore) -> None:
        """Use the library's briefings and the learning store."""
        self._library = library
        self._learning = learning

    async def latest(self, person: Person) -> Reply:
        """The first briefing the person has not read yet, else their team's (marked read)."""
        candidates = briefings_for(self._library, person)
        read = await self._learning.briefings_read(person.key)
        unread = [b for b in candidates if (b.id, b.version) not in read]
        briefing = (unread or candidates)[0]
        read_at = await self._learning.read_at(person.key, briefing.id, briefing.version)
        return Reply(
            briefing_card(briefing, person.language, read_on=read_at.date() if read_at else None)
        )

    async def read(self, person: Person, data: dict[str, Any]) -> Reply:
        """Record "Gelezen" for the version on the card; an old version is a stale card."""
        briefing_id = data.get("briefing")
        briefing = (
            self._library.for_language(person.language).briefings.get(briefing_id)
            if isinstance(briefing_id, str)
            else None
        )
        if briefing is None or data.get("version") != briefing.version:
            logger.info("A briefing card for an unknown or older version was clicked.")
            return Reply(stale_card(person.language))
        read_at = await self._learning.acknowledge(person.key, briefing.id, briefing.version)
        return Reply(briefing_card(briefing, person.language, read_on=read_at.date()))
