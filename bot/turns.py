"""The Teams edge of a turn: an activity becomes a call to Paraat's router, and its reply goes
back as new messages, in-place card updates (Action.Execute) or updates of the clicked message
(the Action.Submit fallback).

Who is asking comes from the activity only; card data is handed on as data, never as identity.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable
from typing import Any, TypeVar

from aiohttp import ClientError, ClientResponseError
from microsoft_agents.activity import Activity, AdaptiveCardInvokeResponse
from microsoft_agents.hosting.core import (
    CardFactory,
    ConnectorClientBase,
    MessageFactory,
    TurnContext,
    TurnState,
)

from bot.activity_facts import (
    conversation_record,
    includes_bot,
    members,
    scope_of,
    teams_facts,
)
from bot.outcome import turn_failed
from bot.teams_errors import reason_of
from campaigns.rules.limits import Lane, TenantBudget
from cards.menu import COMMAND_VERB
from cards.notice import error_card
from content.language import Language
from conversation.people import Sender
from conversation.reply import Card, Reply
from ops.metrics import Metrics
from wiring.build import Paraat

logger = logging.getLogger(__name__)

T = TypeVar("T")

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
READ_RECEIPT_EVENT = "application/vnd.microsoft.readReceipt"
"""The event Teams sends when a person reads the bot's messages in a personal chat."""


class TurnOutbox:
    """Posting into, and updating cards in, the conversation of the current turn.

    Every call draws from the tenant budget that campaigns share, so a campaign and the replies
    to staff together stay within what Teams allows.
    """

    def __init__(
        self, context: TurnContext, budget: TenantBudget, metrics: Metrics | None = None
    ) -> None:
        """Send through ``context`` within ``budget``; count each call in ``metrics``."""
        self._context = context
        self._budget = budget
        self._metrics = metrics

    async def send(self, card: Card) -> str | None:
        """Post a card; the new message's id."""
        await self._paced()
        response = await self._counted(
            self._context.send_activity(MessageFactory.attachment(CardFactory.adaptive_card(card)))
        )
        return response.id if response else None

    async def update(self, activity_id: str, card: Card) -> None:
        """Replace the card of an earlier message (a fresh Activity: the SDK chokes on dates)."""
        await self._paced()
        await self._counted(
            self._context.update_activity(
                Activity(
                    type="message", id=activity_id, attachments=[CardFactory.adaptive_card(card)]
                )
            )
        )

    async def _counted(self, call: Awaitable[T]) -> T:
        """The call's result; its answer counted as a reply to Teams."""
        if self._metrics is None:
            return await call
        try:
            result = await call
        except ClientResponseError as error:
            self._metrics.teams_call("reply", error.status)
            raise
        except (ClientError, TimeoutError):
            self._metrics.teams_call("reply", "no_answer")
            raise
        self._metrics.teams_call("reply", "ok")
        return result

    async def _paced(self) -> None:
        # Replies always keep some of the budget; a person never waits more than a few tries.
        for _ in range(20):
            wait = self._budget.acquire(time.monotonic(), Lane.REPLY)
            if wait <= 0:
                return
            await asyncio.sleep(wait)

    async def send_all(self, cards: tuple[Card, ...]) -> None:
        """Post each card in order."""
        for card in cards:
            await self.send(card)


