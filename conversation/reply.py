"""What a handler answers, and how it posts into the conversation, without knowing the SDK."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

Card = dict[str, Any]


@dataclass(frozen=True)
class Reply:
    """What a command or a card action answers.

    Attributes:
        card: The answer; for a card action it replaces the clicked card.
        then: Cards that follow as new messages.
        run_next: A command to run after this one, for the person as they are now (e.g. the
            command a team was chosen for); its cards follow ``then``.
    """

    card: Card | None = None
    then: tuple[Card, ...] = ()
    run_next: str | None = None

    @property
    def cards(self) -> tuple[Card, ...]:
        """Every card of the reply, in order."""
        return ((self.card,) if self.card else ()) + self.then


class Outbox(Protocol):
    """Posting into the current conversation, for handlers that post and update shared cards."""

    async def send(self, card: Card) -> str | None:
        """Post ``card``; the new message's id when the channel gives one."""
        ...

    async def update(self, activity_id: str, card: Card) -> None:
        """Replace the card of an earlier message."""
        ...
