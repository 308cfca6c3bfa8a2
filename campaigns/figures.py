"""How a campaign did: its delivery counts, who read and acknowledged it, quiz participation,
and the same per department and team where that discloses no one (campaigns/rules/breakdown.py).

"Read" counts sent messages at or before the last message their chat's read receipt names.
"Gelezen" is the announcement's own button for a message campaign, and the briefing's
acknowledgement (after the campaign started) for a briefing campaign; both count recipients by
their user key.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime

from campaigns.rules.breakdown import Member, Unit, breakdown
from campaigns.rules.model import Outcome
from campaigns.rules.participation import QuizFigures, quiz_figures
from campaigns.rules.receipts import is_read
from campaigns.rules.report import CampaignReport, CampaignStats
from content.loader import Library
from content.model import Department
from store.campaigns import CampaignRecord
from store.figures import Delivery, FigureStore
from store.outbox import OutboxStore

KeyOf = Callable[[str], str]
"""The user key of an Entra object id (:meth:`conversation.people.People.key_of`)."""


class CampaignFigures:
    """Counts a campaign's figures from the outbox, the read receipts and what people did."""

    def __init__(
        self, outbox: OutboxStore, figures: FigureStore, library: Library, key_of: KeyOf
    ) -> None:
        """Count from ``outbox`` and ``figures``; the organisation comes from ``library``;
        ``key_of`` turns a recipient's object id into the user key their actions are kept by."""
        self._outbox = outbox
        self._figures = figures
        self._library = library
        self._key_of = key_of

    async def report(self, campaign: CampaignRecord) -> CampaignReport:
        """The figures of ``campaign`` and their breakdown."""
        deliveries = await self._figures.deliveries(campaign.id)
        started = await self._figures.started_at(campaign.id)
        people = _by_person(deliveries)
        keys = {object_id: self._key_of(object_id) for object_id in people}
        acknowledging = await self._acknowledging(campaign, started)
        members = [
            Member(
                team_id=rows[-1].team_id,  # the latest run's: where they are now
                targeted=len(rows),
                sent=sum(row.status is Outcome.SENT for row in rows),
                read=sum(_read(row) for row in rows),
                acknowledged=keys[object_id] in acknowledging,
            )
            for object_id, rows in people.items()
        ]
        if people:
            acknowledged = sum(member.acknowledged for member in members)
        else:  # a channel post: whoever clicked in the channel
            acknowledged = len(acknowledging)
        counts = await self._outbox.counts(campaign.id)
        quiz = await self._quiz(started, keys.values()) if campaign.content.kind == "quiz" else None
        stats = CampaignStats(
            targeted=counts.total, recipients=len({row.recipient.lower() for row in deliveries}),
            sent=counts.sent, read=sum(_read(row) for row in deliveries),
            not_installed=counts.not_installed, unreachable=counts.unreachable,
            failed=counts.failed, pending=counts.pending, cancelled=counts.cancelled,
            unknown=counts.uncertain, acknowledged=acknowledged, quiz=quiz,
        )  # fmt: skip
        return CampaignReport(stats, tuple(breakdown(self._organisation(), members)))

    async def _acknowledging(self, campaign: CampaignRecord, started: datetime | None) -> set[str]:
        """The user keys that count as having clicked "Gelezen" for this campaign."""
        content = campaign.content
        if content.kind == "message":
            return await self._figures.campaign_acknowledgers(campaign.id)
        if content.kind == "briefing" and content.briefing_id and started is not None:
            # A channel post has no person recipients: its readers cannot be told from people
            # who read the briefing some other way, so it counts none.
            if campaign.audience.kind == "channel":
                return set()
            return await self._figures.briefing_readers(content.briefing_id, started)
        return set()

    async def _quiz(self, started: datetime | None, keys: Collection[str]) -> QuizFigures:
        scores = await self._figures.first_attempts(started) if started is not None else {}
        return quiz_figures(scores[key] for key in keys if key in scores)

    def _organisation(self) -> list[Unit]:
        organisation = self._library["nl"].organisation
        return (
            [_unit(department) for department in organisation.departments] if organisation else []
        )


def _by_person(deliveries: list[Delivery]) -> dict[str, list[Delivery]]:
    """The rows of each person (channel posts left out), oldest run first."""
    people: dict[str, list[Delivery]] = {}
    for row in deliveries:
        if row.user_object_id:
            people.setdefault(row.user_object_id.lower(), []).append(row)
    return people


def _read(row: Delivery) -> bool:
    return row.status is Outcome.SENT and is_read(row.message_id, row.last_read)


def _unit(department: Department) -> Unit:
    teams = tuple(Unit(team.id, team.name, "team") for team in department.teams)
    below = tuple(_unit(child) for child in department.departments)
    return Unit(department.id, department.name, "department", teams + below)
