"""Reading cards in tests: every text a person would see on one."""

from __future__ import annotations

from typing import Any

NamedCards = list[tuple[str, dict[str, Any]]]
"""(``kind/language/item``, card) pairs, as the catalogue builds them."""


def card_nodes(card: Any) -> list[dict[str, Any]]:
    """Every object inside a card (elements, inputs, actions...), depth first."""
    found: list[dict[str, Any]] = []
    if isinstance(card, dict):
        found.append(card)
        for value in card.values():
            found.extend(card_nodes(value))
    elif isinstance(card, list):
        for item in card:
            found.extend(card_nodes(item))
    return found


def ticked_toggles(card: Any) -> set[str]:
    """The ids of the toggles that are on."""
    return {
        node["id"]
        for node in card_nodes(card)
        if node.get("type") == "Input.Toggle" and node.get("value") == "true"
    }


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


ACTION_TYPES = frozenset({"Action.Execute", "Action.Submit"})


def card_verbs(card: Any) -> set[str]:
    """Every verb a card can send: its buttons' (and fallbacks') and its refresh action's."""
    verbs: set[str] = set()
    for node in card_nodes(card):
        if node.get("type") not in ACTION_TYPES:
            continue
        data = node.get("data")
        for found in (node.get("verb"), data.get("verb") if isinstance(data, dict) else None):
            if isinstance(found, str):
                verbs.add(found)
    return verbs
