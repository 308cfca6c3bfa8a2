"""Every feature of Paraat, in the order the help card lists their commands.

Adding a feature is one line here (its own folder holds its declaration and handlers).
"""

from __future__ import annotations

from campaigns.feature import Campaigns
from conversation.basics import Basics
from conversation.commands import Catalogue
from conversation.feature import Feature
from conversation.router import catalogue_of
from learning.briefings import Briefings
from learning.checklist import Checklist
from learning.progress import MyProgress
from learning.quiz import Quiz
from organisation.my_team import TeamCard, TeamChoice
from printing.feature import Printing
from privacy.feature import MyData
from wiring.publishing import PublishingWithCards
from wiring.readiness import ReadinessWired

FEATURES: tuple[type[Feature], ...] = (
    Quiz,
    Briefings,
    TeamCard,
    Checklist,
    Printing,
    TeamChoice,
    MyProgress,
    MyData,
    Basics,
    Campaigns,
    ReadinessWired,  # readiness.feature.Readiness, given cards, reminders and progress
    PublishingWithCards,  # sync.feature.Publishing, given the printer of the outage cards
)


def catalogue() -> Catalogue:
    """The commands of every registered feature (no services needed: they are declarations)."""
    return catalogue_of(FEATURES)
