"""The card harness itself (tests/support/card_renderer.py), on hand-written cards.

Each bad card must give exactly the events listed, a clean card none; rendering must fill inputs,
click and report what Teams' host would receive. Screenshots: test-output/cards/harness-*.png.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest

from tests.support.card_renderer import (
    REPO,
    CardEvent,
    CardToolError,
    ClickedAction,
    NamedCard,
    RenderRequest,
    RenderResult,
    render_cards,
    renderer_unavailable_reason,
    validate_cards,
    validator_unavailable_reason,
)
from tests.support.ci import missing_tool

OUT = REPO / "test-output" / "cards"


def card(*body: dict[str, Any], actions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """An Adaptive Card 1.5 with ``body`` and ``actions``."""
    result: dict[str, Any] = {"type": "AdaptiveCard", "version": "1.5", "body": list(body)}
    if actions is not None:
        result["actions"] = actions
    return result


def text(value: str, **extra: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": value, "wrap": True, **extra}


def text_input(input_id: str, **extra: Any) -> dict[str, Any]:
    return {"type": "Input.Text", "id": input_id, **extra}


def submit(title: str, **extra: Any) -> dict[str, Any]:
    return {"type": "Action.Submit", "title": title, **extra}


CLEAN = {
    "type": "AdaptiveCard",
    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
    "version": "1.5",
    "msteams": {"width": "Full"},
    "body": [
        text("Welkom", size="Large", weight="Bolder", style="heading"),
        text("Een **vet** woord en een [link](https://example.com).\n- een\n- twee"),
        {"type": "FactSet", "facts": [{"title": "Team", "value": "Balie"}]},
        {
            "type": "ColumnSet",
            "columns": [
                {"type": "Column", "width": "auto", "items": [text("links")]},
                {"type": "Column", "width": "stretch", "items": [text("rechts", isSubtle=True)]},
            ],
        },
        {
            "type": "Container",
            "style": "emphasis",
            "items": [text("In een blok", size="Small")],
            "selectAction": {"type": "Action.OpenUrl", "url": "https://example.com"},
        },
        {
            "type": "Image",
            "url": "https://example.com/logo.png",
            "altText": "Logo",
            "size": "Small",
        },
        text_input("naam", label="Naam", isRequired=True, errorMessage="Vul je naam in"),
        {
            "type": "Input.ChoiceSet",
            "id": "keuze",
            "label": "Keuze",
            "style": "expanded",
            "choices": [{"title": "A", "value": "a"}, {"title": "B", "value": "b"}],
        },
        {"type": "Input.Toggle", "id": "ok", "label": "Akkoord", "title": "Ja", "value": "false"},
        {
            "type": "Table",
            "columns": [{"width": 1}, {"width": 2}],
            "rows": [
                {
                    "type": "TableRow",
                    "cells": [
                        {"type": "TableCell", "items": [text("a")]},
                        {"type": "TableCell", "items": [text("b")]},
                    ],
                }
            ],
        },
        {
            "type": "ActionSet",
            "actions": [
                {"type": "Action.ShowCard", "title": "Meer", "card": card(text("Binnen"))},
            ],
        },
    ],
    "actions": [
        {
            "type": "Action.Execute",
            "title": "Verstuur",
            "verb": "send",
            "data": {"verb": "send"},
            "style": "positive",
            "fallback": submit("Verstuur", data={"verb": "send"}),
        },
        {"type": "Action.ToggleVisibility", "title": "Toon", "targetElements": ["naam"]},
    ],
}

TWO_LABELLED_A = [text_input("a", label="Een"), text_input("a", label="Twee")]
Expected = list[tuple[str, str, str | None]]
BAD_CARDS: list[tuple[str, dict[str, Any], Expected]] = [
    ("unknown-element", card({"type": "Foo"}), [("Parse", "UnknownElementType", None)]),
    (
        "bad-enum",
        card(text("x", size="Huge")),
        [("Parse", "InvalidPropertyValue", "TextBlock")],
    ),
    ("duplicate-id", card(*TWO_LABELLED_A), [("Validation", "DuplicateId", "Input.Text")]),
    (
        "required-without-label",
        card(text_input("a", isRequired=True, errorMessage="Verplicht")),
        [("Validation", "RequiredInputsShouldHaveLabel", "Input.Text")],
    ),
    (
        "required-without-error-message",
        card(text_input("a", isRequired=True, label="A")),
        [("Validation", "RequiredInputsShouldHaveErrorMessage", "Input.Text")],
    ),
    (
        "input-without-id",
        card({"type": "Input.Text", "label": "A"}),
        [("Validation", "PropertyCantBeNull", "Input.Text")],
    ),
    # Not detected by the library: a missing label on an input that is not required.
    ("optional-input-without-label", card(text_input("a")), []),
    # 1.6 element: the library knows Carousel but not below 1.6, so "unknown" at 1.5.
    (
        "carousel-1.6",
        card({"type": "Carousel", "pages": [{"type": "CarouselPage", "items": [text("x")]}]}),
        [("Parse", "UnknownElementType", None)],
    ),
    # Icon is not in adaptivecards 3.0.6 at all.
    ("icon", card({"type": "Icon", "name": "Calendar"}), [("Parse", "UnknownElementType", None)]),
    (
        "label-position-1.6",
        card(text_input("a", label="A", labelPosition="inline")),
        [("Parse", "UnsupportedProperty", "Input.Text")],
    ),
    (
        "action-role-1.6",
        card(actions=[submit("S", role="Link")]),
        [("Parse", "UnsupportedProperty", "Action.Submit")],
    ),
    (
        "unknown-action",
        card(actions=[{"type": "Action.Bogus", "title": "B"}]),
        [("Parse", "UnknownActionType", None)],
    ),
    (
        "typo-property",
        card(text("x", wieght="Bolder")),
        [("Harness", "UnknownProperty", "TextBlock")],
    ),
    (
        "version-1.6",
        {**card(text("x")), "version": "1.6"},
        [("Harness", "UnsupportedCardVersion", "AdaptiveCard")],
    ),
    (
        "no-version",
        {"type": "AdaptiveCard", "body": [text("x")]},
        [("Harness", "MissingCardVersion", "AdaptiveCard")],
    ),
    (
        "too-many-actions",
        card(actions=[submit(str(n)) for n in range(7)]),
        [("Validation", "TooManyActions", "AdaptiveCard")],
    ),
    (
        "open-url-without-url",
        card(actions=[{"type": "Action.OpenUrl", "title": "Open"}]),
        [("Validation", "PropertyCantBeNull", "Action.OpenUrl")],
    ),
    (
        "empty-choice-set",
        card({"type": "Input.ChoiceSet", "id": "c", "label": "C", "choices": []}),
        [("Validation", "CollectionCantBeEmpty", "Input.ChoiceSet")],
    ),
]


@pytest.fixture(scope="module")
def events() -> dict[str, list[CardEvent]]:
    """Every hand-written card validated in one run of validate.cjs."""
    reason = validator_unavailable_reason()
    if reason:
        missing_tool(reason)
    cards = [NamedCard("clean", CLEAN)] + [NamedCard(name, c) for name, c, _ in BAD_CARDS]
    return validate_cards(cards)


def test_a_clean_card_has_no_events(events: dict[str, list[CardEvent]]) -> None:
    assert events["clean"] == []


@pytest.mark.parametrize(("name", "expected"), [(name, exp) for name, _, exp in BAD_CARDS])
def test_a_bad_card_gives_exactly_its_event(
    events: dict[str, list[CardEvent]], name: str, expected: Expected
) -> None:
    got = [(event.phase, event.code, event.source) for event in events[name]]
    assert got == expected, events[name]


def test_events_name_the_input(events: dict[str, list[CardEvent]]) -> None:
    (duplicate,) = events["duplicate-id"]
    assert duplicate.id == "a" and duplicate.message == 'Duplicate Id "a".'
    (unknown,) = events["unknown-element"]
    assert '"Foo"' in unknown.message


def test_a_script_failure_shows_nodes_stderr() -> None:
    reason = validator_unavailable_reason()
    if reason:
        missing_tool(reason)
    broken = NamedCard("broken", cast("dict[str, Any]", ["not", "a", "card"]))
    with pytest.raises(CardToolError, match=r'(?s)exit 2.*must have an object "card"'):
        validate_cards([broken])


FORM = card(
    text("Vraag 1", size="Large", weight="Bolder", style="heading"),
    {
        "type": "Input.ChoiceSet",
        "id": "answer",
        "label": "Je antwoord",
        "style": "expanded",
        "choices": [{"title": "Water", "value": "a"}, {"title": "Brood", "value": "b"}],
    },
    {"type": "Input.Toggle", "id": "agree", "label": "Akkoord", "title": "Ik doe mee"},
    text_input("note", label="Notitie", placeholder="Typ iets"),
    actions=[
        {"type": "Action.Execute", "title": "Verstuur", "verb": "x", "data": {"verb": "x", "q": 1}},
        {"type": "Action.OpenUrl", "title": "Meer weten", "url": "https://example.com/uitleg"},
    ],
)
EVERY_INPUT = card(
    {
        "type": "Input.ChoiceSet",
        "id": "multi",
        "label": "Meerdere",
        "isMultiSelect": True,
        "choices": [{"title": t, "value": t.lower()} for t in ("X", "Y", "Z")],
    },
    {
        "type": "Input.ChoiceSet",
        "id": "compact",
        "label": "Eén",
        "choices": [{"title": "P", "value": "p"}, {"title": "Q", "value": "q"}],
    },
    {"type": "Input.Date", "id": "day", "label": "Dag"},
    {"type": "Input.Time", "id": "time", "label": "Tijd"},
    {"type": "Input.Number", "id": "count", "label": "Aantal"},
    {"type": "Input.Toggle", "id": "yes", "label": "Wel", "title": "Ja", "valueOn": "ja"},
    text_input("long", label="Lang", isMultiline=True),
    {"type": "ActionSet", "actions": [submit("Stuur", data={"k": "v"})]},
)
RENDERS = [
    RenderRequest(
        "harness-form", FORM, inputs={"answer": "b", "agree": True, "note": "hallo daar"}
    ),
    RenderRequest(
        "harness-every-input",
        EVERY_INPUT,
        inputs={
            "multi": ["x", "z"],
            "compact": "q",
            "day": "2024-05-01",
            "time": "14:30",
            "count": 7,
            "yes": "ja",
            "long": "regel",
        },
    ),
    RenderRequest("harness-open-url", FORM, click="Meer weten"),
    RenderRequest(
        "harness-required",
        card(
            text_input("r", label="Naam", isRequired=True, errorMessage="Vul je naam in"),
            actions=[submit("Stuur")],
        ),
    ),
    RenderRequest("harness-no-click", FORM, click=None),
    RenderRequest("harness-wrong-title", FORM, click="Bestaat niet", inputs={"nope": "x"}),
    RenderRequest("harness-clean", CLEAN, click=None),
]


@pytest.fixture(scope="module")
def rendered() -> Iterator[dict[str, RenderResult]]:
    """Every render request in one Chromium run."""
    reason = renderer_unavailable_reason()
    if reason:
        missing_tool(reason)
    yield render_cards(RENDERS, OUT)


@pytest.mark.chromium
def test_execute_sends_its_data_with_the_inputs(rendered: dict[str, RenderResult]) -> None:
    result = rendered["harness-form"]
    assert result.errors == []
    assert result.actions == ["Verstuur", "Meer weten"]
    assert result.clicked == ClickedAction(
        type="Action.Execute",
        title="Verstuur",
        verb="x",
        data={"verb": "x", "q": 1, "answer": "b", "agree": "true", "note": "hallo daar"},
    )


@pytest.mark.chromium
def test_submit_in_an_action_set_with_every_kind_of_input(
    rendered: dict[str, RenderResult],
) -> None:
    result = rendered["harness-every-input"]
    assert result.errors == []
    assert result.clicked == ClickedAction(
        type="Action.Submit",
        title="Stuur",
        data={
            "k": "v",
            "multi": "x,z",
            "compact": "q",
            "day": "2024-05-01",
            "time": "14:30",
            "count": "7",
            "yes": "ja",
            "long": "regel",
        },
    )


@pytest.mark.chromium
def test_open_url(rendered: dict[str, RenderResult]) -> None:
    result = rendered["harness-open-url"]
    assert result.clicked == ClickedAction(
        type="Action.OpenUrl", title="Meer weten", url="https://example.com/uitleg"
    )


@pytest.mark.chromium
def test_an_empty_required_input_stops_the_click(rendered: dict[str, RenderResult]) -> None:
    result = rendered["harness-required"]
    assert result.clicked is None and result.invalid_inputs == ["r"] and result.errors == []


@pytest.mark.chromium
def test_no_click_and_a_wrong_title(rendered: dict[str, RenderResult]) -> None:
    assert rendered["harness-no-click"].clicked is None
    assert rendered["harness-no-click"].errors == []
    wrong = rendered["harness-wrong-title"]
    assert wrong.clicked is None
    assert any('no action titled "Bestaat niet"' in error for error in wrong.errors)
    assert any('no rendered input with id "nope"' in error for error in wrong.errors)


@pytest.mark.chromium
def test_a_clean_card_renders_without_errors_and_the_network_is_refused(
    rendered: dict[str, RenderResult],
) -> None:
    result = rendered["harness-clean"]
    assert result.errors == []
    assert result.actions == ["Verstuur", "Toon", "Meer"]  # the card's own actions first
    assert result.blocked == ["https://example.com/logo.png"]


@pytest.mark.chromium
@pytest.mark.parametrize("name", [request.name for request in RENDERS])
def test_the_screenshot_is_a_real_png(rendered: dict[str, RenderResult], name: str) -> None:
    result = rendered[name]
    assert result.png is not None and result.png == OUT / f"{name}.png"
    data = Path(result.png).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 2000
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (result.width, result.height)
    assert 440 < result.width < 480 and result.height > 50
