"""The personal 72-hour checklist: ticks are kept per person."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ConfigDict

from cards.checklist import changed_group, checklist_card, ticked_items
from cards.notice import stale_card
from conversation.commands import CommandSpec
from conversation.feature import Feature, FeatureContext, Payload, command, verb
from conversation.people import Turn
from conversation.reply import Reply
from store.learning import LearningStore

logger = logging.getLogger(__name__)


class ChecklistSave(Payload):
    """ "Opslaan" on the checklist: which checklist and version, and its toggles' values."""

    model_config = ConfigDict(extra="allow")

    checklist: str
    version: int

    @property
    def inputs(self) -> dict[str, Any]:
        """The card's input values (one per item), unchecked: ``ticked_items`` reads them."""
        return dict(self.model_extra or {})


class Checklist(Feature):
    """The ``checklist`` command and its "Opslaan" action."""

    def __init__(self, context: FeatureContext) -> None:
        """Use the library's checklist and the learning store."""
        self._library = context.library
        self._learning = LearningStore(context.database, context.clock)

    @command(
        CommandSpec(
            "checklist",
            {"nl": ("checklist", "noodpakket"), "en": ("checklist", "emergency kit")},
            {
                "nl": "jouw lijst voor 72 uur zonder stroom",
                "en": "your list for 72 hours without power",
            },
            button={"nl": "Checklist", "en": "Checklist"},
        )
    )
    async def show(self, turn: Turn, argument: str) -> Reply:
        """The checklist with the person's ticks."""
        person = turn.person
        checklist = self._library.for_language(person.language).checklist
        if checklist is None:
            return Reply(stale_card(person.language))
        done = await self._learning.checklist(person.key, checklist.id)
        return Reply(checklist_card(checklist, done, person.language))

    @verb("checklist.save")
    async def save(self, turn: Turn, payload: ChecklistSave) -> Reply:
        """Keep exactly the ticked items of the current checklist (unknown inputs are ignored).

        The card that comes back has the first group whose ticks changed open.
        """
        person = turn.person
        checklist = self._library.for_language(person.language).checklist
        if (
            checklist is None
            or payload.checklist != checklist.id
            or payload.version != checklist.version
        ):
            logger.info("A checklist card for another or older checklist was saved.")
            return Reply(stale_card(person.language))
        ticked = ticked_items(payload.inputs, checklist)
        before = await self._learning.checklist(person.key, checklist.id)
        await self._learning.set_checklist(person.key, checklist.id, ticked)
        # The saved card replaces the clicked one: keep open the group the person worked in.
        opened = changed_group(checklist, before, ticked)
        return Reply(checklist_card(checklist, ticked, person.language, saved=True, opened=opened))
