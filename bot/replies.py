"""What a command or a card action answers, without knowing the SDK."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

Card = dict[str, Any]


@dataclass(frozen=True)
class Reply:
    """``card`` answers (for a card action: replaces the clicked card); ``then`` follow as new
    messages."""

    card: Card | None = None
    then: tuple[Card, ...] = ()


class Outbox(Protocol):
    """Sending into the current conversation, for flows that post and update shared cards."""

    async def send(self, card: Card) -> str | None:
        """Post ``card``; the new message's id when the channel gives one."""
        ...

    async def update(self, activity_id: str, card: Card) -> None:
        """Replace the card of an earlier message."""
        ...
