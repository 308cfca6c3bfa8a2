"""What the readiness feature is given from other features: each team's current printed card,
reminders as campaigns, and the person's own progress.

``readiness`` may not import ``printing``, ``campaigns`` or ``learning`` (features stand side by
side), so those are handed in from here.
"""

from __future__ import annotations

from functools import cache

from campaigns.service import Actor, CampaignService, campaign_service
from content.loader import Library
from conversation.feature import FeatureContext
from learning.progress import MyProgress
from printing.version import current_card_version
from readiness.feature import Readiness, ReminderAnswer
from readiness.inputs import CardOf, PrintedCard


def card_of(library: Library) -> CardOf:
    """The current printed card of each team of ``library`` (its Dutch card; each team's is
    worked out once)."""

    @cache
    def of(team_id: str) -> PrintedCard | None:
        version = current_card_version(library, team_id)
        return None if version is None else PrintedCard(version.profile_version, version.mark)

    return of


class Reminders:
    """A manager's reminder to a team, as a campaign to those who have not read its briefing."""

    def __init__(self, service: CampaignService) -> None:
        """Plan with ``service``."""
        self._service = service

    async def remind(self, team_id: str, requested_by: str) -> ReminderAnswer:
        """Plan the reminder (at most once a week per team)."""
        reminder = await self._service.remind_unread(team_id, Actor(requested_by))
        return ReminderAnswer(reminder.planned, reminder.next_at)


class ReadinessWired(Readiness):
    """``gereedheid`` with the printed cards, the campaigns and the learning progress."""

    def __init__(self, context: FeatureContext) -> None:
        """The feature of :mod:`readiness.feature`, given what it needs from its neighbours."""
        super().__init__(
            context,
            card_of=card_of(context.library),
            remind=Reminders(
                campaign_service(
                    context.settings,
                    context.database,
                    context.library,
                    context.clock,
                    context.people,
                )
            ).remind,
            own_progress=MyProgress(context).show,
        )
