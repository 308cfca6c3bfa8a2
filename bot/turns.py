"""What Paraat does with each activity: installs, membership changes, messages, card actions.

This is where the SDK meets Paraat's flows: the person comes from the activity, commands and card
actions go to the flow that owns them, and replies go back as new messages, in-place card
updates (Action.Execute) or updates of the clicked message (the Action.Submit fallback).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from microsoft_agents.activity import Activity, AdaptiveCardInvokeResponse
from microsoft_agents.hosting.core import (
    CardFactory,
    ConnectorClientBase,
    MessageFactory,
    TurnContext,
    TurnState,
)

from bot import commands
from bot.briefing_flow import BriefingFlow
from bot.checklist_flow import ChecklistFlow
from bot.conversation_facts import (
    conversation_record,
    includes_bot,
    members,
    scope_of,
    teams_facts,
)
from bot.person import People, Person
from bot.progress_flow import ProgressFlow
from bot.quiz_flow import QuizFlow
from bot.replies import Card, Reply
from bot.team_flow import TeamFlow
from cards.help import help_card
from cards.menu import COMMAND_VERB
from cards.notice import coming_soon_card, error_card, notice_card, stale_card
from cards.welcome import welcome_card
from content.language import Language
from store.conversations import ConversationStore
from store.users import UserStore

logger = logging.getLogger(__name__)

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
NEEDS_TEAM = frozenset({"quiz", "briefing", "team"})
"""Commands that only make sense once the person's team is known (in a personal chat)."""

_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "language_set": "Prima, ik praat vanaf nu Nederlands met je.",
        "next": "Typ **hulp** om te zien wat je kunt doen.",
        "language_ask_title": "Welke taal wil je?",
        "language_ask": "Typ **taal nederlands** of **taal english**.",
    },
    "en": {
        "language_set": "Fine, from now on I will speak English with you.",
        "next": "Type **help** to see what you can do.",
        "language_ask_title": "Which language do you want?",
        "language_ask": "Type **language english** or **taal nederlands**.",
    },
}


@dataclass(frozen=True)
class Flows:
    """The features, each owning its commands and card actions."""

    quiz: QuizFlow
    briefing: BriefingFlow
    checklist: ChecklistFlow
    team: TeamFlow
    progress: ProgressFlow


class TurnOutbox:
    """Posting into, and updating cards in, the conversation of the current turn."""

    def __init__(self, context: TurnContext) -> None:
        """Send through ``context``."""
        self._context = context

    async def send(self, card: Card) -> str | None:
        """Post a card; the new message's id."""
        return await _send_card(self._context, card)

    async def update(self, activity_id: str, card: Card) -> None:
        """Replace the card of an earlier message (a fresh Activity: the SDK chokes on dates)."""
        await self._context.update_activity(
            Activity(type="message", id=activity_id, attachments=[CardFactory.adaptive_card(card)])
        )


