"""Cards that fit a phone: long parts folded under bars that open one at a time.

First what the cards say (the checklist's groups with their progress, the team card's processes,
the briefing's later sections, one "Bronnen" bar with links titled in the card's language); then,
in Microsoft's renderer at a phone's width, that a tap opens a part and closes the others, and
that "Opslaan" still sends the toggles of folded groups. Screenshots, before and after the taps:
``test-output/cards/phone/``.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cards.briefing import briefing_card
from cards.checklist import INPUT_PREFIX, changed_group, checklist_card
from cards.common import site_name, source_label, source_language
from cards.team import team_card
from cli.card_catalogue import card_kind, example
from content.language import Language
from content.loader import Library
from content.model import PersonalChecklist, Source
from tests.support.card_renderer import (
    RenderRequest,
    RenderResult,
    render_cards,
    renderer_unavailable_reason,
)
from tests.support.cards import NamedCards, card_nodes, card_text
from tests.support.ci import missing_tool

PHONE = 360
SCREENSHOTS = Path(__file__).parents[2] / "test-output" / "cards"


@dataclass(frozen=True)
class Bar:
    """A fold as a reader meets it: the bar's title, the id of what it opens, and its state."""

    title: str
    body: str
    open: bool


def bars(card: dict[str, Any]) -> list[Bar]:
    """Every fold's bar in the card, top to bottom."""
    shown = {node["id"]: node.get("isVisible", True) for node in card_nodes(card) if "id" in node}
    found = []
    for node in card_nodes(card):
        action = node.get("selectAction")
        if isinstance(action, dict) and action["type"] == "Action.ToggleVisibility":
            body = action["targetElements"][0]["elementId"]
            found.append(Bar(action["title"], body, shown[body]))
    return found


def element(card: dict[str, Any], element_id: str) -> dict[str, Any]:
    """The element with ``element_id``."""
    return next(node for node in card_nodes(card) if node.get("id") == element_id)


