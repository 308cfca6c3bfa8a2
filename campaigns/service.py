"""Planning campaigns: who may, what is checked before anything is stored, and the moves a
campaign makes (approve, cancel). Every move is logged with who and when.

Authors are the communications team (their Entra object ids in the settings). A campaign to
everyone needs a second author's approval unless the organisation turned that off. The command
line is the administrator's: what it plans is approved by its author.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from campaigns.audience import AudienceResolver
from campaigns.figures import CampaignFigures
from campaigns.rules.model import FINAL, Audience, CampaignError, Content, Schedule, State
from campaigns.rules.report import CampaignReport, CampaignStats
from campaigns.rules.schedule import check_repeat, first_run
from cards.announcement import announcement_card, quiz_invitation_card
from cards.briefing import briefing_card
from config.settings import Settings
from content.language import LANGUAGES, Language
from content.loader import Library
from conversation.people import People
from conversation.proactive import Delivery, ProactiveSender, Recipient, Result
from conversation.reply import Card
from directory.authors import Authors
from store.campaigns import CampaignRecord, CampaignStore, NewCampaign
from store.clock import Clock
from store.conversations import ConversationStore
from store.database import Database
from store.figures import FigureStore
from store.outbox import OutboxStore
from store.readiness import team_briefing_id

REMINDER_INTERVAL = timedelta(days=7)
"""A team gets at most one reminder to read its briefing in this time."""

MAX_CARD_BYTES = 80_000
"""Teams refuses a message over 100 KB; Paraat refuses a campaign card over 80 KB when it is
planned, so nothing fails when it is sent."""


class NotAllowed(CampaignError):
    """The person may not do this (not an author, or approving their own campaign)."""


@dataclass(frozen=True)
class Actor:
    """Who asks: an author in Teams (by Entra object id) or the administrator's command line.

    Attributes:
        name: How the log names them (``aad:<object id>`` or ``cli:<login>``).
        object_id: Their Entra object id, in Teams.
        administrator: True on the command line.
    """

    name: str
    object_id: str | None = None
    administrator: bool = False


@dataclass(frozen=True)
class Plan:
    """What an author asks for."""

    title: str
    content: Content
    audience: Audience
    schedule: Schedule


@dataclass(frozen=True)
class Reminder:
    """What asking for a reminder did.

    Attributes:
        planned: True when a reminder goes out now; False when the team had one too recently.
        next_at: From when the team can be reminded again.
    """

    planned: bool
    next_at: datetime


@dataclass(frozen=True)
class Retraction:
    """What retracting a campaign did: copies deleted, and copies Teams would not delete."""

    deleted: int
    kept: int


class CampaignService:
    """Plans, approves, cancels and retracts campaigns, and tells how they did."""

    def __init__(
        self,
        store: CampaignStore,
        outbox: OutboxStore,
        audience: AudienceResolver,
        library: Library,
        settings: Settings,
        clock: Clock,
        authors: Authors | None = None,
    ) -> None:
        """Use the campaign and outbox stores, the audience resolver, the library, the settings;
        ``authors`` default to the ids the settings list."""
        self.store = store
        self.outbox = outbox
        self.audience = audience
        self._library = library
        self._authors = authors or Authors(settings.campaign_author_ids)
        self._four_eyes = settings.campaign_four_eyes
        self._clock = clock
        self._figures = CampaignFigures(
            outbox, FigureStore(outbox.database), library, audience.people.key_of
        )

    async def is_author(self, actor: Actor) -> bool:
        """True for the administrator and for the configured authors."""
        return actor.administrator or await self._authors.includes(actor.object_id)

    async def plan(self, plan: Plan, actor: Actor) -> CampaignRecord:
        """Check and store a campaign: a draft when it needs a second author, else scheduled.

        Raises:
            NotAllowed: the actor is no author.
            CampaignError: the content, audience or schedule is wrong, or the card too large.
        """
        await self._require_author(actor)
        if not plan.title.strip():
            raise CampaignError("no_title")
        for language in LANGUAGES:  # the content exists and fits, in every language it may go in
            self.card(plan.title, plan.content, language, 0)
        self.audience.check(plan.audience, await self.audience.channels())
        check_repeat(plan.schedule.repeat)
        needs_second = self._four_eyes and plan.audience.kind == "all" and not actor.administrator
        now = self._clock()
        return await self.store.add(
            NewCampaign(
                title=plan.title.strip(),
                content=plan.content,
                audience=plan.audience,
                schedule=plan.schedule,
                state=State.DRAFT if needs_second else State.SCHEDULED,
                author=actor.name,
                approved_by=None if needs_second else actor.name,
                next_run_at=None if needs_second else first_run(plan.schedule, now),
            )
        )

    async def remind_unread(self, team_id: str, actor: Actor) -> Reminder:
        """Send the team's briefing to its people who have not read it yet, at most once per
        :data:`REMINDER_INTERVAL` per team, whoever asks (a manager; their rights to the team
        are checked by whoever calls this). Who gets it is worked out when it is sent, and
        nobody is told.

        Raises:
            CampaignError: the team or its briefing does not exist.
        """
        audience = Audience("unread", team_id)
        self.audience.check(audience)
        content = Content("briefing", team_briefing_id(team_id), acknowledge=True)
        briefing = self._library["nl"].briefings.get(content.briefing_id or "")
        if briefing is None:
            raise CampaignError("no_briefing", given=content.briefing_id)
        now = self._clock()
        last = await self.store.last_created(str(audience))
        if last is not None and now - last < REMINDER_INTERVAL:
            return Reminder(planned=False, next_at=last + REMINDER_INTERVAL)
        await self.store.add(
            NewCampaign(
                title=briefing.title, content=content, audience=audience, schedule=Schedule(),
                state=State.SCHEDULED, author=actor.name, approved_by=actor.name,
                next_run_at=now,
            )
        )  # fmt: skip
        return Reminder(planned=True, next_at=now + REMINDER_INTERVAL)

    async def approve(self, campaign_id: int, actor: Actor) -> CampaignRecord:
        """A second author approves a draft; it is scheduled (at once when its time passed).

        Raises:
            NotAllowed: not an author, or the draft's own author.
            CampaignError: no such draft.
        """
        await self._require_author(actor)
        campaign = await self._get(campaign_id)
        if campaign.author == actor.name and not actor.administrator:
            raise NotAllowed("second_author")
        moved = await self.store.move(
            campaign_id, State.SCHEDULED, expected={State.DRAFT}, actor=actor.name,
            action="approve", approved_by=actor.name,
            next_run_at=max(first_run(campaign.schedule, self._clock()), self._clock()),
        )  # fmt: skip
        if not moved:
            raise CampaignError("not_a_draft", campaign=campaign_id, state=campaign.state)
        return await self._get(campaign_id)

    async def cancel(self, campaign_id: int, actor: Actor) -> CampaignRecord:
        """Stop a campaign: nothing more is sent from now on.

        Raises:
            NotAllowed: not an author.
            CampaignError: no such campaign, or it has ended.
        """
        await self._require_author(actor)
        campaign = await self._get(campaign_id)
        open_states = set(State) - FINAL
        if not await self.store.move(
            campaign_id, State.CANCELLED, expected=open_states, actor=actor.name, action="cancel"
        ):
            raise CampaignError("cannot_cancel", campaign=campaign_id, state=campaign.state)
        await self.outbox.cancel(campaign_id)
        return await self._get(campaign_id)

    async def retract(
        self,
        campaign_id: int,
        actor: Actor,
        sender: ProactiveSender,
        progress: Callable[[int, int], None] | None = None,
    ) -> Retraction:
        """Cancel the campaign if it still runs, and delete every copy it sent.

        Args:
            campaign_id: The campaign.
            actor: Who asks (an author).
            sender: Deletes the messages in Teams.
            progress: Told (done, total) after each message, for a progress bar.

        Raises:
            NotAllowed: not an author.
            CampaignError: no such campaign.
        """
        await self._require_author(actor)
        campaign = await self._get(campaign_id)
        if campaign.state not in FINAL:
            await self.cancel(campaign_id, actor)
        sent = [m for m in await self.outbox.sent(campaign_id) if m.message_id]
        deleted = 0
        for done, message in enumerate(sent, start=1):
            recipient = Recipient(
                message.service_url, message.tenant_id, message.conversation_id,
                channel_id=message.channel_id,
            )  # fmt: skip
            delivery = await _patiently(sender, recipient, message.message_id or "")
            deleted += delivery.result == Result.SENT
            if progress is not None:
                progress(done, len(sent))
        retraction = Retraction(deleted, len(sent) - deleted)
        await self.store.log(
            campaign_id, "retract", actor.name, f"{deleted} deleted, {retraction.kept} kept"
        )
        return retraction

    async def stats(self, campaign_id: int) -> CampaignStats:
        """How the campaign did, over all its runs.

        Raises:
            CampaignError: no such campaign.
        """
        return (await self.report(campaign_id)).stats

    async def report(self, campaign_id: int) -> CampaignReport:
        """How the campaign did, and the same per department and team where that discloses no
        one.

        Raises:
            CampaignError: no such campaign.
        """
        return await self._figures.report(await self._get(campaign_id))

    def card(self, title: str, content: Content, language: Language, campaign_id: int) -> Card:
        """The card a campaign sends, in ``language``.

        Raises:
            CampaignError: the briefing does not exist, the message is empty, or the card is
                larger than Teams takes.
        """
        if content.kind == "briefing":
            briefings = self._library.for_language(language).briefings
            briefing = briefings.get(content.briefing_id or "") or self._library[
                "nl"
            ].briefings.get(content.briefing_id or "")
            if briefing is None:
                raise CampaignError("no_briefing", given=content.briefing_id)
            card = briefing_card(briefing, language)
        elif content.kind == "message":
            if not (content.text or "").strip():
                raise CampaignError("no_text")
            card = announcement_card(
                title, content.text or "", language,
                campaign_id=campaign_id, acknowledge=content.acknowledge,
            )  # fmt: skip
        else:
            card = quiz_invitation_card(title, language)
        size = len(json.dumps(card, ensure_ascii=False).encode())
        if size > MAX_CARD_BYTES:
            raise CampaignError("too_large", size=size // 1000, limit=MAX_CARD_BYTES // 1000)
        return card

    async def _get(self, campaign_id: int) -> CampaignRecord:
        campaign = await self.store.get(campaign_id)
        if campaign is None:
            raise CampaignError("no_campaign", campaign=campaign_id)
        return campaign

    async def _require_author(self, actor: Actor) -> None:
        if not await self.is_author(actor):
            raise NotAllowed("not_an_author")


async def _patiently(sender: ProactiveSender, recipient: Recipient, message_id: str) -> Delivery:
    """Delete one message, waiting out Teams' throttling (a few tries, never for long)."""
    delivery = await sender.delete(recipient, message_id)
    for _ in range(5):
        if delivery.result not in (Result.THROTTLED, Result.RETRY):
            break
        await asyncio.sleep(min(delivery.retry_after or 1.0, 30.0))
        delivery = await sender.delete(recipient, message_id)
    return delivery


def campaign_service(
    settings: Settings,
    database: Database,
    library: Library,
    clock: Clock,
    people: People,
    authors: Authors | None = None,
) -> CampaignService:
    """The campaign service on ``database``, for the bot, its features and the command line
    alike; authors default to the ids the settings list."""
    resolver = AudienceResolver(
        library, ConversationStore(database, clock), people, settings.tenant_id
    )
    return CampaignService(
        CampaignStore(database, clock), OutboxStore(database, clock), resolver, library, settings,
        clock, authors,
    )  # fmt: skip