class Turns:
    """The SDK's turn handlers. Collaborators come in through the constructor (no globals)."""

    def __init__(
        self, paraat: Paraat, default_language: Language, metrics: Metrics | None = None
    ) -> None:
        """Hand turns to ``paraat``; failures are told in ``default_language``; replies are
        counted in ``metrics``."""
        self._router = paraat.router
        self._installs = paraat.installs
        self._budget = paraat.budget
        self._receipts = paraat.receipts
        self._default_language = default_language
        self._metrics = metrics

    async def on_message(self, context: TurnContext, _state: TurnState) -> None:
        """A typed message or an Action.Submit click (the fallback of every Action.Execute)."""
        activity = context.activity
        outbox = self._outbox(context)
        sender = _sender(context)
        value = activity.value
        if not activity.text and isinstance(value, dict):
            name = value.get("command")
            verb = value.get("verb")
            if (
                verb == COMMAND_VERB
                and isinstance(name, str)
                and self._router.catalogue.known(name)
            ):
                await outbox.send_all((await self._router.button(sender, name, outbox)).cards)
                return
            reply = await self._router.action(sender, verb, value, outbox)
            await self._replace_clicked(context, reply.card)
            await outbox.send_all(reply.then)
            return
        reply = await self._router.text(sender, activity.text or "", outbox)
        await outbox.send_all(reply.cards)

    def _outbox(self, context: TurnContext) -> TurnOutbox:
        return TurnOutbox(context, self._budget, self._metrics)

    def _knows(self, command: str) -> bool:
        return self._router.catalogue.known(command)

    async def on_card_action(
        self, context: TurnContext, _state: TurnState, data: Any
    ) -> AdaptiveCardInvokeResponse:
        """An Action.Execute: the answer replaces the card in place, for the clicking person."""
        sender = _sender(context)
        outbox = self._outbox(context)
        value = context.activity.value if isinstance(context.activity.value, dict) else {}
        action = value.get("action")
        verb = action.get("verb") if isinstance(action, dict) else None
        try:
            reply = await self._router.action(
                sender, verb, data if isinstance(data, dict) else {}, outbox
            )
            await outbox.send_all(reply.then)
        except Exception as error:  # the person gets one friendly card; the log says why
            turn_failed()
            if not _teams_failure(error):
                logger.exception("A card action failed.")
            reply = Reply(error_card((await self._router.person(sender)).language))
        return AdaptiveCardInvokeResponse(status_code=200, type=CARD_CONTENT_TYPE, value=reply.card)

    async def on_installation_update(self, context: TurnContext, _state: TurnState) -> None:
        """The app was added to or removed from a personal chat, team or group chat."""
        activity = context.activity
        action = (activity.action or "").lower()
        if action.startswith("remove"):
            await self._installs.mark_removed(
                activity.conversation.id, _team_if_team_scope(activity)
            )
            logger.info("Removed from a %s conversation.", scope_of(activity))
        elif action.startswith("add"):
            await self._activate(context)

    async def on_conversation_update(self, context: TurnContext, _state: TurnState) -> None:
        """Members (or the bot) joined or left; other conversation events are ignored."""
        activity = context.activity
        bot_id = activity.recipient.id if activity.recipient else None
        conversation_id = activity.conversation.id
        if includes_bot(activity.members_removed, bot_id):
            await self._installs.mark_removed(conversation_id, _team_if_team_scope(activity))
            return
        if includes_bot(activity.members_added, bot_id) and activity.locale:
            # Without a locale the welcome could not speak the person's language; Teams sends an
            # installationUpdate with every install, and that one installs and welcomes.
            await self._activate(context)
        joined = members(activity.members_added, bot_id)
        if joined:
            await self._installs.save_members(conversation_id, joined, active=True)
        left = members(activity.members_removed, bot_id)
        if left:
            await self._installs.save_members(conversation_id, left, active=False)

    async def on_read_receipt(self, context: TurnContext, _state: TurnState) -> None:
        """Teams says how far the person has read in their personal chat with Paraat.

        The chat and its scope come from the activity; of the value only the message id is read.
        """
        activity = context.activity
        value = activity.value if isinstance(activity.value, dict) else {}
        conversation_id = activity.conversation.id if activity.conversation else ""
        await self._receipts.received(
            conversation_id, scope_of(activity), value.get("lastReadMessageId")
        )

    async def on_error(self, context: TurnContext, error: Exception) -> None:
        """One friendly message to the user; the traceback goes to the log, never to the chat.

        When Teams itself refused or did not answer, the log gets one line with what it said,
        and nothing more is sent: the next call would fail the same way.
        """
        turn_failed()
        if _teams_failure(error):
            return
        logger.error("A turn failed: %s", type(error).__name__, exc_info=error)
        try:
            await self._outbox(context).send(error_card(self._default_language))
        except Exception as failure:  # the channel itself may be what failed; logged above
            logger.warning(
                "Could not tell the user about the failed turn (%s).", type(failure).__name__
            )

    async def _activate(self, context: TurnContext) -> None:
        activity = context.activity
        newly_active = await self._installs.save_active(conversation_record(activity))
        if newly_active:
            logger.info("Installed in a %s conversation.", scope_of(activity))
            await self._outbox(context).send(await self._router.welcome(_sender(context)))

    async def _replace_clicked(self, context: TurnContext, card: Card | None) -> None:
        """The Action.Submit fallback: update the clicked message, or post when it is unknown."""
        if card is None:
            return
        clicked = context.activity.reply_to_id
        if clicked:
            await self._outbox(context).update(clicked, card)
        else:
            await self._outbox(context).send(card)


def _teams_failure(error: Exception) -> bool:
    """Log one line when ``error`` is Teams refusing or not answering a call; True if it was."""
    if isinstance(error, ClientResponseError):
        logger.warning("A reply to Teams failed: HTTP %d %s.", error.status, reason_of(error))
        return True
    if isinstance(error, ClientError | TimeoutError):
        logger.warning("A reply to Teams failed: no answer (%s).", type(error).__name__)
        return True
    return False


def _sender(context: TurnContext) -> Sender:
    """Who sent the activity, and where: from the activity only."""
    activity = context.activity
    account = activity.from_property
    object_id = (account.aad_object_id or account.id) if account else None

    async def lookup_upn() -> str | None:
        return await _user_principal_name(context)

    return Sender(
        object_id=object_id or "anonymous",
        locale=activity.locale,
        conversation_id=activity.conversation.id if activity.conversation else "",
        scope=scope_of(activity),
        lookup_upn=lookup_upn,
    )


def _team_if_team_scope(activity: Activity) -> str | None:
    return teams_facts(activity).team_id if scope_of(activity) == "team" else None


async def _user_principal_name(context: TurnContext) -> str | None:
    """The sender's UPN from Teams' member lookup (not in the activity itself), or None."""
    activity = context.activity
    connector = context.services.get(ConnectorClientBase)  # type: ignore[type-abstract]
    if connector is None or not activity.from_property or not activity.conversation:
        return None
    url = f"v3/conversations/{activity.conversation.id}/members/{activity.from_property.id}"
    try:
        async with connector.conversations.client.get(url) as response:  # type: ignore[attr-defined]
            if response.status != 200:
                return None
            member = await response.json()
    except Exception as error:  # a lookup that fails only means: let the person choose a team
        logger.info(
            "Could not look up the member's user principal name (%s).", type(error).__name__
        )
        return None
    upn = member.get("userPrincipalName") if isinstance(member, dict) else None
    return upn if isinstance(upn, str) else None
