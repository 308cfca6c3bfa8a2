"""Campaigns in the chat: the communications team plans and follows campaigns in Teams, and
staff click "Gelezen" on an announcement.

``plan`` opens the form (with a preview sent to the author only), ``planning`` lists upcoming and
recent campaigns with approve, cancel and retract. Only the authors in the settings may; others
get a polite refusal, and nothing changes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import date

from pydantic import ConfigDict

from campaigns.rules.model import FINAL, Audience, CampaignError, Content, Schedule, State
from campaigns.rules.schedule import ZONE, parse_at
from campaigns.service import Actor, NotAllowed, Plan, campaign_service
from cards.announcement import READ_VERB, announcement_card
from cards.campaign_figures import campaign_figures_card
from cards.campaigns import (
    APPROVE_VERB,
    CANCEL_VERB,
    FIGURES_VERB,
    LIST_VERB,
    MESSAGE,
    NEW_VERB,
    PREVIEW_VERB,
    RETRACT_VERB,
    SAVE_VERB,
    CampaignDraft,
    CampaignSummary,
    Option,
    Recurrence,
    campaign_form_card,
    campaign_list_card,
)
from cards.notice import notice_card, stale_card
from content.language import Language
from conversation.commands import CommandSpec
from conversation.feature import Feature, FeatureContext, NoPayload, Payload, command, verb
from conversation.people import Person, Turn
from conversation.reply import Card, Reply
from directory.authors import authors_from
from store.campaigns import CampaignRecord

logger = logging.getLogger(__name__)

_Action = Callable[[int, Actor], Awaitable[object]]

_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "refused_title": "Dit is voor het communicatieteam",
        "refused": "Campagnes plannen kan alleen het communicatieteam. Heb je een bericht voor "
        "je collega's? Vraag het aan het communicatieteam.",
        "failed": "Dat lukte niet: {reason}",
        "everyone": "Iedereen",
        "department": "Afdeling",
        "team": "Team",
        "channel": "Kanaal",
        "quiz": "Quiz: 5 vragen voor ieders eigen team",
        "retracting": "De campagne wordt teruggetrokken. Vernieuw de lijst om te zien hoe ver "
        "het is.",
    },
    "en": {
        "refused_title": "This is for the communications team",
        "refused": "Only the communications team can plan campaigns. Do you have a message for "
        "your colleagues? Ask the communications team.",
        "failed": "That did not work: {reason}",
        "everyone": "Everyone",
        "department": "Department",
        "team": "Team",
        "channel": "Channel",
        "quiz": "Quiz: 5 questions for each person's own team",
        "retracting": "The campaign is being retracted. Refresh the list to see how far it is.",
    },
}


_RECURRENCES: dict[str, Recurrence] = {"once": "once", "weekly": "weekly", "monthly": "monthly"}


class CampaignForm(Payload):
    """What the planning form sends (every input is text, as Adaptive Cards send them)."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    title: str = ""
    content: str = ""
    message: str = ""
    acknowledge: str = "true"
    audience: str = ""
    day: str = ""
    time: str = ""
    recurrence: str = "once"

    def draft(self) -> CampaignDraft:
        """The form as filled in, to show it again."""
        try:
            day = date.fromisoformat(self.day) if self.day else None
        except ValueError:
            day = None
        recurrence = _RECURRENCES.get(self.recurrence, "once")
        return CampaignDraft(
            self.title, self.content or None, self.message, self.acknowledge == "true",
            self.audience or None, day, self.time or None, recurrence,
        )  # fmt: skip


class CampaignRef(Payload):
    """A button on one campaign of the list."""

    campaign: int


class CampaignRead(Payload):
    """ "Gelezen" on a campaign's announcement."""

    campaign: int