def visible_text(card: Any) -> str:
    """The texts a reader sees before opening anything (input labels too), joined."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict) and node.get("isVisible") is not False:
            for key in ("text", "title", "value", "label"):
                if isinstance(node.get(key), str):
                    parts.append(node[key])
            for key, value in node.items():
                if key != "selectAction":
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card)
    return "\n".join(parts)


def body_of(card: dict[str, Any], title: str) -> dict[str, Any]:
    """What the bar titled ``title`` opens."""
    return element(card, next(bar.body for bar in bars(card) if bar.title == title))


# ---------------------------------------------------------------- what the cards say


def test_the_checklist_shows_its_groups_folded_with_their_progress(bundled: Library) -> None:
    checklist = checklist_of(bundled, "nl")
    first, second, *rest = checklist.groups
    done = {first.items[0].id} | {item.id for item in second.items}
    card = checklist_card(checklist, done, "nl")
    titles = [bar.title for bar in bars(card)]
    assert titles == [
        f"{first.title}: 1 van {len(first.items)}",
        f"✔ {second.title}: {len(second.items)} van {len(second.items)}",
        *(f"{group.title}: 0 van {len(group.items)}" for group in rest),
        f"Bronnen ({len(checklist.sources)})",
    ]
    assert not any(bar.open for bar in bars(card))
    assert "Open een onderdeel" in visible_text(card)
    assert first.items[0].text not in visible_text(card)
    # Every item is still on the card, once, inside its group, with its tick.
    water = body_of(card, titles[0])
    assert [node["id"] for node in card_nodes(water) if node["type"] == "Input.Toggle"] == [
        f"{INPUT_PREFIX}{item.id}" for item in first.items
    ]
    ticked = {n["id"] for n in card_nodes(card) if n.get("value") == "true"}
    assert ticked == {f"{INPUT_PREFIX}{item}" for item in done}


def test_the_checklist_is_in_english_for_english_readers(bundled: Library) -> None:
    checklist = checklist_of(bundled, "en")
    group = checklist.groups[0]
    card = checklist_card(checklist, {group.items[0].id}, "en")
    assert bars(card)[0].title == f"{group.title}: 1 of {len(group.items)}"
    assert bars(card)[-1].title == f"Sources ({len(checklist.sources)})"
    assert "Open a part. Tick what you have done and choose **Save**." in visible_text(card)


def test_saving_sends_the_same_data_as_before(bundled: Library) -> None:
    checklist = checklist_of(bundled, "nl")
    save, printing = checklist_card(checklist, set(), "nl")["actions"]
    assert printing["title"] == "Afdrukken"
    assert save["title"] == "Opslaan" and save["verb"] == "checklist.save"
    assert save["data"] == {
        "checklist": checklist.id,
        "version": checklist.version,
        "verb": "checklist.save",
    }


def test_the_saved_checklist_opens_the_group_just_worked_in(bundled: Library) -> None:
    checklist = checklist_of(bundled, "nl")
    third = checklist.groups[2]
    card = checklist_card(checklist, set(), "nl", saved=True, opened=third.id)
    assert [bar.open for bar in bars(card)] == [
        group.id == third.id for group in checklist.groups
    ] + [False]
    assert visible_text(card).startswith("✔ Opgeslagen")
    assert third.items[0].text in visible_text(card)


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (set(), {"radio"}, "licht-en-radio"),
        ({"radio", "ehbo"}, {"radio"}, "gezondheid"),
        ({"ehbo"}, {"ehbo", "water-3-liter"}, "water-en-eten"),  # the first group changed
        ({"radio"}, {"radio"}, None),
    ],
)
def test_the_group_worked_in_is_the_first_whose_ticks_changed(
    bundled: Library, before: Set[str], after: Set[str], expected: str | None
) -> None:
    assert changed_group(checklist_of(bundled, "nl"), before, after) == expected


def test_the_team_card_folds_each_process_under_its_name(bundled: Library) -> None:
    content = bundled["nl"]
    assert content.organisation is not None
    team = next(t for t in content.organisation.teams() if t.id == "burgerzaken")
    profile = content.teams["burgerzaken"]
    card = team_card(team, profile, [], "nl")
    names = [process.name for process in profile.processes]
    assert [bar.title for bar in bars(card)] == [*names, f"Bronnen ({len(profile.sources)})"]
    assert not any(bar.open for bar in bars(card))
    shown = visible_text(card)
    assert profile.processes[0].fallback not in shown
    # Whom to call and where to go stay in view.
    assert all(contact.role in shown for contact in profile.contacts)
    assert "Waar?" in shown and profile.assembly_point in shown
    assert profile.processes[0].fallback in card_text(body_of(card, names[0]))


def test_a_briefing_keeps_its_first_section_open_and_folds_the_others(bundled: Library) -> None:
    briefing = next(iter(bundled["nl"].briefings.values()))
    card = briefing_card(briefing, "nl")
    first, *rest = briefing.sections
    assert [bar.title for bar in bars(card)] == [
        *(section.heading for section in rest),
        f"Bronnen ({len(briefing.sources)})",
    ]
    shown = visible_text(card)
    assert first.heading in shown and "Wat doe jij?" in shown
    assert all(action in shown for action in briefing.key_actions)
    assert rest[0].heading in shown and rest[0].body[:40] not in shown


def test_one_source_gets_a_bar_without_a_count(bundled: Library) -> None:
    content = bundled["nl"]
    assert content.organisation is not None
    profile = next(p for p in content.teams.values() if len(p.sources) == 1)
    team = next(t for t in content.organisation.teams() if t.id == profile.team)
    assert bars(team_card(team, profile, [], "nl"))[-1].title == "Bron"


def test_a_dutch_card_names_english_sources_by_their_site(bundled: Library) -> None:
    checklist = checklist_of(bundled, "nl")
    card = checklist_card(checklist, set(), "nl")
    links = card_text(body_of(card, f"Bronnen ({len(checklist.sources)})"))
    assert "[denkvooruit.nl (in het Engels)](https://english.denkvooruit.nl/" in links
    assert "[Drinkwater in uw noodpakket](https://www.brabantwater.nl/" in links
    english_titles = [s.title for s in checklist.sources if "english." in str(s.url)]
    assert english_titles and not any(title in card_text(card) for title in english_titles)
    assert links.count("\n- ") == len(checklist.sources) - 1  # a link per line


def source(title: str, url: str) -> Source:
    return Source.model_validate({"title": title, "url": url})


@pytest.mark.parametrize(
    ("title", "url", "language"),
    [
        ("The siren", "https://english.denkvooruit.nl/prepare-yourself/the-siren", "en"),
        ("Drinking water", "https://english.denkvooruit.nl/risks/drinking-water", "en"),
        ("Government launches Think Ahead", "https://openrijk.nl/en/artikel/1", "en"),
        ("What does the emergency kit contain?", "https://www.government.nl/kit", "en"),
        ("Geen stroom", "https://www.denkvooruit.nl/risicos/geen-stroom", "nl"),
        ("Begraven of cremeren", "https://www.gemeentebeek.nl/begraven", "nl"),
        ("Hitte", "https://www.rivm.nl/hitte", "nl"),
        ("Wat stopt u in een noodpakket?", "https://www.vrgooienvechtstreek.nl/x", "nl"),
    ],
)
def test_the_language_of_a_source(title: str, url: str, language: Language) -> None:
    assert source_language(source(title, url)) == language


def test_a_source_in_the_other_language_is_labelled_with_its_site() -> None:
    english = source("The siren", "https://english.denkvooruit.nl/the-siren")
    dutch = source("Geen stroom", "https://www.denkvooruit.nl/geen-stroom")
    assert source_label(english, "nl") == "denkvooruit.nl (in het Engels)"
    assert source_label(english, "en") == "The siren"
    assert source_label(dutch, "nl") == "Geen stroom"
    assert source_label(dutch, "en") == "denkvooruit.nl (in Dutch)"
    assert site_name("https://WWW.Rivm.nl/hitte") == "rivm.nl"


def test_every_bar_opens_and_closes_elements_that_exist(every_card: NamedCards) -> None:
    folded = 0
    for name, card in every_card:
        ids = {node["id"] for node in card_nodes(card) if "id" in node}
        for node in card_nodes(card):
            action = node.get("selectAction")
            if isinstance(action, dict) and action["type"] == "Action.ToggleVisibility":
                folded += 1
                targets = {target["elementId"] for target in action["targetElements"]}
                assert targets <= ids, (name, targets - ids)
                assert action.get("title"), name  # Teams reads it out and shows it as a tip
    assert folded > 100


def checklist_of(library: Library, language: Language) -> PersonalChecklist:
    checklist = library.for_language(language).checklist
    assert checklist is not None
    return checklist


# ---------------------------------------------------------------- in Microsoft's renderer


def hidden_toggle_card(*, in_show_card: bool) -> dict[str, Any]:
    """A ticked toggle out of sight, in a folded container or in an Action.ShowCard."""
    toggle = {"type": "Input.Toggle", "id": "tick", "label": "Water", "value": "true"}
    save = {"type": "Action.Submit", "title": "Opslaan", "data": {"verb": "save"}}
    if in_show_card:
        inner = {"type": "AdaptiveCard", "version": "1.5", "body": [toggle]}
        show = {"type": "Action.ShowCard", "title": "Open", "card": inner}
        body: list[dict[str, Any]] = [{"type": "ActionSet", "actions": [show]}]
    else:
        body = [{"type": "Container", "id": "part", "isVisible": False, "items": [toggle]}]
    return {"type": "AdaptiveCard", "version": "1.5", "body": body, "actions": [save]}


def _phone(name: str, card: dict[str, Any], *clicks: str, **extra: Any) -> RenderRequest:
    click = clicks or None
    return RenderRequest(
        f"phone/{name}", card, click=click, after=bool(clicks), width=PHONE, **extra
    )


@pytest.fixture(scope="module")
def rendered(bundled: Library) -> dict[str, RenderResult]:
    """The folding cards at a phone's width, tapped, in one Chromium run."""
    reason = renderer_unavailable_reason()
    if reason:
        missing_tool(reason)
    requests: list[RenderRequest] = []
    for language in ("nl", "en"):
        checklist = example(card_kind("checklist"), bundled, language, None)
        first, second = (bar.title for bar in bars(checklist)[:2])
        requests += [
            _phone(f"checklist-{language}", checklist, first),
            _phone(f"checklist-{language}-one-at-a-time", checklist, first, second),
        ]
        team = example(card_kind("team"), bundled, language, "burgerzaken")
        requests.append(_phone(f"team-{language}", team, bars(team)[1].title))
        briefing = example(card_kind("briefing"), bundled, language, None)
        requests.append(_phone(f"briefing-{language}", briefing, bars(briefing)[0].title))
        requests.append(_phone(f"briefing-{language}-sources", briefing, bars(briefing)[-1].title))
    saved = example(card_kind("checklist"), bundled, "nl", "checklist-72-uur@saved")
    first_open = bars(saved)[0].title
    requests += [
        # Tick in the open group, fold it, then save: every toggle is still sent.
        _phone(
            "checklist-nl-saved", saved, first_open, "Opslaan", inputs={"item.water-bewaren": True}
        ),
        _phone("hidden-toggle-folded", hidden_toggle_card(in_show_card=False), "Opslaan"),
        _phone("hidden-toggle-show-card", hidden_toggle_card(in_show_card=True), "Opslaan"),
    ]
    return render_cards(requests, SCREENSHOTS)


