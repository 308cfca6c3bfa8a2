"""Teams' rules, checked on every card built for every item of the bundled library."""

from __future__ import annotations

import json

from cli.card_catalogue import KINDS
from tests.support.cards import NamedCards, card_nodes

INPUT_TYPES = {"Input.Text", "Input.Number", "Input.Date", "Input.Time", "Input.Toggle",
               "Input.ChoiceSet"}  # fmt: skip
MAX_BYTES = 40 * 1024
IDENTITY_KEYS = {"user", "userid", "user_id", "aadobjectid", "from", "upn", "email"}


def test_every_kind_has_cards_in_both_languages(every_card: NamedCards) -> None:
    names = {name.split("/")[0] + "/" + name.split("/")[1] for name, _ in every_card}
    assert {f"{kind.name}/{lang}" for kind in KINDS for lang in ("nl", "en")} <= names
    assert len(every_card) > 400  # one per question, briefing and team, in two languages


def test_version_and_size(every_card: NamedCards) -> None:
    for name, card in every_card:
        assert card["type"] == "AdaptiveCard" and card["version"] == "1.5", name
        assert len(json.dumps(card).encode()) < MAX_BYTES, name


def test_every_input_has_a_label_and_an_error_message(every_card: NamedCards) -> None:
    for name, card in every_card:
        ids = []
        for node in card_nodes(card):
            if node.get("type") in INPUT_TYPES:
                assert node.get("label") and node.get("errorMessage"), (name, node.get("id"))
                ids.append(node["id"])
        assert len(ids) == len(set(ids)), name


def test_images_have_alt_text(every_card: NamedCards) -> None:
    for name, card in every_card:
        for node in card_nodes(card):
            if node.get("type") == "Image":
                assert node.get("altText"), name


def test_changing_cards_use_execute_with_a_submit_fallback(every_card: NamedCards) -> None:
    executes = 0
    for name, card in every_card:
        # A refresh runs by itself in clients that know Execute; it has no button to fall back.
        for node in card_nodes({k: v for k, v in card.items() if k != "refresh"}):
            if node.get("type") == "Action.Execute":
                executes += 1
                fallback = node.get("fallback")
                assert isinstance(fallback, dict) and fallback["type"] == "Action.Submit", name
                assert fallback["data"] == node["data"] and node["data"]["verb"] == node["verb"]
    assert executes > 100
    refreshing = [card["refresh"]["action"] for _, card in every_card if "refresh" in card]
    assert refreshing and all(
        action["type"] == "Action.Execute" and action["verb"] == action["data"]["verb"]
        for action in refreshing
    )


def test_no_identity_travels_in_card_data(every_card: NamedCards) -> None:
    for name, card in every_card:
        for node in card_nodes(card):
            data = node.get("data") if str(node.get("type", "")).startswith("Action.") else None
            if isinstance(data, dict):
                assert not {key.lower() for key in data} & IDENTITY_KEYS, name


def test_colour_is_never_the_only_meaning(every_card: NamedCards) -> None:
    for name, card in every_card:
        for node in card_nodes(card):
            if node.get("type") == "TextBlock" and node.get("color") not in (None, "Default"):
                text = node["text"]
                assert any(mark in text for mark in "✔✘▲▼=") and any(c.isalpha() for c in text), (
                    name,
                    text,
                )
