"""What every log line of a turn or a campaign send says about where it came from.

The edge binds the activity id and the conversation for the length of a turn, delivery binds the
campaign for one send; :class:`ContextFilter` on the log handler copies them onto each record.
Context variables follow the task, so concurrent turns never mix. A conversation is logged as a
short SHA-256 digest: enough to follow one chat through the log, without the Teams id itself.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

FIELDS = ("activity_id", "conversation", "campaign_id")
"""The record attributes :class:`ContextFilter` sets (when known)."""

_DIGEST_CHARS = 12
_MAX_ACTIVITY_ID = 128

_activity: ContextVar[str | None] = ContextVar("paraat_activity_id", default=None)
_conversation: ContextVar[str | None] = ContextVar("paraat_conversation", default=None)
_campaign: ContextVar[int | None] = ContextVar("paraat_campaign_id", default=None)


def conversation_digest(conversation_id: str) -> str:
    """The conversation as logged: the first 12 hex characters of its SHA-256."""
    return hashlib.sha256(conversation_id.encode()).hexdigest()[:_DIGEST_CHARS]


@contextmanager
def turn_context(activity_id: str | None, conversation_id: str | None) -> Iterator[None]:
    """Log lines inside the block name this activity and (digested) conversation."""
    activity_token = _activity.set(activity_id[:_MAX_ACTIVITY_ID] if activity_id else None)
    conversation_token = _conversation.set(
        conversation_digest(conversation_id) if conversation_id else None
    )
    try:
        yield
    finally:
        _conversation.reset(conversation_token)
        _activity.reset(activity_token)


@contextmanager
def campaign_context(campaign_id: int, conversation_id: str | None = None) -> Iterator[None]:
    """Log lines inside the block name this campaign (and the conversation sent to)."""
    campaign_token = _campaign.set(campaign_id)
    conversation_token = _conversation.set(
        conversation_digest(conversation_id) if conversation_id else _conversation.get()
    )
    try:
        yield
    finally:
        _conversation.reset(conversation_token)
        _campaign.reset(campaign_token)


def current() -> dict[str, str | int]:
    """The context now bound (only what is known)."""
    values: dict[str, str | int | None] = {
        "activity_id": _activity.get(),
        "conversation": _conversation.get(),
        "campaign_id": _campaign.get(),
    }
    return {name: value for name, value in values.items() if value is not None}


class ContextFilter(logging.Filter):
    """Copies the bound context onto every record that passes (it never drops one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Add ``activity_id``, ``conversation`` and ``campaign_id`` when bound."""
        for name, value in current().items():
            if not hasattr(record, name):
                setattr(record, name, value)
        return True


class ContextTextFormatter(logging.Formatter):
    """The text format, with the bound context appended as ``key=value`` pairs."""

    def format(self, record: logging.LogRecord) -> str:
        """The line, then `` [activity_id=… conversation=… campaign_id=…]`` when any is set."""
        line = super().format(record)
        pairs = [f"{name}={getattr(record, name)}" for name in FIELDS if hasattr(record, name)]
        if not pairs:
            return line
        first, newline, rest = line.partition("\n")
        return f"{first} [{' '.join(pairs)}]{newline}{rest}"
