"""Turn a typed card into the JSON dict Teams receives."""

from __future__ import annotations

from typing import Any

from microsoft_teams.cards import AdaptiveCard

CARD_VERSION = "1.5"


def to_json(card: AdaptiveCard) -> dict[str, Any]:
    """The card as Adaptive Card 1.5 JSON, without empty fields."""
    data: dict[str, Any] = card.model_dump(by_alias=True, exclude_none=True)
    data["version"] = CARD_VERSION
    data.setdefault("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
    return data
