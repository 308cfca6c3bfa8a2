"""A campaign's figures as shown to its authors: the counts, and their breakdown where that
discloses no one. Plain values, counted by :mod:`campaigns.figures`."""

from __future__ import annotations

from dataclasses import dataclass

from campaigns.rules.breakdown import Group
from campaigns.rules.participation import QuizFigures


@dataclass(frozen=True)
class CampaignStats:
    """How a campaign did, over all its runs.

    Attributes:
        targeted: Recipients frozen into its runs (one per person, or channel, per run).
        recipients: Different people (or channels) among them.
        sent: Messages Teams accepted.
        read: Of those, read (Teams' read receipts; personal chats only).
        not_installed: People without Paraat installed (see docs/operations.md: pre-install).
        unreachable: People who blocked or removed Paraat, or whose admin disabled it.
        failed: Messages that failed for another reason.
        pending: Still to send.
        cancelled: Not sent because the campaign was cancelled.
        unknown: Sent at a moment Paraat crashed: maybe twice, maybe unrecorded.
        acknowledged: People who clicked "Gelezen" (for a briefing: on that briefing, after the
            campaign started).
        quiz: For a quiz campaign, its participation (None for other campaigns).
    """

    targeted: int
    recipients: int
    sent: int
    read: int
    not_installed: int
    unreachable: int
    failed: int
    pending: int
    cancelled: int
    unknown: int
    acknowledged: int
    quiz: QuizFigures | None = None


@dataclass(frozen=True)
class CampaignReport:
    """A campaign's figures and, where that discloses no one, their breakdown.

    Attributes:
        stats: The campaign's own figures.
        breakdown: Departments, teams and ``other`` groups that may be shown (none for a
            channel post).
    """

    stats: CampaignStats
    breakdown: tuple[Group, ...]
