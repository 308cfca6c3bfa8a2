"""Campaigns in the chat: what staff do with a campaign's message, and (coming soon) how the
communications team plans campaigns in Teams."""

from __future__ import annotations

import logging

from cards.announcement import announcement_card
from cards.campaigns import CANCEL_VERB, NEW_VERB, PREVIEW_VERB, SAVE_VERB
from cards.notice import stale_card
from conversation.feature import ComingSoon, Feature, FeatureContext, Payload, verb
from conversation.people import Turn
from conversation.reply import Reply
from store.campaigns import CampaignStore

logger = logging.getLogger(__name__)


class CampaignRead(Payload):
    """ "Gelezen" on a campaign's announcement."""

    campaign: int


class Campaigns(Feature):
    """ "Gelezen" on an announcement; the planning form and list answer "coming soon" for now."""

    coming_soon = ComingSoon(
        name={"nl": "Campagnes plannen in Teams", "en": "Planning campaigns in Teams"},
        verbs=(NEW_VERB, SAVE_VERB, PREVIEW_VERB, CANCEL_VERB),
    )

    def __init__(self, context: FeatureContext) -> None:
        """Keep acknowledgements in the campaign store."""
        self._campaigns = CampaignStore(context.database, context.clock)

    @verb("campaign.read")
    async def read(self, turn: Turn, payload: CampaignRead) -> Reply:
        """Record "Gelezen" once; the card then says when it was read."""
        language = turn.person.language
        campaign = await self._campaigns.get(payload.campaign)
        if campaign is None or campaign.content.kind != "message" or not campaign.content.text:
            logger.info("A campaign card for an unknown campaign was clicked.")
            return Reply(stale_card(language))
        read_at = await self._campaigns.acknowledge(campaign.id, turn.person.key)
        return Reply(
            announcement_card(
                campaign.title, campaign.content.text, language,
                campaign_id=campaign.id, acknowledge=True, read_on=read_at.date(),
            )
        )  # fmt: skip