@pytest.mark.chromium
@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_tap_on_a_group_opens_it_and_the_card_grows(
    rendered: dict[str, RenderResult], bundled: Library, language: Language
) -> None:
    result = rendered[f"phone/checklist-{language}"]
    assert result.errors == []
    assert result.width < 380 and result.png is not None and result.png_after is not None
    card = example(card_kind("checklist"), bundled, language, None)
    groups = [bar.body for bar in bars(card)]
    assert result.clicked is not None and result.clicked.type == "Action.ToggleVisibility"
    assert groups[0] not in result.hidden and set(groups[1:]) <= set(result.hidden)
    assert f"{groups[0]}.open" not in result.hidden and f"{groups[0]}.closed" in result.hidden
    assert png_height(result.png_after) > result.height + 300


@pytest.mark.chromium
@pytest.mark.parametrize("language", ["nl", "en"])
def test_opening_a_second_group_closes_the_first(
    rendered: dict[str, RenderResult], bundled: Library, language: Language
) -> None:
    result = rendered[f"phone/checklist-{language}-one-at-a-time"]
    assert result.errors == []
    card = example(card_kind("checklist"), bundled, language, None)
    groups = [bar.body for bar in bars(card)]
    assert groups[1] not in result.hidden
    assert {groups[0], f"{groups[0]}.open"} <= set(result.hidden)
    assert f"{groups[0]}.closed" not in result.hidden


