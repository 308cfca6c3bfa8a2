"""``mijn gegevens``: a person sees what Paraat keeps about them, downloads it, or erases it.

Who asks is always the person of the activity; no card data names anyone. An erasure is logged
with its counts, never with the person's key.
"""

from __future__ import annotations

import logging

from cards.my_data import (
    CONFIRM_ERASE_VERB,
    ERASE_VERB,
    EXPORT_VERB,
    KEEP_VERB,
    StoredData,
    export_card,
    my_data_card,
)
from conversation.commands import CommandSpec
from conversation.feature import Feature, FeatureContext, NoPayload, command, verb
from conversation.people import Person, Turn
from conversation.reply import Card, Reply
from privacy.exports import LINK_MINUTES, DataExports
from store.personal_data import PersonalDataStore

logger = logging.getLogger(__name__)

EXPORT_PURPOSE = "my-data-export"
"""What the download links' secret is derived for (see :meth:`People.derived_secret`)."""


def data_exports(context: FeatureContext) -> DataExports:
    """The download links and downloads, from what every feature is given."""
    return DataExports(
        PersonalDataStore(context.database),
        context.people.derived_secret(EXPORT_PURPOSE),
        context.settings.public_url,
        context.clock,
    )


class MyData(Feature):
    """``mijn gegevens`` and the buttons of its card."""

    def __init__(self, context: FeatureContext) -> None:
        """Read and erase on the context's database; sign links with the people's secret."""
        self._store = PersonalDataStore(context.database)
        self._exports = data_exports(context)
        organisation = context.library["nl"].organisation
        self._teams = {t.id: t.name for t in organisation.teams()} if organisation else {}

    @command(
        CommandSpec(
            "data",
            {"nl": ("mijn gegevens", "gegevens"), "en": ("my data", "data")},
            {
                "nl": "je gegevens inzien, downloaden of wissen",
                "en": "see, download or erase your data",
            },
        )  # fmt: skip
    )
    async def show(self, turn: Turn, argument: str) -> Reply:
        """What Paraat keeps about the person."""
        return Reply(await self._overview(turn.person))

    @verb(KEEP_VERB)
    async def keep(self, turn: Turn, payload: NoPayload) -> Reply:
        """Back to the overview; nothing changes."""
        return Reply(await self._overview(turn.person))

    @verb(EXPORT_VERB)
    async def export(self, turn: Turn, payload: NoPayload) -> Reply:
        """A download link to the person's own data, for a few minutes."""
        link = self._exports.link(turn.person.key)
        return Reply(export_card(link, LINK_MINUTES, turn.person.language))

    @verb(ERASE_VERB)
    async def erase(self, turn: Turn, payload: NoPayload) -> Reply:
        """Ask once more before erasing."""
        stored = await self._stored(turn.person)
        return Reply(my_data_card(stored, turn.person.language, "confirm-erase"))

    @verb(CONFIRM_ERASE_VERB)
    async def confirm_erase(self, turn: Turn, payload: NoPayload) -> Reply:
        """Erase everything Paraat keeps about the person."""
        erased = await self._store.erase(turn.person.key)
        logger.info(
            "A person erased their data: %d rows deleted, %d rows of shared figures kept without "
            "an owner.",
            erased.deleted,
            erased.detached,
        )
        stored = await self._stored(turn.person)
        return Reply(my_data_card(stored, turn.person.language, "erased"))

    async def _overview(self, person: Person) -> Card:
        return my_data_card(await self._stored(person), person.language)

    async def _stored(self, person: Person) -> StoredData:
        summary = await self._store.summary(person.key)
        return StoredData(
            answers=summary.answers,
            briefings_read=summary.briefings_read,
            checklist_ticks=summary.checklist_ticks,
            team=self._teams.get(summary.team_id or "", summary.team_id),
            language=summary.language,
            since=summary.since.date() if summary.since else None,
        )
