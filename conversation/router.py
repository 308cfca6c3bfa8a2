"""The router: it collects every feature's declarations and runs the handler a request asks for.

Typed text and menu buttons run commands; card clicks run verbs. A verb's data is parsed into the
verb's payload model once; data that does not fit, an unknown verb, or a handler that refuses gets
the "this button no longer works" card and changes nothing.

Every handler gets the person who asks, read before it runs; a verb handler whose first parameter
is a :class:`PendingTurn` reads the person itself, in the same statement as its own first read.
"""

from __future__ import annotations

import inspect
import logging
import typing
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from cards.help import help_card
from cards.menu import COMMAND_VERB
from cards.notice import stale_card
from cards.welcome import welcome_card
from conversation.commands import Catalogue, Command
from conversation.feature import Feature, Payload
from conversation.people import PendingTurn, People, Person, Sender, Turn
from conversation.reply import Card, Outbox, Reply

logger = logging.getLogger(__name__)

CHOOSE_TEAM = "choose-team"
"""The command that asks a person for their team; its argument is the command to run after."""

CommandHandler = Callable[[Turn, str], Awaitable[Reply]]
VerbHandler = Callable[[Any, Any], Awaitable[Reply]]
"""Takes a :class:`Turn` (or a :class:`PendingTurn`, see ``_VerbRoute.pending``) and a payload."""


@dataclass(frozen=True)
class _VerbRoute:
    payload: type[Payload]
    handle: VerbHandler
    pending: bool = False
    """The handler takes a :class:`PendingTurn`: it reads the person itself."""


def _takes_pending_turn(handler: Callable[..., object]) -> bool:
    """True when the handler's first parameter is annotated as a :class:`PendingTurn`."""
    first = next(iter(inspect.signature(handler).parameters), None)
    return first is not None and typing.get_type_hints(handler).get(first) is PendingTurn


def catalogue_of(features: Iterable[type[Feature]]) -> Catalogue:
    """The commands of ``features``, in their order (read from the classes: nothing is built)."""
    return Catalogue(spec for feature in features for spec in feature.command_specs())


class Router:
    """Runs commands and card verbs for the features it was given."""

    def __init__(self, features: Sequence[Feature], people: People, catalogue: Catalogue) -> None:
        """Collect the declarations of ``features``; ``people`` says who asks, ``catalogue`` lists
        the features' commands (:func:`catalogue_of`).

        Raises:
            ValueError: a verb is declared twice, a command is not in the catalogue, or
                ``choose-team`` is missing while a command needs a team.
        """
        self.catalogue = catalogue
        self._people = people
        self._commands: dict[str, CommandHandler] = {}
        self._verbs: dict[str, _VerbRoute] = {COMMAND_VERB: _VerbRoute(Payload, self._refuse)}
        for feature in features:
            kind = type(feature)
            for declared in kind.declared_commands():
                if not catalogue.known(declared.spec.name):
                    raise ValueError(f"{declared.spec.name!r} is missing from the catalogue")
                self._commands[declared.spec.name] = getattr(feature, declared.method)
            for declared_verb in kind.declared_verbs():
                self._claim(declared_verb.name, kind)
                handler = getattr(feature, declared_verb.method)
                self._verbs[declared_verb.name] = _VerbRoute(
                    declared_verb.payload, handler, _takes_pending_turn(handler)
                )
        needing = [s.name for s in self.catalogue.specs if s.needs_team]
        if needing and CHOOSE_TEAM not in self._commands:
            raise ValueError(f"{needing} need a team, but no feature handles {CHOOSE_TEAM!r}")

    def _claim(self, name: str, kind: type) -> None:
        if name in self._verbs:
            raise ValueError(f"the card verb {name!r} is declared twice ({kind.__name__})")

    @property
    def verbs(self) -> frozenset[str]:
        """Every card verb Paraat answers."""
        return frozenset(self._verbs)

    async def person(self, sender: Sender) -> Person:
        """The person behind ``sender``."""
        return await self._people.resolve(sender)

    async def welcome(self, sender: Sender) -> Card:
        """The welcome card for a new install, in the sender's language."""
        language = (await self.person(sender)).language
        return welcome_card(language, self.catalogue.menu(language))

    async def text(self, sender: Sender, text: str, outbox: Outbox) -> Reply:
        """Typed text: the command it names, or the help card when it names none."""
        turn = Turn(await self.person(sender), outbox)
        return await self._follow(sender, outbox, await self._run(turn, self.catalogue.parse(text)))

    async def button(self, sender: Sender, name: str, outbox: Outbox) -> Reply:
        """A menu button: the command it names, as if typed."""
        turn = Turn(await self.person(sender), outbox)
        return await self._follow(sender, outbox, await self._run(turn, Command(name)))

    async def action(
        self, sender: Sender, verb: object, data: Mapping[str, Any], outbox: Outbox
    ) -> Reply:
        """A card click: the verb's handler with the card's data parsed into its payload.

        The reply always has a card, to replace the clicked one.
        """
        route = self._verbs.get(verb) if isinstance(verb, str) else None
        if route is None:
            logger.warning("Refused a card action that Paraat does not know.")
            return Reply(stale_card((await self.person(sender)).language))
        try:
            payload = route.payload.model_validate(dict(data))
        except ValidationError as error:
            fields = sorted({".".join(map(str, e["loc"])) or "data" for e in error.errors()})
            logger.warning("Refused a %s card action: bad %s.", verb, ", ".join(fields))
            return Reply(stale_card((await self.person(sender)).language))
        person: Person | None = None
        if route.pending:
            handled = await route.handle(await self._people.pending(sender, outbox), payload)
        else:
            person = await self.person(sender)
            handled = await route.handle(Turn(person, outbox), payload)
        reply = await self._follow(sender, outbox, handled)
        if reply.card:
            return reply
        person = person or await self.person(sender)
        return Reply(stale_card(person.language), reply.then)

    async def _run(self, turn: Turn, command: Command) -> Reply:
        person = turn.person
        language = person.language
        if command.name is None:
            entries = self.catalogue.help_entries(language)
            return Reply(
                help_card(language, entries, suggestion=command.suggestion, not_understood=True)
            )
        spec = self.catalogue.spec(command.name)
        if spec.needs_team and person.personal and person.team_id is None:
            return await self._commands[CHOOSE_TEAM](turn, command.name)
        return await self._commands[command.name](turn, command.argument)

    async def _follow(self, sender: Sender, outbox: Outbox, reply: Reply) -> Reply:
        """Run ``reply.run_next`` for the person as they are now, after the reply's own cards."""
        name = reply.run_next
        if not name or not self.catalogue.known(name):
            return Reply(reply.card, reply.then)
        now = Turn(await self.person(sender), outbox)
        follow_up = await self._run(now, Command(name))
        return Reply(reply.card, (*reply.then, *follow_up.cards))

    async def _refuse(self, turn: Turn, _payload: Payload) -> Reply:
        # A menu button arrives as a message and runs its command; as a card action its
        # command name was unknown.
        logger.warning("Refused a menu button for a command that Paraat does not know.")
        return Reply(stale_card(turn.person.language))