@pytest.mark.chromium
def test_save_sends_the_toggles_of_folded_groups_too(
    rendered: dict[str, RenderResult], bundled: Library
) -> None:
    result = rendered["phone/checklist-nl-saved"]
    assert result.errors == [] and result.invalid_inputs == []
    checklist = checklist_of(bundled, "nl")
    clicked = result.clicked
    assert clicked is not None and clicked.type == "Action.Execute"
    assert clicked.verb == "checklist.save"
    items = {key: value for key, value in clicked.data.items() if key.startswith(INPUT_PREFIX)}
    assert set(items) == {
        f"{INPUT_PREFIX}{item.id}" for group in checklist.groups for item in group.items
    }
    assert items["item.water-bewaren"] == "true" and items["item.radio"] == "true"
    assert items["item.zaklamp"] == "false"
    saved = example(card_kind("checklist"), bundled, "nl", "checklist-72-uur@saved")
    assert {bar.body for bar in bars(saved)} <= set(result.hidden)  # all folded when sent


@pytest.mark.chromium
def test_folded_inputs_are_sent_but_those_in_a_show_card_are_not(
    rendered: dict[str, RenderResult],
) -> None:
    """Why the folds use Action.ToggleVisibility and not Action.ShowCard."""
    folded = rendered["phone/hidden-toggle-folded"].clicked
    assert folded is not None and folded.data == {"verb": "save", "tick": "true"}
    in_show_card = rendered["phone/hidden-toggle-show-card"].clicked
    assert in_show_card is not None and in_show_card.data == {"verb": "save"}


@pytest.mark.chromium
@pytest.mark.parametrize(
    "name",
    [
        "team-nl",
        "team-en",
        "briefing-nl",
        "briefing-en",
        "briefing-nl-sources",
        "briefing-en-sources",
    ],
)
def test_a_tap_opens_a_process_a_section_or_the_sources(
    rendered: dict[str, RenderResult], name: str
) -> None:
    result = rendered[f"phone/{name}"]
    assert result.errors == [] and result.png_after is not None
    clicked = result.clicked
    assert clicked is not None and clicked.type == "Action.ToggleVisibility"
    assert png_height(result.png_after) > result.height + 40


def png_height(png: Path) -> int:
    """The height of a PNG in pixels, from its header."""
    return int.from_bytes(png.read_bytes()[20:24], "big")
