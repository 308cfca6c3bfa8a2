"""``mijn gegevens``: a person's own data, to see, export or erase (coming soon)."""

from __future__ import annotations

from cards.my_data import CONFIRM_ERASE_VERB, ERASE_VERB, EXPORT_VERB, KEEP_VERB
from conversation.commands import CommandSpec
from conversation.feature import ComingSoon, Feature


class MyData(Feature):
    """``mijn gegevens`` and the buttons of its card; "coming soon" for now."""

    coming_soon = ComingSoon(
        name={"nl": "Mijn gegevens", "en": "My data"},
        verbs=(EXPORT_VERB, ERASE_VERB, CONFIRM_ERASE_VERB, KEEP_VERB),
        commands=(
            CommandSpec(
                "data",
                {"nl": ("mijn gegevens",), "en": ("my data",)},
                {"nl": "je gegevens inzien of wissen", "en": "see or erase your data"},
                available=False,
            ),
        ),
    )
