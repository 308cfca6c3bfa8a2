"""Sending without a turn: what a feature hands the Teams edge to post, update or delete a
message in a conversation the person did not just write in (a campaign, a nudge).

The edge (``bot/proactive.py``) implements :class:`ProactiveSender`; features only see these
types, so they can be tested against any sender and never import the SDK.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol

from conversation.reply import Card


class Result(enum.StrEnum):
    """What Teams answered, as far as a sender of many messages needs to know."""

    SENT = "sent"
    """Accepted; the message id is known."""
    THROTTLED = "throttled"
    """429: wait ``retry_after`` seconds (or back off) and try again."""
    RETRY = "retry"
    """412, 502, 503, 504 or a broken connection: try again a bounded number of times."""
    NOT_INSTALLED = "not_installed"
    """403 when creating the conversation: the app is not installed for the person."""
    UNREACHABLE = "unreachable"
    """403 on a send: the person blocked or removed the bot, or an admin disabled it."""
    GONE = "gone"
    """404: the stored conversation no longer exists (it can be created once more)."""
    TOO_BIG = "too_big"
    """413: the message is too large for Teams."""
    FAILED = "failed"
    """Anything else: not worth trying again."""


@dataclass(frozen=True)
class Recipient:
    """Where a proactive message goes.

    Attributes:
        service_url: The Bot Connector of the person's or team's region.
        tenant_id: The organisation's Entra tenant.
        conversation_id: The stored conversation, when there is one.
        user_object_id: The person's Entra object id, to create a personal conversation.
        channel_id: A team channel: a new post is started in it.
    """

    service_url: str
    tenant_id: str | None = None
    conversation_id: str | None = None
    user_object_id: str | None = None
    channel_id: str | None = None


@dataclass(frozen=True)
class Delivery:
    """The outcome of one call.

    Attributes:
        result: What Teams answered.
        message_id: The id of the message Teams accepted (for updates, deletion, read receipts).
        conversation_id: The conversation it went to (new when Paraat created it).
        retry_after: Seconds Teams asked to wait (429), when it said.
        status: The HTTP status, for the log.
    """

    result: Result
    message_id: str | None = None
    conversation_id: str | None = None
    retry_after: float | None = None
    status: int | None = None


class ProactiveSender(Protocol):
    """Posts and deletes messages outside a turn."""

    async def send(self, recipient: Recipient, card: Card) -> Delivery:
        """Post ``card`` to ``recipient``: to its conversation, or to a new one (a person by
        their object id, a channel as a new post)."""
        ...

    async def delete(self, recipient: Recipient, message_id: str) -> Delivery:
        """Delete an earlier message (a retracted campaign)."""
        ...