class Campaigns(Feature):
    """``plan`` and ``planning`` for authors; "Gelezen" for everyone."""

    def __init__(self, context: FeatureContext) -> None:
        """Plan with a campaign service on the context's database; retract with its sender."""
        self._service = campaign_service(
            context.settings, context.database, context.library, context.clock, context.people,
            authors_from(context.settings),
        )  # fmt: skip
        self._library = context.library
        self._clock = context.clock
        self._sender = context.sender
        self._retracting: set[asyncio.Task[object]] = set()

    @command(
        CommandSpec(
            "plan",
            {"nl": ("plan", "campagne plannen"), "en": ("plan", "plan a campaign")},
            {
                "nl": "een campagne plannen (communicatieteam)",
                "en": "plan a campaign (communications team)",
            },
        )  # fmt: skip
    )
    async def plan(self, turn: Turn, argument: str) -> Reply:
        """The planning form, for authors."""
        if not await self._service.is_author(_actor(turn.person)):
            return self._refusal(turn.person.language)
        return Reply(await self._form(turn.person.language))

    @command(
        CommandSpec(
            "planning",
            {"nl": ("planning", "campagnes"), "en": ("planning", "campaigns")},
            {
                "nl": "campagnes bekijken, goedkeuren of stoppen (communicatieteam)",
                "en": "see, approve or stop campaigns (communications team)",
            },
        )  # fmt: skip
    )
    async def planning(self, turn: Turn, argument: str) -> Reply:
        """Upcoming and recent campaigns, for authors."""
        if not await self._service.is_author(_actor(turn.person)):
            return self._refusal(turn.person.language)
        return Reply(await self._list(turn.person))

    @verb(NEW_VERB)
    async def new(self, turn: Turn, payload: NoPayload) -> Reply:
        """The form, from the list's button."""
        return await self.plan(turn, "")

    @verb(LIST_VERB)
    async def refresh(self, turn: Turn, payload: NoPayload) -> Reply:
        """The list again, with today's figures."""
        return await self.planning(turn, "")

    @verb(SAVE_VERB)
    async def save(self, turn: Turn, payload: CampaignForm) -> Reply:
        """Plan the campaign the form describes; a refusal shows the form again with the reason."""
        person = turn.person
        try:
            await self._service.plan(self._plan(payload), _actor(person))
        except NotAllowed:
            return self._refusal(person.language)
        except CampaignError as error:
            problem = _TEXT[person.language]["failed"].format(reason=error.text(person.language))
            return Reply(await self._form(person.language, payload.draft(), problem))
        return Reply(await self._list(person))

    @verb(PREVIEW_VERB)
    async def preview(self, turn: Turn, payload: CampaignForm) -> Reply:
        """The content as staff will see it, to the author only; the form stays as it was."""
        person = turn.person
        if not await self._service.is_author(_actor(person)):
            return self._refusal(person.language)
        try:
            plan = self._plan(payload)
            card = self._service.card(plan.title, plan.content, person.language, 0)
        except CampaignError as error:
            problem = _TEXT[person.language]["failed"].format(reason=error.text(person.language))
            return Reply(await self._form(person.language, payload.draft(), problem))
        return Reply(await self._form(person.language, payload.draft()), then=(card,))

    @verb(APPROVE_VERB)
    async def approve(self, turn: Turn, payload: CampaignRef) -> Reply:
        """A second author approves a draft."""
        return await self._act(turn, self._service.approve, payload.campaign)

    @verb(CANCEL_VERB)
    async def cancel(self, turn: Turn, payload: CampaignRef) -> Reply:
        """Stop a campaign: nothing more is sent."""
        return await self._act(turn, self._service.cancel, payload.campaign)

    @verb(FIGURES_VERB)
    async def figures(self, turn: Turn, payload: CampaignRef) -> Reply:
        """One campaign's figures, with the breakdown that discloses no one."""
        person = turn.person
        if not await self._service.is_author(_actor(person)):
            return self._refusal(person.language)
        campaign = await self._service.store.get(payload.campaign)
        if campaign is None:
            return Reply(stale_card(person.language))
        report = await self._service.report(campaign.id)
        return Reply(campaign_figures_card(campaign.title, report, person.language))

    @verb(RETRACT_VERB)
    async def retract(self, turn: Turn, payload: CampaignRef) -> Reply:
        """Delete every copy a campaign sent; it runs on while the author carries on."""
        person = turn.person
        actor = _actor(person)
        if not await self._service.is_author(actor) or self._sender is None:
            return self._refusal(person.language)
        if await self._service.store.get(payload.campaign) is None:
            return Reply(stale_card(person.language))
        task: asyncio.Task[object] = asyncio.create_task(
            self._service.retract(payload.campaign, actor, self._sender)
        )
        self._retracting.add(task)
        task.add_done_callback(self._retracting.discard)
        text = _TEXT[person.language]
        return Reply(await self._list(person), then=(notice_card(text["retracting"], ""),))

    @verb(READ_VERB)
    async def read(self, turn: Turn, payload: CampaignRead) -> Reply:
        """Record "Gelezen" once; the card then says when it was read."""
        language = turn.person.language
        campaign = await self._service.store.get(payload.campaign)
        if campaign is None or campaign.content.kind != "message" or not campaign.content.text:
            logger.info("A campaign card for an unknown campaign was clicked.")
            return Reply(stale_card(language))
        read_at = await self._service.store.acknowledge(campaign.id, turn.person.key)
        return Reply(
            announcement_card(
                campaign.title, campaign.content.text, language,
                campaign_id=campaign.id, acknowledge=True, read_on=read_at.date(),
            )
        )  # fmt: skip

    async def _act(self, turn: Turn, action: _Action, campaign_id: int) -> Reply:
        person = turn.person
        try:
            await action(campaign_id, _actor(person))
        except NotAllowed as refusal:
            if not await self._service.is_author(_actor(person)):
                return self._refusal(person.language)
            problem = _TEXT[person.language]["failed"].format(reason=refusal.text(person.language))
            return Reply(await self._list(person), then=(notice_card(problem, ""),))
        except CampaignError:
            return Reply(stale_card(person.language))
        return Reply(await self._list(person))

    def _plan(self, form: CampaignForm) -> Plan:
        if bool(form.day) != bool(form.time):
            raise CampaignError("both_day_and_time")
        at = parse_at(f"{form.day} {form.time}", self._clock()) if form.day else None
        if form.content == MESSAGE:
            content = Content("message", text=form.message, acknowledge=form.acknowledge == "true")
        elif form.content.startswith("briefing:"):
            content = Content("briefing", briefing_id=form.content.removeprefix("briefing:"))
        else:
            content = Content("quiz")
        repeat = form.recurrence if form.recurrence in ("weekly", "monthly") else None
        return Plan(form.title, content, Audience.parse(form.audience), Schedule(at, repeat))

    async def _form(
        self, language: Language, draft: CampaignDraft | None = None, problem: str | None = None
    ) -> Card:
        content = self._library.for_language(language)
        contents = [Option("quiz:round", _TEXT[language]["quiz"])]
        contents += [Option(f"briefing:{b.id}", b.title) for b in content.briefings.values()]
        today = self._clock().astimezone(ZONE).date()
        return campaign_form_card(
            contents, await self._audiences(language), language, today=today, draft=draft,
            problem=problem,
        )  # fmt: skip

    async def _audiences(self, language: Language) -> list[Option]:
        text = _TEXT[language]
        options = [Option("all", text["everyone"])]
        organisation = (
            self._library.for_language(language).organisation or self._library["nl"].organisation
        )
        if organisation is not None:
            options += [
                Option(f"department:{d.id}", f"{text['department']} {d.name}")
                for d in organisation.departments
            ]
            options += [
                Option(f"team:{t.id}", f"{text['team']} {t.name}") for t in organisation.teams()
            ]
        options += [
            Option(f"channel:{c}", f"{text['channel']} {c}")
            for c in await self._service.audience.channels()
        ]
        return options

    async def _list(self, person: Person) -> Card:
        actor = _actor(person)
        names = {option.id: option.title for option in await self._audiences(person.language)}
        summaries = [
            await self._summary(campaign, actor, names)
            for campaign in await self._service.store.recent(10)
        ]
        return campaign_list_card(summaries, person.language)

    async def _summary(
        self, campaign: CampaignRecord, actor: Actor, names: dict[str, str]
    ) -> CampaignSummary:
        stats = await self._service.stats(campaign.id)
        audience = str(campaign.audience)
        return CampaignSummary(
            id=campaign.id, title=campaign.title, audience=names.get(audience, audience),
            status=campaign.state.value,
            next_send=campaign.next_run_at.astimezone(ZONE) if campaign.next_run_at else None,
            recurrence=campaign.schedule.repeat or "once", targeted=stats.targeted,
            sent=stats.sent, read=stats.read, acknowledged=stats.acknowledged,
            can_approve=campaign.state == State.DRAFT and campaign.author != actor.name,
            can_cancel=campaign.state not in FINAL, can_retract=stats.sent > 0,
        )  # fmt: skip

    @staticmethod
    def _refusal(language: Language) -> Reply:
        text = _TEXT[language]
        return Reply(notice_card(text["refused_title"], text["refused"]))


def _actor(person: Person) -> Actor:
    return Actor(f"aad:{person.object_id}", object_id=person.object_id)
