"""The bot's campaign work: one replica schedules, every replica delivers.

A run starts when the scheduler fires a campaign: its audience is frozen into the outbox (once:
the run is unique per campaign and planned time), and the deliverer is woken. When a run has no
pending rows left, its campaign moves on: to scheduled for its next time, or to done.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta

from campaigns.delivery import Deliverer, DeliverySettings
from campaigns.rules.limits import TenantBudget
from campaigns.rules.model import State
from campaigns.scheduler import SCHEDULER, CampaignScheduler
from campaigns.service import CampaignService
from cards.notice import notice_card
from content.language import LANGUAGES, Language
from conversation.proactive import ProactiveSender, Recipient, Result
from conversation.reply import Card
from ops.metrics import Metrics, SchedulerOutcome
from store.campaigns import CampaignRecord
from store.clock import Clock
from store.conversations import ConversationStore
from store.leader import LeaderLock
from store.outbox import OutboxItem, OutboxStore, RunRecord

logger = logging.getLogger(__name__)

_MISSED: dict[Language, tuple[str, str]] = {
    "nl": ("Campagne niet verstuurd", "**{title}** is niet verstuurd: Paraat was uit op het "
           "geplande moment. Plan de campagne opnieuw als hij nog nodig is."),
    "en": ("Campaign not sent", "**{title}** was not sent: Paraat was down at the planned "
           "time. Plan the campaign again if it is still needed."),
}  # fmt: skip


class CampaignRunner:
    """Starts runs, delivers them, and moves campaigns on when their runs finish."""

    def __init__(
        self,
        service: CampaignService,
        outbox: OutboxStore,
        conversations: ConversationStore,
        sender: ProactiveSender,
        budget: TenantBudget,
        leader: LeaderLock,
        clock: Clock,
        *,
        grace: timedelta,
        language: Language,
        poll_seconds: float = 5.0,
        lease: timedelta = timedelta(seconds=60),
        metrics: Metrics | None = None,
    ) -> None:
        """Plan with ``service``, deliver with ``deliverer``, lead with ``leader``.

        Args:
            service: The campaigns and their cards.
            outbox: The runs and their recipients.
            conversations: Where Paraat is installed (to tell a missed campaign's author).
            sender: Posts to Teams outside a turn.
            budget: The process's share of Teams' per-tenant limit, shared with replies.
            leader: Decides which replica schedules.
            clock: The current time.
            grace: How late a campaign may still go out after downtime.
            language: The organisation's language, for notes to authors.
            poll_seconds: How often to look for changes (and for the leader lock).
            lease: How long a claimed recipient stays this replica's.
            metrics: Counts firings and misfires.
        """
        self._service = service
        self._outbox = outbox
        self._conversations = conversations
        self._sender = sender
        self._deliverer = Deliverer(
            outbox, sender, self.card_for, budget=budget, on_finished=self.finished,
            settings=DeliverySettings(lease=lease, renew_every=lease.total_seconds() / 3),
        )  # fmt: skip
        self._leader = leader
        self._language = language
        self._poll = poll_seconds
        self._scheduler = CampaignScheduler(
            service.store, self.fire, self.missed, clock, grace=grace, poll_seconds=poll_seconds
        )
        self._cards: dict[tuple[int, str], Card] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._leading = False
        self._metrics = metrics

    @property
    def leading(self) -> bool:
        """True while this replica schedules."""
        return self._leading

    async def start(self) -> None:
        """Deliver at once; schedule as soon as this replica leads."""
        self._tasks = [
            asyncio.create_task(self._deliverer.run(), name="campaign-delivery"),
            asyncio.create_task(self._lead(), name="campaign-leader"),
        ]

    async def stop(self, seconds: float = 10.0) -> bool:
        """Stop scheduling and delivering: the calls to Teams under way finish and are recorded
        (at most ``seconds``), the rows not yet sent go back to the outbox for any replica, and
        the leader lock is released. Stopping twice does nothing more.

        Returns:
            True when delivery finished in time (else it was cut off; its rows in flight come
            back after their lease, flagged uncertain).
        """
        if not self._tasks:
            return True
        (delivery, leading), self._tasks = self._tasks, []
        # The leader first: it must not start the scheduler again while that stops.
        leading.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await leading
        await self._scheduler.stop()
        self._leading = False
        # Delivery is asked to stop, not cancelled: a write cut off halfway would keep the
        # database locked for everyone else until it timed out.
        self._deliverer.stop()
        finished = True
        try:
            await asyncio.wait_for(asyncio.shield(delivery), timeout=seconds)
        except TimeoutError:
            finished = False
            logger.warning("Campaign delivery did not stop within %.0f s; cut off.", seconds)
            delivery.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await delivery
        await self._leader.release()
        return finished

    async def fire(self, campaign: CampaignRecord, planned_at: datetime) -> None:
        """Freeze the audience into a run (once) and wake the deliverer."""
        try:
            targets = await self._service.audience.targets(campaign.audience)
            start = await self._outbox.create_run(campaign.id, planned_at, targets)
        except Exception:
            self._count_job("failed")
            raise
        self._count_job("started")
        if start.created:
            await self._service.store.log(
                campaign.id, "run", SCHEDULER, f"{len(targets)} recipients"
            )
        self._deliverer.wake()

    async def card_for(self, item: OutboxItem) -> Card:
        """The card of a row's campaign in the row's language (built once per language)."""
        key = (item.campaign_id, item.language)
        if key not in self._cards:
            campaign = await self._service.store.get(item.campaign_id)
            if campaign is None:
                raise LookupError(f"campaign {item.campaign_id} is gone")
            language = next((lang for lang in LANGUAGES if lang == item.language), self._language)
            self._cards[key] = self._service.card(
                campaign.title, campaign.content, language, campaign.id
            )
        return self._cards[key]

    async def finished(self, run: RunRecord) -> None:
        """A run has no pending rows left: move its campaign on."""
        campaign = await self._service.store.get(run.campaign_id)
        if campaign is None or campaign.state != State.SENDING:
            return
        counts = await self._outbox.counts(campaign.id, run.id)
        detail = f"{counts.sent} sent of {counts.total}"
        following = campaign.next_run_at
        to = State.SCHEDULED if following else State.DONE
        await self._service.store.move(
            campaign.id, to, expected={State.SENDING}, actor=SCHEDULER, action="finish",
            detail=detail, next_run_at=following,
        )  # fmt: skip
        logger.info("Campaign %d: run %d finished, %s.", campaign.id, run.id, detail)

    async def missed(self, campaign: CampaignRecord) -> None:
        """Tell a missed campaign's author in their chat with Paraat, when they have one."""
        if self._metrics is not None:
            self._metrics.misfire()
        if not campaign.author.startswith("aad:"):
            return  # planned on the command line: the log says it was missed
        object_id = campaign.author.removeprefix("aad:")
        chats = [
            c for c in await self._conversations.all(active_only=True)
            if c.record.scope == "personal"
            and (c.record.user_aad_object_id or "").lower() == object_id.lower()
        ]  # fmt: skip
        if not chats:
            return
        record = chats[0].record
        title, text = _MISSED[self._language]
        delivery = await self._sender.send(
            Recipient(record.service_url, record.tenant_id, record.conversation_id),
            notice_card(title, text.format(title=campaign.title)),
        )
        if delivery.result != Result.SENT:
            logger.warning("Could not tell campaign %d's author it was missed.", campaign.id)

    def _count_job(self, outcome: SchedulerOutcome) -> None:
        if self._metrics is not None:
            self._metrics.scheduler_job(outcome)

    async def _lead(self) -> None:
        """Take the leader lock when free; schedule while holding it."""
        while True:
            try:
                leading = await self._leader.acquire()
            except Exception:  # the database is away: try again at the next poll
                logger.warning("Could not ask for the campaign leader lock.", exc_info=True)
                leading = False
            if leading and not self._leading:
                logger.info("This replica schedules campaigns.")
                await self._scheduler.start()
            elif not leading and self._leading:
                logger.warning("This replica no longer schedules campaigns.")
                await self._scheduler.stop()
            self._leading = leading
            await asyncio.sleep(self._poll)
