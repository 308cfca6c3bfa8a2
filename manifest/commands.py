"""The bot's command menus in the manifest (``bots[0].commandLists``), from plain command data.

The command line reads the features' command catalogue and hands it over as :class:`BotCommand`
values, so the menus Teams shows are the commands Paraat understands and never drift from them.

Which commands go in a menu, per scope:

1. Commands keep the catalogue's order, which is the order of the help card (the order of the
   features in ``wiring/features.py``).
2. Teams shows at most :data:`MAX_COMMANDS`. When there are more, ``help`` stays in (it lists every
   command) and the menu is filled from the top of the catalogue; the rest are left out.

Scopes that end up with the same menu share one command list.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from content.language import Language

Scope = Literal["personal", "team", "groupChat"]
SCOPES: tuple[Scope, ...] = ("personal", "team", "groupChat")

MAX_COMMANDS = 10
"""Commands per menu that Teams shows (the schema allows 12 since v1.24; Teams' bot command
menu documentation still says 10, so Paraat keeps to 10)."""
MAX_TITLE = 32
"""Longest command title Teams shows in the menu."""
MAX_DESCRIPTION = 128
"""Longest command description Teams shows in the menu."""
ALWAYS = "help"
"""The command that is never left out of a menu: it lists all the others."""


@dataclass(frozen=True)
class BotCommand:
    """A command as a Teams menu shows it.

    Attributes:
        name: The canonical name, to tell commands apart (not shown).
        title: What the menu shows and sends, per language: the command's first word.
        description: One line under the title, per language.
        scopes: Where the command works: a personal chat, a team's channels, a group chat.
    """

    name: str
    title: Mapping[Language, str]
    description: Mapping[Language, str]
    scopes: frozenset[Scope] = frozenset(SCOPES)


@dataclass(frozen=True)
class CommandList:
    """One entry of ``commandLists``: the scopes it is for and its commands, in order."""

    scopes: tuple[Scope, ...]
    commands: tuple[BotCommand, ...]

    def to_json(self, language: Language) -> dict[str, object]:
        """The manifest's JSON for this list, with titles and descriptions in ``language``."""
        return {
            "scopes": list(self.scopes),
            "commands": [
                {"title": c.title[language], "description": c.description[language]}
                for c in self.commands
            ],
        }


def menu(commands: Sequence[BotCommand], scope: Scope) -> tuple[BotCommand, ...]:
    """The commands of ``scope``'s menu, chosen by the rule in this module's docstring."""
    offered = [c for c in commands if scope in c.scopes]
    if len(offered) <= MAX_COMMANDS:
        return tuple(offered)
    pinned = [c for c in offered if c.name == ALWAYS]
    room = MAX_COMMANDS - len(pinned)
    kept = {c.name for c in [c for c in offered if c.name != ALWAYS][:room]} | {ALWAYS}
    return tuple(c for c in offered if c.name in kept)


def command_lists(commands: Sequence[BotCommand]) -> tuple[CommandList, ...]:
    """The ``commandLists``: one per distinct menu, scopes with the same menu together."""
    lists: list[CommandList] = []
    for scope in SCOPES:
        chosen = menu(commands, scope)
        if not chosen:
            continue
        same = next((i for i, known in enumerate(lists) if known.commands == chosen), None)
        if same is None:
            lists.append(CommandList((scope,), chosen))
        else:
            lists[same] = CommandList((*lists[same].scopes, scope), chosen)
    return tuple(lists)
