"""The pages made from the content model, and the plan: pure functions."""

from __future__ import annotations

import json

import pytest

from content.loader import Library
from sync.rules import html
from sync.rules.canvas import TEXT_CONTROL, Image, Text, canvas
from sync.rules.pages import PageSpec, contents_of, site_pages
from sync.rules.plan import Recorded, State, Verb, needs_draft, needs_promotion, plan

SITE = "/sites/paraat"


def _pages(library: Library, languages: tuple[str, ...] = ("nl",)) -> list[PageSpec]:
    return site_pages(contents_of(library, languages), SITE)  # type: ignore[arg-type]


def test_every_briefing_is_news_and_every_team_and_the_checklist_a_page(bundled: Library) -> None:
    pages = _pages(bundled)
    dutch = bundled["nl"]

    news = {p.key for p in pages if p.news}
    assert news == {f"briefing:{b}:nl" for b in dutch.briefings}
    others = {p.key for p in pages if not p.news}
    assert others == {"overview:weerbaarheid:nl", "checklist:checklist-72-uur:nl"} | {
        f"team:{t}:nl" for t in dutch.teams
    }
    assert len({p.name for p in pages}) == len(pages)
    assert all(p.name.endswith(".aspx") and p.language == "nl" for p in pages)


def test_english_pages_only_for_what_is_written_in_english(bundled: Library) -> None:
    english = [p for p in _pages(bundled, ("nl", "en")) if p.language == "en"]

    assert {p.key.split(":")[1] for p in english if p.news} == set(bundled["en"].briefings)
    assert all(p.name.startswith("en-") for p in english)


def test_the_section_links_every_team_page_and_each_links_back(bundled: Library) -> None:
    pages = {p.key: p for p in _pages(bundled)}
    overview = pages["overview:weerbaarheid:nl"]
    overview_html = _html(overview)

    for team in bundled["nl"].teams:
        team_page = pages[f"team:{team}:nl"]
        assert f'href="{SITE}/SitePages/{team_page.name}"' in overview_html
        assert f'href="{SITE}/SitePages/{overview.name}"' in _html(team_page)
    assert f'href="{SITE}/SitePages/checklist-72-uur.aspx"' in overview_html


def test_a_team_page_says_what_goes_on_whom_to_call_and_where_to_go(bundled: Library) -> None:
    page = next(p for p in _pages(bundled) if p.key == "team:hr:nl")
    text = _html(page)
    profile = bundled["nl"].teams["hr"]

    assert page.title == "Uitval: Personeel en Organisatie"
    for process in profile.processes:
        assert html.inline(process.name) in text
    assert "Mag hoogstens 1 dag stilliggen. Moet binnen 4 uur weer lopen." in text
    assert all(html.inline(contact.role) in text for contact in profile.contacts)
    assert html.inline(profile.assembly_point) in text


def test_pages_use_only_text_web_parts_and_are_the_same_every_time(bundled: Library) -> None:
    first, second = _pages(bundled), _pages(bundled)

    assert [p.canvas for p in first] == [p.canvas for p in second]
    assert [p.hash for p in first] == [p.hash for p in second]
    for page in first:
        controls = json.loads(page.canvas)
        assert [control["controlType"] for control in controls] == [TEXT_CONTROL]


def test_a_change_to_one_briefing_changes_only_its_own_page(bundled: Library) -> None:
    from tests.support.sharepoint import with_briefings

    briefing = bundled["nl"].briefings["wie-beslist"]
    changed = briefing.model_copy(update={"title": "Wie beslist er bij een crisis?"})
    library = with_briefings(bundled, "nl", {**bundled["nl"].briefings, briefing.id: changed})
    before = {p.key: p.hash for p in _pages(bundled)}
    after = {p.key: p.hash for p in _pages(library)}

    assert [key for key in before if before[key] != after[key]] == ["briefing:wie-beslist:nl"]


def test_library_text_is_escaped_and_markdown_becomes_html() -> None:
    assert html.markdown("Eerst **dit**.\n\n- een\n- twee <b>") == (
        "<p>Eerst <strong>dit</strong>.</p><ul><li>een</li><li>twee &lt;b&gt;</li></ul>"
    )
    assert html.inline("[Bron](https://example.nl/a?b=1&c=2)") == (
        '<a href="https://example.nl/a?b=1&amp;c=2">Bron</a>'
    )
    assert html.inline("[x](javascript:alert(1))") == "[x](javascript:alert(1))"


def test_an_image_is_an_image_web_part_with_its_alternative_text() -> None:
    controls = json.loads(canvas("a.aspx", (Text("<p>a</p>"), Image("/sites/x/a.png", "Kaart"))))

    assert [c["controlType"] for c in controls] == [4, 3]
    assert controls[1]["webPartData"]["properties"]["altText"] == "Kaart"
    assert controls[1]["webPartData"]["serverProcessedContent"]["imageSources"] == {
        "imageSource": "/sites/x/a.png"
    }


def _spec(key: str = "briefing:a:nl", canvas_text: str = "[]", news: bool = True) -> PageSpec:
    return PageSpec(key, "item", "nl", f"{key.split(':')[1]}.aspx", "Titel", news, canvas_text)


def _recorded(spec: PageSpec, state: State, **values: object) -> Recorded:
    return Recorded(spec.key, spec.name, 7, state, **values)  # type: ignore[arg-type]


def test_the_plan_creates_new_pages_and_leaves_published_ones_alone() -> None:
    new, same = _spec("briefing:a:nl"), _spec("briefing:b:nl")
    recorded = [_recorded(same, State.PUBLISHED, target_hash=same.hash, draft_hash=same.hash)]

    actions = plan([new, same], recorded)

    assert [(a.verb, a.key) for a in actions] == [(Verb.CREATE, new.key)]


def test_the_plan_updates_changed_pages_and_resumes_unfinished_ones() -> None:
    changed, half = _spec("briefing:a:nl"), _spec("briefing:b:nl")
    recorded = [
        _recorded(changed, State.PUBLISHED, target_hash="old", draft_hash="old"),
        _recorded(half, State.FAILED, draft_hash=half.hash),
    ]

    actions = plan([changed, half], recorded)

    assert [(a.verb, a.key) for a in actions] == [
        (Verb.UPDATE, changed.key), (Verb.RESUME, half.key)
    ]  # fmt: skip
    assert needs_draft(changed, actions[0].recorded)
    assert not needs_draft(half, actions[1].recorded)
    assert needs_promotion(half, actions[1].recorded)


def test_a_page_whose_item_left_the_library_is_unpublished_once() -> None:
    gone = _spec("briefing:gone:nl")
    published = _recorded(gone, State.PUBLISHED, target_hash=gone.hash)
    unpublished = _recorded(gone, State.UNPUBLISHED)

    assert [(a.verb, a.key) for a in plan([], [published])] == [(Verb.UNPUBLISH, gone.key)]
    assert plan([], [unpublished]) == []
    assert [a.verb for a in plan([gone], [unpublished])] == [Verb.UPDATE]


def test_two_pages_with_one_name_are_refused_before_anything_is_written() -> None:
    with pytest.raises(ValueError, match="name"):
        plan([_spec("briefing:a:nl"), _spec("team:a:nl")], [])


def _html(page: PageSpec) -> str:
    return "".join(control["innerHTML"] for control in json.loads(page.canvas))
