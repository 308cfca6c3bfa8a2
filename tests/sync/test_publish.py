"""The real office365 client and msal publish the library to the fake SharePoint site."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from types import MappingProxyType

from content.loader import Library
from store.sharepoint import SharePointStore
from sync.rules.plan import State, Verb
from tests.support.sharepoint import Publishing, with_briefings

NEWS_STEPS = ["find-page", "create-page", "SavePageAsDraft", "CheckoutPage", "PromoteToNews",
              "Publish"]  # fmt: skip
PAGE_STEPS = ["find-page", "create-page", "SavePageAsDraft", "Publish"]


async def test_a_full_publish_writes_every_page_once_in_the_protocols_order(
    publishing: Publishing, bundled: Library
) -> None:
    service = publishing.service(bundled)
    planned = await service.plan()
    assert {action.verb for action in planned} == {Verb.CREATE}

    summary = await service.run()

    fake = publishing.sharepoint
    assert not summary.failed
    assert summary.count(Verb.CREATE) == len(planned)
    names = sorted(page.name for page in fake.pages.values())
    assert names == sorted(action.name for action in planned)  # no duplicates, none missing
    assert all(page.published is not None for page in fake.pages.values())
    news = {page.name for page in fake.pages.values() if page.promoted == 2}
    assert news == {a.name for a in planned if a.spec is not None and a.spec.news}
    assert len(news) == len(bundled["nl"].briefings)
    operations = [r.operation for r in fake.requests]
    assert operations[:2] == ["contextinfo", "web"]
    body = operations[2:]
    expected: list[str] = []
    for action in planned:
        assert action.spec is not None
        expected += NEWS_STEPS if action.spec.news else PAGE_STEPS
    assert body == expected
    assert all(r.status in (200, 201) for r in fake.requests)
    assert all(r.user_agent.startswith("NONISV|Paraat|Paraat/") for r in fake.requests)
    assert len(publishing.graph.token_requests()) == 1
    recorded = await SharePointStore(publishing.database).targets(fake.site_url)
    assert Counter(r.state for r in recorded) == {State.PUBLISHED: len(planned)}


async def _published(publishing: Publishing, library: Library) -> None:
    summary = await publishing.service(library).run()
    assert not summary.failed
    publishing.sharepoint.requests.clear()


async def test_a_second_sync_with_nothing_changed_sends_nothing(
    publishing: Publishing, bundled: Library
) -> None:
    await _published(publishing, bundled)
    service = publishing.service(bundled)

    assert await service.plan() == []
    summary = await service.run()

    assert summary.outcomes == []
    assert publishing.sharepoint.writes() == []
    assert publishing.sharepoint.requests == []


async def test_a_changed_briefing_rewrites_its_own_page_only(
    publishing: Publishing, bundled: Library
) -> None:
    await _published(publishing, bundled)
    fake = publishing.sharepoint
    pages_before = dict(fake.pages)
    briefing = bundled["nl"].briefings["stroom-4-uur-briefing"]
    changed = briefing.model_copy(update={"summary": "Nieuwe samenvatting.", "version": 9})
    library = with_briefings(bundled, "nl", {**bundled["nl"].briefings, briefing.id: changed})

    summary = await publishing.service(library).run()

    page = fake.page_named("nieuws-stroom-4-uur-briefing.aspx")
    assert page is not None
    assert [o.action.verb for o in summary.outcomes] == [Verb.UPDATE]
    assert [(r.operation, r.page) for r in fake.writes()] == [
        ("CheckoutPage", page.id), ("SavePageAsDraft", page.id), ("Publish", page.id)
    ]  # fmt: skip
    assert fake.pages.keys() == pages_before.keys()
    assert page.published is not None and "Nieuwe samenvatting." in page.published
    assert page.promoted == 2 and page.major == 2


async def test_a_throttled_call_waits_its_retry_after_and_goes_on(
    publishing: Publishing, bundled: Library
) -> None:
    fake = publishing.sharepoint
    fake.fail_next(429, operation="SavePageAsDraft", retry_after="1")
    fake.fail_next(503, operation="Publish", retry_after="0", times=2)

    summary = await publishing.service(bundled).run()

    assert not summary.failed
    statuses = [(r.operation, r.status) for r in fake.requests if r.status >= 400]
    assert statuses == [("SavePageAsDraft", 429), ("Publish", 503), ("Publish", 503)]
    first = fake.requests.index(next(r for r in fake.requests if r.status == 429))
    assert fake.requests[first + 1].operation == "SavePageAsDraft"
    assert fake.requests[first + 1].status == 200
    assert len(fake.pages) == len(summary.outcomes)


async def test_a_page_that_failed_halfway_resumes_at_its_step_without_a_second_page(
    publishing: Publishing, bundled: Library
) -> None:
    fake = publishing.sharepoint
    fake.fail_next(400, operation="Publish")  # the first page: drafted, not published

    first = await publishing.service(bundled).run()

    assert len(first.failed) == 1
    failed = first.failed[0].action
    # Every page got its own steps once, the failed one too: nothing was sent twice.
    expected = sum(
        len(NEWS_STEPS if o.action.spec and o.action.spec.news else PAGE_STEPS) - 1
        for o in first.outcomes
    )
    assert len(fake.writes()) == expected
    store = SharePointStore(publishing.database)
    recorded = {r.key: r for r in await store.targets(fake.site_url)}
    assert recorded[failed.key].state is State.FAILED
    assert recorded[failed.key].draft_hash is not None
    fake.requests.clear()

    second = await publishing.service(bundled).run()

    page = fake.page_named(failed.name)
    assert page is not None
    assert [(o.action.verb, o.action.key) for o in second.outcomes] == [(Verb.RESUME, failed.key)]
    assert [(r.operation, r.page) for r in fake.writes()] == [("Publish", page.id)]
    assert len(fake.pages) == len(first.outcomes)


async def test_a_create_whose_answer_was_lost_finds_the_page_next_time(
    publishing: Publishing, bundled: Library
) -> None:
    fake = publishing.sharepoint
    # SharePoint creates the page, but the answer is a 500: the create is not tried again.
    fake.fail_next(500, operation="create-page")

    first = await publishing.service(bundled).run()

    assert len(first.failed) == 1
    lost = first.failed[0].action
    assert fake.page_named(lost.name) is not None
    fake.requests.clear()

    second = await publishing.service(bundled).run()

    assert not second.failed
    page = fake.page_named(lost.name)
    assert page is not None and page.published is not None
    assert [r.operation for r in fake.requests][2:] == [
        "find-page", "CheckoutPage", "SavePageAsDraft", "Publish"
    ]  # fmt: skip
    assert sorted(p.name for p in fake.pages.values()) == sorted(
        a.action.name for a in first.outcomes
    )


async def test_a_briefing_removed_from_the_library_is_unpublished_and_comes_back_in_place(
    publishing: Publishing, bundled: Library
) -> None:
    await _published(publishing, bundled)
    fake = publishing.sharepoint
    briefings = dict(bundled["nl"].briefings)
    gone = briefings.pop("wie-beslist")
    smaller = with_briefings(bundled, "nl", briefings)

    removed = await publishing.service(smaller).run()

    page = fake.page_named(f"nieuws-{gone.id}.aspx")
    assert page is not None
    assert [(o.action.verb, o.action.name) for o in removed.outcomes] == [
        (Verb.UNPUBLISH, page.name)
    ]
    assert [r.operation for r in fake.writes()] == ["unpublish"]
    assert page.published is None and page.draft is not None
    fake.requests.clear()

    back = await publishing.service(bundled).run()

    assert [o.action.verb for o in back.outcomes] == [Verb.UPDATE]
    assert [(r.operation, r.page) for r in fake.writes()] == [
        ("CheckoutPage", page.id), ("SavePageAsDraft", page.id), ("Publish", page.id)
    ]  # fmt: skip
    assert page.published is not None
    assert fake.page_named(f"nieuws-{gone.id}.aspx") is page


async def test_english_pages_come_beside_the_dutch_ones_when_configured(
    publishing: Publishing, bundled: Library
) -> None:
    summary = await publishing.service(bundled, sharepoint_languages="nl,en").run()

    names = {page.name for page in publishing.sharepoint.pages.values()}
    assert not summary.failed
    assert {f"en-news-{b}.aspx" for b in bundled["en"].briefings} <= names
    assert "en-checklist-72-uur.aspx" in names
    english_teams = {n for n in names if n.startswith("en-weerbaarheid-")}
    assert english_teams == {f"en-weerbaarheid-{team}.aspx" for team in bundled["en"].teams}


async def test_a_page_deleted_on_the_site_is_made_again_on_the_next_run(
    publishing: Publishing, bundled: Library
) -> None:
    await _published(publishing, bundled)
    fake = publishing.sharepoint
    page = fake.page_named("checklist-72-uur.aspx")
    assert page is not None
    del fake.pages[page.id]
    checklist = bundled["nl"].checklist
    assert checklist is not None
    changed = checklist.model_copy(update={"title": "Klaar voor 72 uur"})
    nl = replace(bundled["nl"], checklist=changed)
    library = replace(bundled, languages=MappingProxyType({**bundled.languages, "nl": nl}))

    first = await publishing.service(library).run()
    second = await publishing.service(library).run()

    assert [o.action.name for o in first.failed] == ["checklist-72-uur.aspx"]
    assert not second.failed
    again = fake.page_named("checklist-72-uur.aspx")
    assert again is not None and again.id != page.id and again.published is not None
    assert again.published_title == "Klaar voor 72 uur"