class Turns:
    """The turn handlers. Collaborators come in through the constructor (no globals)."""

    def __init__(
        self,
        conversations: ConversationStore,
        users: UserStore,
        people: People,
        flows: Flows,
        default_language: Language,
    ) -> None:
        """Use these stores, this way of knowing people, these flows."""
        self._conversations = conversations
        self._users = users
        self._people = people
        self._flows = flows
        self._default_language = default_language
        self._actions: dict[str, Callable[[TurnContext, Person, dict[str, Any]], Awaitable[Reply]]]
        self._actions = {
            "quiz.answer": lambda c, p, d: flows.quiz.answer(p, d),
            "quiz.next": lambda c, p, d: flows.quiz.next(p, d),
            "quiz.summary": lambda c, p, d: flows.quiz.summary(p, d),
            "channel.answer": lambda c, p, d: flows.quiz.channel_answer(p, d, TurnOutbox(c)),
            "channel.view": lambda c, p, d: flows.quiz.channel_view(p, d),
            "briefing.read": lambda c, p, d: flows.briefing.read(p, d),
            "checklist.save": lambda c, p, d: flows.checklist.save(p, d),
            "team.choose": self._team_chosen,
        }

    async def on_message(self, context: TurnContext, _state: TurnState) -> None:
        """A typed message or an Action.Submit click (the fallback of every Action.Execute)."""
        activity = context.activity
        person = await self._person(context)
        value = activity.value
        if not activity.text and isinstance(value, dict):
            verb = value.get("verb")
            name = value.get("command")
            if verb == COMMAND_VERB and isinstance(name, str) and commands.known(name):
                await self._command(context, person, commands.Command(name))
                return
            reply = await self._action(context, person, verb, value)
            await self._replace_clicked(context, reply.card)
            await _send_cards(context, reply.then)
            return
        await self._command(context, person, commands.parse(activity.text or ""))

    async def on_card_action(
        self, context: TurnContext, _state: TurnState, data: Any
    ) -> AdaptiveCardInvokeResponse:
        """An Action.Execute: the answer replaces the card in place, for the clicking person."""
        person = await self._person(context)
        value = context.activity.value if isinstance(context.activity.value, dict) else {}
        action = value.get("action")
        verb = action.get("verb") if isinstance(action, dict) else None
        try:
            reply = await self._action(
                context, person, verb, data if isinstance(data, dict) else {}
            )
            await _send_cards(context, reply.then)
        except Exception:  # the person gets one friendly card; the log gets the traceback
            logger.exception("A card action failed.")
            reply = Reply(error_card(person.language))
        return AdaptiveCardInvokeResponse(
            status_code=200, type=CARD_CONTENT_TYPE, value=reply.card or stale_card(person.language)
        )

    async def on_installation_update(self, context: TurnContext, _state: TurnState) -> None:
        """The app was added to or removed from a personal chat, team or group chat."""
        activity = context.activity
        action = (activity.action or "").lower()
        if action.startswith("remove"):
            await self._conversations.mark_removed(
                activity.conversation.id, self._team_if_team_scope(activity)
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
            await self._conversations.mark_removed(
                conversation_id, self._team_if_team_scope(activity)
            )
            return
        if includes_bot(activity.members_added, bot_id):
            await self._activate(context)
        joined = members(activity.members_added, bot_id)
        if joined:
            await self._conversations.save_members(conversation_id, joined, active=True)
        left = members(activity.members_removed, bot_id)
        if left:
            await self._conversations.save_members(conversation_id, left, active=False)

    async def on_error(self, context: TurnContext, error: Exception) -> None:
        """One friendly message to the user; the traceback goes to the log, never to the chat."""
        logger.error("A turn failed: %s", type(error).__name__, exc_info=error)
        try:
            await _send_card(context, error_card(self._default_language))
        except Exception:  # the channel itself may be what failed; the log has the cause
            logger.warning("Could not tell the user about the failed turn.", exc_info=True)

    async def _activate(self, context: TurnContext) -> None:
        activity = context.activity
        newly_active = await self._conversations.save_active(conversation_record(activity))
        if newly_active:
            logger.info("Installed in a %s conversation.", scope_of(activity))
            language = (await self._person(context)).language
            await _send_card(context, welcome_card(language, commands.menu(language)))

    async def _action(
        self, context: TurnContext, person: Person, verb: object, data: dict[str, Any]
    ) -> Reply:
        handler = self._actions.get(verb) if isinstance(verb, str) else None
        if handler is None:
            logger.warning("Refused a card action that Paraat does not know.")
            return Reply(stale_card(person.language))
        return await handler(context, person, data)

    async def _team_chosen(
        self, context: TurnContext, person: Person, data: dict[str, Any]
    ) -> Reply:
        reply, person, then = await self._flows.team.chosen(person, data)
        if then and commands.known(then):
            follow_up = await self._command_reply(context, person, commands.Command(then))
            return Reply(reply.card, (*reply.then, *_cards_of(follow_up)))
        return reply

    async def _command(
        self, context: TurnContext, person: Person, command: commands.Command
    ) -> None:
        reply = await self._command_reply(context, person, command)
        await _send_cards(context, _cards_of(reply))

    async def _command_reply(
        self, context: TurnContext, person: Person, command: commands.Command
    ) -> Reply:
        language = person.language
        name = command.name
        personal = person.scope == "personal"
        if name is None:
            entries = commands.help_entries(language)
            return Reply(
                help_card(language, entries, suggestion=command.suggestion, not_understood=True)
            )
        if name == "help":
            return Reply(help_card(language, commands.help_entries(language)))
        if name == "language":
            return Reply(await self._choose_language(person, command.argument))
        if name in NEEDS_TEAM and personal and person.team_id is None:
            return self._flows.team.choose(person, then=name)
        if name == "quiz" and not personal:
            await self._flows.quiz.start_in_channel(person, TurnOutbox(context), team_id=None)
            return Reply()
        handlers: dict[str, Callable[[], Awaitable[Reply]]] = {
            "quiz": lambda: self._flows.quiz.start(person),
            "briefing": lambda: self._flows.briefing.latest(person),
            "checklist": lambda: self._flows.checklist.show(person),
            "progress": lambda: self._flows.progress.show(person),
        }
        if name in handlers:
            return await handlers[name]()
        if name == "team":
            return self._flows.team.card(person)
        if name == "choose-team":
            return self._flows.team.choose(person)
        return Reply(coming_soon_card(commands.spec(name).words[language][0], language))

    async def _choose_language(self, person: Person, argument: str) -> Card:
        chosen = commands.language_choice(argument)
        if chosen is None:
            text = _TEXT[person.language]
            return notice_card(text["language_ask_title"], text["language_ask"])
        await self._users.set_language(person.key, chosen)
        return notice_card(_TEXT[chosen]["language_set"], _TEXT[chosen]["next"])

    async def _person(self, context: TurnContext) -> Person:
        activity = context.activity
        sender = activity.from_property
        object_id = (sender.aad_object_id or sender.id) if sender else None
        conversation_id = activity.conversation.id if activity.conversation else ""

        async def lookup_upn() -> str | None:
            return await _user_principal_name(context)

        return await self._people.resolve(
            object_id or "anonymous", activity.locale, conversation_id, scope_of(activity),
            lookup_upn,
        )  # fmt: skip

    async def _replace_clicked(self, context: TurnContext, card: Card | None) -> None:
        """The Action.Submit fallback: update the clicked message, or post when it is unknown."""
        if card is None:
            return
        clicked = context.activity.reply_to_id
        if clicked:
            await TurnOutbox(context).update(clicked, card)
        else:
            await _send_card(context, card)

    @staticmethod
    def _team_if_team_scope(activity: Activity) -> str | None:
        return teams_facts(activity).team_id if scope_of(activity) == "team" else None


def _cards_of(reply: Reply) -> tuple[Card, ...]:
    return ((reply.card,) if reply.card else ()) + reply.then


async def _send_card(context: TurnContext, card: Card) -> str | None:
    response = await context.send_activity(
        MessageFactory.attachment(CardFactory.adaptive_card(card))
    )
    return response.id if response else None


async def _send_cards(context: TurnContext, cards: tuple[Card, ...]) -> None:
    for card in cards:
        await _send_card(context, card)


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
    except Exception:  # a lookup that fails only means: let the person choose their team
        logger.info("Could not look up the member's user principal name.", exc_info=True)
        return None
    upn = member.get("userPrincipalName") if isinstance(member, dict) else None
    return upn if isinstance(upn, str) else None
