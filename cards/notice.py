"""A short note card: for errors and for features that are not there yet."""

from __future__ import annotations

from typing import Any

from microsoft_teams.cards import AdaptiveCard, TextBlock

from cards.render import to_json


def notice_card(title: str, message: str) -> dict[str, Any]:
    """A card with a bold title and one paragraph."""
    return to_json(
        AdaptiveCard(
            body=[
                TextBlock(text=title, weight="Bolder", wrap=True),
                TextBlock(text=message, wrap=True),
            ]
        )
    )
