"""Campaigns in the chat: the communications team plans what goes to whom and when (coming soon)."""

from __future__ import annotations

from cards.campaigns import CANCEL_VERB, NEW_VERB, PREVIEW_VERB, SAVE_VERB
from conversation.feature import ComingSoon, Feature


class Campaigns(Feature):
    """The campaign form and list; their buttons answer "coming soon" until campaigns exist."""

    coming_soon = ComingSoon(
        name={"nl": "Campagnes plannen", "en": "Planning campaigns"},
        verbs=(NEW_VERB, SAVE_VERB, PREVIEW_VERB, CANCEL_VERB),
    )
