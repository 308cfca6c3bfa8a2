"""The basics every Paraat has: the help card and the choice of language."""

from __future__ import annotations

import difflib

from cards.help import help_card
from cards.notice import notice_card
from content.language import Language
from conversation.commands import CommandSpec, normalise
from conversation.feature import Feature, FeatureContext, command
from conversation.people import Turn
from conversation.reply import Reply
from store.users import UserStore

_LANGUAGE_WORDS: dict[str, Language] = {
    "nederlands": "nl",
    "dutch": "nl",
    "nl": "nl",
    "ned": "nl",
    "english": "en",
    "engels": "en",
    "en": "en",
    "eng": "en",
}

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


def language_choice(argument: str) -> Language | None:
    """The language a ``taal``/``language`` argument names, if any (typos tolerated)."""
    word = normalise(argument)
    if word in _LANGUAGE_WORDS:
        return _LANGUAGE_WORDS[word]
    close = difflib.get_close_matches(word, _LANGUAGE_WORDS, n=1, cutoff=0.7)
    return _LANGUAGE_WORDS[close[0]] if close else None


class Basics(Feature):
    """``taal``/``language`` and ``hulp``/``help``."""

    def __init__(self, context: FeatureContext) -> None:
        """Keep language choices in the user store; list every feature's commands in help."""
        self._users = UserStore(context.database, context.clock)
        self._catalogue = context.catalogue

    @command(
        CommandSpec(
            "language",
            {"nl": ("taal",), "en": ("language",)},
            {
                "nl": "kies je taal: taal nederlands of taal english",
                "en": "choose your language: language english or language nederlands",
            },
        )
    )
    async def language(self, turn: Turn, argument: str) -> Reply:
        """Keep the language the argument names, and say so in that language."""
        chosen = language_choice(argument)
        if chosen is None:
            text = _TEXT[turn.person.language]
            return Reply(notice_card(text["language_ask_title"], text["language_ask"]))
        await self._users.set_language(turn.person.key, chosen)
        return Reply(notice_card(_TEXT[chosen]["language_set"], _TEXT[chosen]["next"]))

    @command(
        CommandSpec(
            "help",
            {"nl": ("hulp", "help", "?"), "en": ("help", "?")},
            {"nl": "dit overzicht", "en": "this list"},
            button={"nl": "Hulp", "en": "Help"},
        )
    )
    async def help(self, turn: Turn, argument: str) -> Reply:
        """Every command, what it does, and whether it is there yet."""
        language = turn.person.language
        return Reply(help_card(language, self._catalogue.help_entries(language)))
