"""Build the conversation from the settings: features, people and the router."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from campaigns.receipts import ReadReceipts
from campaigns.rules.limits import BudgetPolicy, TenantBudget
from campaigns.runner import CampaignRunner
from campaigns.service import campaign_service
from config.settings import Settings
from content.loader import Library
from conversation.feature import Feature, FeatureContext
from conversation.identity import local_user_key_secret, user_key
from conversation.people import LanguagePolicy, People
from conversation.proactive import ProactiveSender
from conversation.router import Router, catalogue_of
from ops.metrics import Metrics
from organisation.membership import Membership, read_membership
from organisation.placement import placed_people
from printing.downloads import PrintDownloads
from printing.feature import print_downloads
from privacy.exports import DataExports
from privacy.feature import data_exports
from store.clock import Clock
from store.conversations import ConversationStore
from store.database import Database
from store.leader import LeaderLock
from store.receipts import ReceiptStore
from store.users import UserStore
from wiring.features import FEATURES


@dataclass(frozen=True)
class Paraat:
    """What the Teams edge talks to: the router, the record of where Paraat is installed, the
    share of Teams' per-tenant limit that every call to Teams draws from, the read receipts
    for the campaigns' figures, and the downloads of people's own data and of printable cards."""

    router: Router
    installs: ConversationStore
    people: People
    budget: TenantBudget
    receipts: ReadReceipts
    exports: DataExports
    prints: PrintDownloads
    features: tuple[Feature, ...] = ()


def user_key_secret(settings: Settings) -> bytes:
    """The secret of the user key: made once and kept locally in local mode, else the setting."""
    if settings.local_mode:
        return local_user_key_secret(settings.data_dir)
    assert settings.user_key_secret is not None  # settings validation guarantees it
    return settings.user_key_secret.get_secret_value().encode()


def membership(settings: Settings, library: Library) -> Membership:
    """The organisation's team list from ``PARAAT_MEMBERSHIP_FILE`` (empty when not set).

    Raises:
        MembershipError: naming the file, the line and what was expected.
    """
    if settings.membership_file is None:
        return Membership()
    organisation = library["nl"].organisation
    teams = {team.id for team in organisation.teams()} if organisation else set()
    return read_membership(settings.membership_file, teams)


def build_people(settings: Settings, database: Database, library: Library, clock: Clock) -> People:
    """How Paraat knows people: user keys, languages, and who is in which team (the imported
    organisation, then the membership file; People falls back to the person's own choice).

    Raises:
        MembershipError: the team list file is wrong.
    """
    secret = user_key_secret(settings)
    placed = placed_people(
        lambda object_id: user_key(secret, object_id), membership(settings, library),
        database, clock, settings.organisation_refresh_seconds,
    )  # fmt: skip
    return People(
        UserStore(database, clock),
        secret,
        LanguagePolicy(settings.default_language, settings.follow_client_language),
        placed,
    )


def build_paraat(
    settings: Settings,
    database: Database,
    library: Library,
    clock: Clock,
    features: Sequence[type[Feature]] = FEATURES,
    sender: ProactiveSender | None = None,
) -> Paraat:
    """Every feature on ``database`` and ``library``, behind one router; ``sender`` posts
    outside a turn (retracting a campaign from Teams)."""
    catalogue = catalogue_of(features)
    people = build_people(settings, database, library, clock)
    context = FeatureContext(settings, library, database, clock, catalogue, people, sender)
    built = tuple(feature(context) for feature in features)
    router = Router(built, people, catalogue)
    budget = TenantBudget(
        BudgetPolicy(limit=settings.teams_rate, campaign_share=settings.campaign_rate)
    )
    receipts = ReadReceipts(ReceiptStore(database, clock))
    return Paraat(
        router, ConversationStore(database, clock), people, budget, receipts,
        data_exports(context), print_downloads(context), built,
    )  # fmt: skip


def build_runner(
    paraat: Paraat,
    settings: Settings,
    database: Database,
    library: Library,
    clock: Clock,
    sender: ProactiveSender,
    metrics: Metrics | None = None,
) -> CampaignRunner:
    """The bot's campaign work (scheduling on one replica, delivery on all), sending with
    ``sender`` within ``paraat``'s budget; firings and misfires are counted in ``metrics``."""
    service = campaign_service(settings, database, library, clock, paraat.people)
    return CampaignRunner(
        service, service.outbox, paraat.installs, sender, paraat.budget,
        LeaderLock(database, "campaigns"), clock,
        grace=timedelta(minutes=settings.campaign_grace_minutes),
        language=settings.default_language, poll_seconds=settings.campaign_poll_seconds,
        lease=timedelta(seconds=settings.campaign_lease_seconds), metrics=metrics,
    )  # fmt: skip
