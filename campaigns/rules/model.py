"""What a campaign is: content for an audience on a schedule, and the states it moves through."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from campaigns.rules.reasons import Reason, reason_text
from content.language import Language

ContentKind = Literal["briefing", "quiz", "message"]
AudienceKind = Literal["all", "department", "team", "channel", "unread"]
Repeat = Literal["weekly", "monthly"] | str
"""``weekly``, ``monthly`` or a five-field cron expression (``"0 9 * * 1"``)."""


class CampaignError(ValueError):
    """A campaign that cannot be: the message says what is wrong, for the person who asked.

    ``str()`` is the English text (the command line); :meth:`text` gives it in a chat's language.
    """

    def __init__(self, reason: Reason, **values: object) -> None:
        """Name the reason; ``values`` fill its placeholders (:mod:`campaigns.rules.reasons`)."""
        self.reason: Reason = reason
        self.values = values
        super().__init__(reason_text(reason, "en", values))

    def text(self, language: Language) -> str:
        """The reason in ``language``."""
        return reason_text(self.reason, language, self.values)


class State(enum.StrEnum):
    """Where a campaign stands."""

    DRAFT = "draft"
    """Written, waiting for a second author (a campaign to everyone needs one)."""
    APPROVED = "approved"
    """Approved, not yet given a time slot by the scheduler."""
    SCHEDULED = "scheduled"
    """Waiting for its (next) time."""
    SENDING = "sending"
    """Its recipients are being sent to."""
    DONE = "done"
    """Sent to every recipient (a repeating campaign is DONE only when cancelled or ended)."""
    CANCELLED = "cancelled"
    """Stopped by an author; nothing more is sent."""
    FAILED = "failed"
    """Could not be sent (e.g. its content is gone)."""
    MISSED = "missed"
    """Its time passed while Paraat was down for longer than the grace period."""


FINAL = frozenset({State.DONE, State.CANCELLED, State.FAILED, State.MISSED})
"""States a campaign does not leave."""


class Outcome(enum.StrEnum):
    """Where one recipient of one run stands."""

    PENDING = "pending"
    SENT = "sent"
    NOT_INSTALLED = "not_installed"
    UNREACHABLE = "unreachable"
    FAILED = "failed"
    CANCELLED = "cancelled"


_KINDS: dict[str, ContentKind] = {"briefing": "briefing", "quiz": "quiz", "message": "message"}


def content_kind(text: str) -> ContentKind:
    """The content kind ``text`` names.

    Raises:
        CampaignError: for anything but ``briefing``, ``quiz`` or ``message``.
    """
    if text not in _KINDS:
        raise CampaignError("bad_content", given=text)
    return _KINDS[text]


@dataclass(frozen=True)
class Content:
    """What a campaign sends.

    Attributes:
        kind: A briefing from the library, a quiz round, or a message written for it.
        briefing_id: The briefing, for ``briefing``.
        text: The message, for ``message`` (Markdown as Teams shows it).
        acknowledge: Whether the card has a "Gelezen" button.
    """

    kind: ContentKind
    briefing_id: str | None = None
    text: str | None = None
    acknowledge: bool = True


_NAMED: dict[str, AudienceKind] = {
    "department": "department", "team": "team", "channel": "channel", "unread": "unread",
}  # fmt: skip


@dataclass(frozen=True)
class Audience:
    """Who gets a campaign: everyone, a department (with its sub-departments), a team, one
    team channel (a new post in it), or the people of a team who have not read its briefing
    (``unread``: a manager's reminder; who they are is worked out when it is sent)."""

    kind: AudienceKind
    id: str | None = None

    @classmethod
    def parse(cls, text: str) -> Audience:
        """``all``, ``department:ID``, ``team:ID``, ``channel:ID`` or ``unread:TEAM``.

        Raises:
            CampaignError: naming what was expected.
        """
        kind, _, ident = text.strip().partition(":")
        if kind == "all" and not ident:
            return cls("all")
        if kind in _NAMED and ident.strip():
            return cls(_NAMED[kind], ident.strip())
        raise CampaignError("bad_audience", given=text)

    def __str__(self) -> str:
        """The audience as :meth:`parse` reads it."""
        return self.kind if self.id is None else f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class Schedule:
    """When a campaign goes out: ``at`` (None: now), and how it repeats (None: once)."""

    at: datetime | None = None
    repeat: Repeat | None = None
