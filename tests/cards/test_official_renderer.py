"""Every card, proven with Microsoft's own Adaptive Cards renderer (adaptivecards 3.0.6).

First every card for every item of the bundled library goes through the parser and
``validateProperties`` (zero events allowed); then one card of each kind per language is rendered
in headless Chromium with the Teams light theme, its primary action clicked, and the data that
would reach the bot checked. Screenshots go to ``test-output/cards/`` (ignored by git).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cli.card_catalogue import KINDS, card_kind, example
from content.language import LANGUAGES, Language
from content.loader import Library
from tests.support.card_renderer import (
    NamedCard,
    RenderRequest,
    RenderResult,
    render_cards,
    renderer_unavailable_reason,
    validate_cards,
    validator_unavailable_reason,
)
from tests.support.cards import NamedCards
from tests.support.ci import missing_tool

SCREENSHOTS = Path(__file__).parents[2] / "test-output" / "cards"

# kind: (inputs to fill, the verb or command the primary action sends, data it must carry)
PRIMARY: dict[str, tuple[dict[str, Any], str, dict[str, Any]]] = {
    "welcome": ({}, "command", {"command": "quiz"}),
    "help": ({}, "", {}),
    "briefing": ({}, "briefing.read", {"version": 1}),
    "team": ({}, "command", {"command": "quiz"}),
    "question": ({"answer": "a"}, "quiz.answer", {"round": "example-round", "answer": "a"}),
    "feedback": ({}, "quiz.next", {"round": "example-round", "after": 1}),
    "summary": ({}, "command", {"command": "quiz"}),
    "channel-quiz": ({"answer": "a"}, "channel.answer", {"quiz": "example-quiz", "answer": "a"}),
    "team-choice": (
        {"team": "burgerzaken"},
        "team.choose",
        {"then": "quiz", "team": "burgerzaken"},
    ),
    "checklist": ({}, "checklist.save", {"checklist": "checklist-72-uur"}),
    "progress": ({}, "command", {"command": "quiz"}),
    "readiness": ({}, "attest.open", {}),
    "attestation": (
        {
            "evidence": "Verslag oefening",
            "paper_contacts": True,
            "targets.0": True,
            "tested.0": "2026-05-04",
            "systems_list": "2025-09-01",
        },
        "attest.save",
        {
            "evidence": "Verslag oefening",
            "paper_contacts": "true",
            "targets.0": "true",
            "fallback.0": "false",
            "tested.0": "2026-05-04",
            "systems_list": "2025-09-01",
        },
    ),  # fmt: skip
    "campaign-form": (
        {
            "title": "Oefening",
            "content": "quiz:round",
            "audience": "all",
            "day": "2026-12-14",
            "time": "09:30",
        },
        "campaign.save",
        {
            "title": "Oefening",
            "content": "quiz:round",
            "audience": "all",
            "day": "2026-12-14",
            "time": "09:30",
            "recurrence": "once",
            "acknowledge": "true",
        },
    ),  # fmt: skip
    "campaign-list": ({}, "campaign.new", {}),
    "campaign-figures": ({}, "campaign.list", {}),
    "my-data": ({}, "data.export", {}),
    "announcement": ({}, "campaign.read", {"campaign": 7}),
    "notice": ({}, "", {}),
}


def test_every_card_passes_the_official_validator(every_card: NamedCards) -> None:
    reason = validator_unavailable_reason()
    if reason:
        missing_tool(reason)
    events = validate_cards([NamedCard(name, card) for name, card in every_card])
    assert len(events) == len(every_card)
    problems = {name: found for name, found in events.items() if found}
    assert problems == {}


@pytest.fixture(scope="module")
def rendered(bundled: Library) -> dict[str, RenderResult]:
    reason = renderer_unavailable_reason()
    if reason:
        missing_tool(reason)
    requests = [
        RenderRequest(
            name=f"{kind.name}-{language}",
            card=example(kind, bundled, language, None),
            inputs=PRIMARY[kind.name][0],
        )
        for kind in KINDS
        for language in LANGUAGES
    ]
    return render_cards(requests, SCREENSHOTS)


def test_every_kind_has_an_expected_primary_action() -> None:
    assert set(PRIMARY) == {kind.name for kind in KINDS}


@pytest.mark.chromium
@pytest.mark.parametrize("kind", [kind.name for kind in KINDS])
@pytest.mark.parametrize("language", LANGUAGES)
def test_card_renders_and_its_primary_action_submits_the_right_data(
    rendered: dict[str, RenderResult], kind: str, language: Language
) -> None:
    result = rendered[f"{kind}-{language}"]
    assert result.errors == [] and result.invalid_inputs == []
    assert result.png is not None and result.png.stat().st_size > 2000
    assert result.width > 200 and result.height > 60
    _inputs, verb, expected = PRIMARY[kind]
    if not verb:  # a card without actions: nothing to click
        assert result.clicked is None and result.actions == []
        return
    clicked = result.clicked
    assert clicked is not None and isinstance(clicked.data, dict)
    assert clicked.data["verb"] == verb
    assert {key: clicked.data.get(key) for key in expected} == expected
    if clicked.type == "Action.Execute":
        assert clicked.verb == verb


def test_a_preview_of_an_unknown_item_names_the_known_ones(bundled: Library) -> None:
    with pytest.raises(KeyError, match="there are: burgerzaken"):
        example(card_kind("team"), bundled, "nl", "kantine")
