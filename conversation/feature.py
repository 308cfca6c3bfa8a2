"""How a feature declares itself: its text commands, its card verbs with typed payloads, its
handlers.

A feature is a class. Each handler is a method marked with :func:`command` or :func:`verb`::

    class Checklist(Feature):
        @command(CommandSpec("checklist", words={"nl": ("checklist",), "en": ("checklist",)}, ...))
        async def show(self, turn: Turn, argument: str) -> Reply: ...

        @verb("checklist.save")
        async def save(self, turn: Turn, payload: ChecklistSave) -> Reply: ...

A verb's payload is the pydantic model named by the handler's ``payload`` annotation: the router
parses the card's data into it once, and data that does not fit never reaches the handler.
Declarations are read from the class, so the router, the help card, the Teams manifest and the
tests all see the same commands and verbs without building anything.
"""

from __future__ import annotations

import typing
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict

from config.settings import Settings
from content.loader import Library
from conversation.commands import Catalogue, CommandSpec
from conversation.people import People
from conversation.proactive import ProactiveSender
from conversation.reply import Reply
from store.clock import Clock
from store.database import Database

_COMMAND = "__paraat_command__"
_VERB = "__paraat_verb__"

Handler = TypeVar("Handler", bound=Callable[..., Awaitable[Reply]])


class Payload(BaseModel):
    """Base of every verb payload: strict types, unknown fields (such as ``verb``) ignored."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)


class NoPayload(Payload):
    """For verbs whose card sends nothing but the verb."""


@dataclass(frozen=True)
class FeatureContext:
    """What every feature may build its services from (tests hand in their own).

    Attributes:
        settings: Paraat's settings.
        library: The content library.
        database: The database; a feature makes its own store on it.
        clock: The current time (UTC).
        catalogue: Every command of every feature, for the help card and menus.
        people: How Paraat knows people (user keys, languages, the team list).
        sender: Posts outside a turn (None where nothing may be sent, e.g. the catalogue).
    """

    settings: Settings
    library: Library
    database: Database
    clock: Clock
    catalogue: Catalogue
    people: People
    sender: ProactiveSender | None = None


@dataclass(frozen=True)
class DeclaredCommand:
    """A command declared on a feature class: its spec and the method that handles it."""

    spec: CommandSpec
    method: str


@dataclass(frozen=True)
class DeclaredVerb:
    """A verb declared on a feature class: its name, its payload model and its handler."""

    name: str
    payload: type[Payload]
    method: str


class Feature:
    """Base class of every feature. Subclasses take a :class:`FeatureContext` and mark their
    handlers with :func:`command` and :func:`verb`."""

    def __init__(self, context: FeatureContext) -> None:
        """Keep nothing; subclasses build their services from ``context``."""

    async def start_jobs(self) -> None:
        """Start what the feature runs besides turns (timers); the bot calls this once it
        serves. Nothing by default."""

    async def stop_jobs(self) -> None:
        """Stop what :meth:`start_jobs` started; the bot calls this when it stops."""

    @classmethod
    def declared_commands(cls) -> tuple[DeclaredCommand, ...]:
        """The commands of this feature, in the order they are defined."""
        return tuple(
            DeclaredCommand(getattr(member, _COMMAND), name)
            for name, member in _members(cls)
            if hasattr(member, _COMMAND)
        )

    @classmethod
    def declared_verbs(cls) -> tuple[DeclaredVerb, ...]:
        """The verbs of this feature with their payload models, in the order they are defined.

        Raises:
            TypeError: a verb handler's ``payload`` is not annotated with a :class:`Payload`.
        """
        return tuple(
            DeclaredVerb(getattr(member, _VERB), _payload_model(cls, name, member), name)
            for name, member in _members(cls)
            if hasattr(member, _VERB)
        )

    @classmethod
    def command_specs(cls) -> tuple[CommandSpec, ...]:
        """Every command this feature handles, in the order they are defined."""
        return tuple(declared.spec for declared in cls.declared_commands())


def command(spec: CommandSpec) -> Callable[[Handler], Handler]:
    """Mark a method ``(self, turn: Turn, argument: str) -> Reply`` as the handler of ``spec``."""

    def mark(handler: Handler) -> Handler:
        setattr(handler, _COMMAND, spec)
        return handler

    return mark


def verb(name: str) -> Callable[[Handler], Handler]:
    """Mark a method ``(self, turn: Turn, payload: SomePayload) -> Reply`` as the handler of the
    card verb ``name``."""

    def mark(handler: Handler) -> Handler:
        setattr(handler, _VERB, name)
        return handler

    return mark


def _members(cls: type) -> list[tuple[str, Any]]:
    seen: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        seen.update(vars(klass))
    return list(seen.items())


def _payload_model(cls: type, name: str, method: Any) -> type[Payload]:
    model = typing.get_type_hints(method).get("payload")
    if not (isinstance(model, type) and issubclass(model, Payload)):
        raise TypeError(
            f"{cls.__name__}.{name}: a verb handler takes `payload: <a Payload model>`, "
            f"got {model!r}"
        )
    return model
