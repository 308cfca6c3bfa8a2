"""The personal 72-hour checklist: ticks are kept per person."""

from __future__ import annotations

import logging
from typing import Any

from bot.person import Person
from bot.replies import Reply
from cards.checklist import checklist_card, ticked_items
from cards.notice import stale_card
from content.loader import Library
from store.learning import LearningStore

logger = logging.getLogger(__name__)


class ChecklistFlow:
    """The ``checklist`` command and its "Opslaan" action."""

    def __init__(self, library: Library, learning: LearningStore) -> None:
        """Use the library's checklist and the learning store."""
        self._library = library
        self._learning = learning

    async def show(self, person: Person) -> Reply:
        """The checklist with the person's ticks."""
        checklist = self._library.for_language(person.language).checklist
        if checklist is None:
            return Reply(stale_card(person.language))
        done = await self._learning.checklist(person.key, checklist.id)
        return Reply(checklist_card(checklist, done, person.language))

    async def save(self, person: Person, data: dict[str, Any]) -> Reply:
        """Keep exactly the ticked items of the current checklist (unknown inputs are ignored)."""
        checklist = self._library.for_language(person.language).checklist
        if (
            checklist is None
            or data.get("checklist") != checklist.id
            or data.get("version") != checklist.version
        ):
            logger.info("A checklist card for another or older checklist was saved.")
            return Reply(stale_card(person.language))
        ticked = ticked_items(data, checklist)
        await self._learning.set_checklist(person.key, checklist.id, ticked)
        return Reply(checklist_card(checklist, ticked, person.language, saved=True))
