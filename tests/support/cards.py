"""Reading cards in tests: every text a person would see on one."""

from __future__ import annotations

from typing import Any


def card_text(card: Any) -> str:
    """Every text shown on a card (text blocks, fact titles and values, button titles), joined."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key in ("text", "title", "value"):
                if isinstance(node.get(key), str):
                    parts.append(node[key])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card)
    return "\n".join(parts)
