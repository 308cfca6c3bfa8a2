"""``publiceer`` in Teams: a communications author brings the SharePoint site in step now; and
the nightly publish, when ``PARAAT_SHAREPOINT_NIGHTLY`` names a time.

The command answers at once (a publish takes minutes; Teams waits 15 seconds for an answer)
and the run goes on in the background; when it is done, the author gets the result in the
same chat.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter

from cards.notice import notice_card
from content.language import Language
from conversation.commands import CommandSpec
from conversation.feature import Feature, FeatureContext, command
from conversation.people import Person, Turn
from conversation.proactive import ProactiveSender, Recipient, Result
from conversation.reply import Card, Reply
from directory.authors import Authors, authors_from
from store.conversations import ConversationStore
from store.sharepoint import SharePointStore
from sync.errors import Busy, SyncError
from sync.nightly import NightlyPublish, parse_time
from sync.printer import CardPrinter
from sync.publisher import Summary
from sync.readiness import ReadinessSource
from sync.rules.plan import Verb
from sync.service import SyncService

logger = logging.getLogger(__name__)

_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "refused_title": "Dit is voor het communicatieteam",
        "refused": "Publiceren op SharePoint kan alleen het communicatieteam.",
        "title": "Publiceren op SharePoint",
        "off": "Publiceren op SharePoint staat uit. Vraag de beheerder om het SharePoint-adres "
        "in te stellen.",
        "nothing": "Alles op SharePoint is al bijgewerkt. Er is niets te doen.",
        "started": "Ik zet nu {count} pagina's op SharePoint: {parts}. Dit duurt een paar "
        "minuten. Je krijgt een bericht als het klaar is.",
        "busy": "Er loopt al een publicatie. Probeer het over een paar minuten opnieuw.",
        "done": "Klaar: {parts}.",
        "failed": "{count} pagina's lukten niet. De volgende keer gaat Paraat daar verder.",
        "stopped": "Publiceren lukte niet. Geef deze melding aan de beheerder: {error}",
        "create": "{n} nieuw",
        "update": "{n} bijgewerkt",
        "resume": "{n} afmaken",
        "unpublish": "{n} offline",
        "remove": "{n} naar de prullenbak",
        "skipped": "De noodkaarten (PDF) zijn niet bijgewerkt: op de server van Paraat ontbreekt "
        "Chromium. Geef dit door aan de beheerder.",
    },
    "en": {
        "refused_title": "This is for the communications team",
        "refused": "Only the communications team can publish to SharePoint.",
        "title": "Publishing to SharePoint",
        "off": "Publishing to SharePoint is off. Ask the administrator to set the SharePoint "
        "address.",
        "nothing": "Everything on SharePoint is up to date. There is nothing to do.",
        "started": "I am now putting {count} pages on SharePoint: {parts}. This takes a few "
        "minutes. You will get a message when it is done.",
        "busy": "A publish is already running. Try again in a few minutes.",
        "done": "Done: {parts}.",
        "failed": "{count} pages did not work. Next time Paraat goes on from there.",
        "stopped": "Publishing did not work. Give this message to the administrator: {error}",
        "create": "{n} new",
        "update": "{n} updated",
        "resume": "{n} to finish",
        "unpublish": "{n} taken offline",
        "remove": "{n} moved to the recycle bin",
        "skipped": "The outage cards (PDF) were not updated: Chromium is missing on Paraat's "
        "server. Tell the administrator.",
    },
}


class Publishing(Feature):
    """``publiceer`` for authors, and the nightly publish."""

    def __init__(
        self,
        context: FeatureContext,
        *,
        service: SyncService | None = None,
        authors: Authors | None = None,
        printer: CardPrinter | None = None,
        readiness: ReadinessSource | None = None,
    ) -> None:
        """Publish the context's library to the configured site, the teams' outage cards when
        given a ``printer`` and the readiness list when given ``readiness`` (the bot's wiring
        gives both); ``service`` and ``authors`` for tests. The nightly publish runs between
        :meth:`start_jobs` and :meth:`stop_jobs` (the bot calls them while it serves)."""
        settings = context.settings
        self._service = service or SyncService(
            settings, context.library, context.database,
            SharePointStore(context.database, context.clock), printer=printer,
            readiness=readiness,
        )  # fmt: skip
        self._authors = authors or authors_from(settings)
        self._conversations = ConversationStore(context.database, context.clock)
        self._sender = context.sender
        self._tasks: set[asyncio.Task[None]] = set()
        self.nightly: NightlyPublish | None = None
        if settings.sharepoint_nightly and self._service.configured:
            self.nightly = NightlyPublish(
                self._service.run, parse_time(settings.sharepoint_nightly), context.clock
            )

    async def start_jobs(self) -> None:
        """Start the nightly publish, when a time is set."""
        if self.nightly is not None:
            self.nightly.start()

    async def stop_jobs(self) -> None:
        """Stop the nightly publish (a publish under way is cut off; the next run resumes it,
        decision #27)."""
        if self.nightly is not None:
            await self.nightly.stop()

    @command(
        CommandSpec(
            "publish",
            {"nl": ("publiceer", "publiceren"), "en": ("publish",)},
            {
                "nl": "de inhoud op SharePoint zetten (communicatieteam)",
                "en": "put the content on SharePoint (communications team)",
            },
        )
    )
    async def publish(self, turn: Turn, argument: str) -> Reply:
        """Start a publish for an author; say what it will do."""
        person = turn.person
        text = _TEXT[person.language]
        if not await self._authors.includes(person.object_id):
            return Reply(notice_card(text["refused_title"], text["refused"]))
        if not self._service.configured:
            return Reply(notice_card(text["title"], text["off"]))
        if self._tasks:
            return Reply(notice_card(text["title"], text["busy"]))
        actions = await self._service.plan()
        if not actions:
            return Reply(notice_card(text["title"], text["nothing"]))
        counts = Counter(action.verb for action in actions)
        task = asyncio.get_running_loop().create_task(self._run(person))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        parts = _parts(counts, person.language)
        return Reply(
            notice_card(text["title"], text["started"].format(count=len(actions), parts=parts))
        )

    async def _run(self, person: Person) -> None:
        text = _TEXT[person.language]
        try:
            summary = await self._service.run()
        except Busy:
            message = text["busy"]
        except SyncError as error:
            message = text["stopped"].format(error=error)
        except Exception:
            logger.exception("Publishing to SharePoint failed.")
            message = text["stopped"].format(error="see the log")
        else:
            message = _result(summary, person.language)
        await self._tell(person, notice_card(text["title"], message))

    async def _tell(self, person: Person, card: Card) -> None:
        if self._sender is None:
            return
        stored = await self._conversations.get(person.conversation_id)
        if stored is None:
            return
        record = stored.record
        recipient = Recipient(record.service_url, record.tenant_id, record.conversation_id)
        await _send(self._sender, recipient, card)


async def _send(sender: ProactiveSender, recipient: Recipient, card: Card) -> None:
    delivery = await sender.send(recipient, card)
    if delivery.result is not Result.SENT:
        logger.warning("Could not tell the author how the publish went (%s).", delivery.result)


def _parts(counts: Counter[Verb], language: Language) -> str:
    text = _TEXT[language]
    return ", ".join(text[verb.value].format(n=counts[verb]) for verb in Verb if counts[verb])


def _result(summary: Summary, language: Language) -> str:
    text = _TEXT[language]
    done = Counter(o.action.verb for o in summary.outcomes if o.ok)
    message = text["done"].format(parts=_parts(done, language) or "0")
    if summary.failed:
        message += " " + text["failed"].format(count=len(summary.failed))
    if summary.skipped:
        message += " " + text["skipped"]
    return message
