"""Readiness in the chat: managers see their teams' readiness and attest arrangements (coming
soon)."""

from __future__ import annotations

from cards.attestation import SAVE_VERB as ATTEST_SAVE_VERB
from cards.readiness import ATTEST_VERB, NUDGE_VERB, SHOW_VERB
from conversation.commands import CommandSpec
from conversation.feature import ComingSoon, Feature


class Readiness(Feature):
    """The readiness and attestation cards; their buttons answer "coming soon" for now."""

    coming_soon = ComingSoon(
        name={"nl": "Paraatheid van je teams", "en": "Your teams' readiness"},
        verbs=(NUDGE_VERB, ATTEST_VERB, ATTEST_SAVE_VERB, SHOW_VERB),
        commands=(
            CommandSpec(
                "readiness",
                {"nl": ("gereedheid",), "en": ("readiness",)},
                {
                    "nl": "hoe paraat je teams zijn (leidinggevenden)",
                    "en": "how ready your teams are (managers)",
                },
                available=False,
            ),
        ),
    )
