"""What Paraat does with each kind of activity: installs, membership changes and messages."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core import CardFactory, MessageFactory, TurnContext, TurnState

from bot import commands
from bot.conversation_facts import (
    conversation_record,
    includes_bot,
    members,
    scope_of,
    teams_facts,
)
from bot.identity import user_key
from bot.language import resolve_language
from cards.help import help_card
from cards.menu import COMMAND_VERB
from cards.notice import coming_soon_card, error_card, notice_card, stale_card
from cards.welcome import welcome_card
from content.language import Language
from store.conversations import ConversationStore
from store.users import UserStore

logger = logging.getLogger(__name__)

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
class LanguagePolicy:
    """The organisation's language settings."""

    default: Language
    follow_client: bool


class Turns:
    """The turn handlers. Collaborators come in through the constructor (no globals)."""

    def __init__(
        self,
        conversations: ConversationStore,
        users: UserStore,
        user_key_secret: bytes,
        languages: LanguagePolicy,
    ) -> None:
        """Use these stores, this secret for user keys and this language policy."""
        self._conversations = conversations
        self._users = users
        self._secret = user_key_secret
        self._languages = languages

    async def on_message(self, context: TurnContext, _state: TurnState) -> None:
        """A typed message or an Action.Submit click."""
        activity = context.activity
        key = self._user_key(activity)
        language = await self._language(key, activity)
        value = activity.value
        if not activity.text and isinstance(value, dict):
            await self._on_submit(context, key, language, value)
            return
        await self._run(context, key, language, commands.parse(activity.text or ""))

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
            await _send_card(context, error_card(self._languages.default))
        except Exception:  # the channel itself may be what failed; the log has the cause
            logger.warning("Could not tell the user about the failed turn.", exc_info=True)

    async def _activate(self, context: TurnContext) -> None:
        activity = context.activity
        newly_active = await self._conversations.save_active(conversation_record(activity))
        if newly_active:
            logger.info("Installed in a %s conversation.", scope_of(activity))
            language = await self._language(self._user_key(activity), activity)
            await _send_card(context, welcome_card(language, commands.menu(language)))

    async def _on_submit(
        self, context: TurnContext, key: str, language: Language, value: dict[str, Any]
    ) -> None:
        name = value.get("command")
        if value.get("verb") == COMMAND_VERB and isinstance(name, str) and commands.known(name):
            await self._run(context, key, language, commands.Command(name))
            return
        logger.warning("Refused a card submit that Paraat does not know.")
        await _send_card(context, stale_card(language))

    async def _run(
        self, context: TurnContext, key: str, language: Language, command: commands.Command
    ) -> None:
        text = _TEXT[language]
        if command.name is None:
            card = help_card(
                language,
                commands.help_entries(language),
                suggestion=command.suggestion,
                not_understood=True,
            )
        elif command.name == "help":
            card = help_card(language, commands.help_entries(language))
        elif command.name == "language":
            chosen = commands.language_choice(command.argument)
            if chosen is None:
                card = notice_card(text["language_ask_title"], text["language_ask"])
            else:
                await self._users.set_language(key, chosen)
                card = notice_card(_TEXT[chosen]["language_set"], _TEXT[chosen]["next"])
        else:
            card = coming_soon_card(commands.spec(command.name).words[language][0], language)
        await _send_card(context, card)

    async def _language(self, key: str, activity: Activity) -> Language:
        return resolve_language(
            await self._users.language(key),
            activity.locale,
            default=self._languages.default,
            follow_client=self._languages.follow_client,
        )

    def _user_key(self, activity: Activity) -> str:
        sender = activity.from_property
        object_id = (sender.aad_object_id or sender.id) if sender else None
        return user_key(self._secret, object_id or "anonymous")

    @staticmethod
    def _team_if_team_scope(activity: Activity) -> str | None:
        return teams_facts(activity).team_id if scope_of(activity) == "team" else None


async def _send_card(context: TurnContext, card: dict[str, Any]) -> None:
    await context.send_activity(MessageFactory.attachment(CardFactory.adaptive_card(card)))
