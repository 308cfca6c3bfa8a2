"""The readiness figures on the site: one item per row of ``paraat readiness report`` in the
list "Paraatheid", written by the real office365 client to the fake site, as idempotently as the
pages, and suppressed exactly as in Teams."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pytest

from content.language import Language
from content.loader import Library
from readiness.access import ADMINISTRATOR
from readiness.report import report_rows
from readiness.week import ReadinessFigures
from store.database import Database
from store.readiness import ReadinessStore
from store.sharepoint import SharePointStore
from sync.client import SharePointSite
from sync.publisher import Outcome
from sync.readiness import ReadinessRow, ReadinessWeek
from sync.rules.items import COLUMNS, KEY_FIELD, READINESS_LIST, TOO_SMALL, readiness_items
from sync.rules.plan import State, Verb
from sync.service import SyncService
from testkit.sharepoint_server import SiteList
from tests.readiness import seed
from tests.readiness.test_jobs import WEDNESDAY, seeded
from tests.support.sharepoint import QUICK, Publishing
from wiring.publishing import ReportedReadiness
from wiring.readiness import card_of

MONDAY = date(2026, 11, 16)
ROWS = (
    ReadinessRow("organisation", None, None, None, 0, 61, "vastgelegd", 70, 55, 45),
    ReadinessRow("department", "publiek", "Publiekszaken", None, 1, 58, "in ontwikkeling",
                 60, 50, 62),
    ReadinessRow("team", "burgerzaken", "Burgerzaken", "publiek", 2, 64, "vastgelegd", 70, 52, 66),
    ReadinessRow("team", "ict", "ICT", "publiek", 2),
    ReadinessRow("other", None, None, "publiek", 2, 41, "in ontwikkeling", 40, 45, 38),
    ReadinessRow("department", "bedrijf", "Bedrijfsvoering", None, 1),
)  # fmt: skip
KEYS = ["organisation", "unit:publiek", "unit:burgerzaken", "unit:ict", "other:publiek",
        "unit:bedrijf"]  # fmt: skip
ITEM_STEPS = ["find-item", "list", "add-item"]
"""Per new item: looked up by its key, the list's item type read, the item added."""


@dataclass
class FakeReadiness:
    """The readiness rows of one week, as the wiring hands them over."""

    monday: date = MONDAY
    rows: tuple[ReadinessRow, ...] = ROWS
    languages: tuple[Language, ...] = ()

    async def week(self, language: Language) -> ReadinessWeek | None:
        self.languages += (language,)
        return ReadinessWeek(self.monday, self.rows) if self.rows else None


def _service(publishing: Publishing, library: Library, readiness: FakeReadiness) -> SyncService:
    return SyncService(
        publishing.settings(), library, publishing.database, SharePointStore(publishing.database),
        connection=publishing.connection,
        site_factory=lambda connection: SharePointSite(connection, retry=QUICK),
        readiness=readiness,
    )  # fmt: skip


def _list(publishing: Publishing) -> SiteList:
    return publishing.sharepoint.add_list(READINESS_LIST, COLUMNS)


def _by_key(listed: SiteList) -> dict[str, dict[str, object]]:
    keys = [fields[KEY_FIELD] for fields in listed.items.values()]
    assert len(keys) == len(set(keys)), "an item was added twice"
    return {str(fields[KEY_FIELD]): fields for fields in listed.items.values()}


async def _pages_published(publishing: Publishing, library: Library) -> None:
    assert not (await publishing.service(library).run()).failed
    publishing.sharepoint.requests.clear()


async def _listed(publishing: Publishing, library: Library) -> SiteList:
    listed = _list(publishing)
    await _pages_published(publishing, library)
    summary = await _service(publishing, library, FakeReadiness()).run()
    assert not summary.failed
    publishing.sharepoint.requests.clear()
    return listed


# -- the items (pure) ------------------------------------------------------------------------


def test_each_row_is_one_item_and_a_row_too_small_to_show_carries_no_number() -> None:
    items = readiness_items(MONDAY, ROWS)

    assert [item.name for item in items] == KEYS
    assert [item.title for item in items] == [
        "Hele organisatie", "Publiekszaken", "Burgerzaken", "ICT",
        "Overige mensen van Publiekszaken", "Bedrijfsvoering",
    ]  # fmt: skip
    burgerzaken = items[2].fields
    assert burgerzaken == {
        "Title": "Burgerzaken", KEY_FIELD: "unit:burgerzaken", "Week": "2026-11-16",
        "Soort": "team", "Afdeling": "Publiekszaken", "Volgorde": 3, "Score": 64,
        "Niveau": "vastgelegd", "Proces": 70, "Kennis": 52, "Bereik": 66,
    }  # fmt: skip
    for item in (items[3], items[5]):
        assert item.fields["Niveau"] == TOO_SMALL
        assert not any(isinstance(value, int) and name != "Volgorde"
                       for name, value in item.fields.items())  # fmt: skip
    assert all(set(item.fields) == set(COLUMNS) for item in items)


def test_figures_that_slipped_into_a_suppressed_row_are_never_written() -> None:
    leaky = replace(ROWS[3], process=80)

    [item] = readiness_items(MONDAY, (leaky,))

    assert item.fields["Proces"] is None and item.fields["Niveau"] == TOO_SMALL


def test_an_item_follows_its_figures_and_its_week() -> None:
    first = readiness_items(MONDAY, ROWS)
    again = readiness_items(MONDAY, ROWS)
    next_week = readiness_items(date(2026, 11, 23), ROWS)

    assert [i.hash for i in first] == [i.hash for i in again]
    assert all(a.hash != b.hash for a, b in zip(first, next_week, strict=True))


# -- against the fake site -------------------------------------------------------------------


async def test_a_full_publish_adds_one_item_per_row_after_the_pages(
    publishing: Publishing, bundled: Library
) -> None:
    listed = _list(publishing)
    readiness = FakeReadiness()
    service = _service(publishing, bundled, readiness)
    planned = await service.plan()
    items = [a for a in planned if a.is_item]
    assert [(a.verb, a.name) for a in items] == [(Verb.CREATE, key) for key in KEYS]
    assert planned[-len(items) :] == items

    summary = await service.run()

    fake = publishing.sharepoint
    assert not summary.failed
    assert readiness.languages == ("nl", "nl")  # Dutch only
    operations = [r.operation for r in fake.requests]
    assert operations[-len(KEYS) * len(ITEM_STEPS) :] == ITEM_STEPS * len(KEYS)
    adds = [r for r in fake.requests if r.operation == "add-item"]
    assert all(f"/lists/GetByTitle('{READINESS_LIST}')/items" in r.path for r in adds)
    assert all(r.status in (200, 201) for r in fake.requests)
    assert list(_by_key(listed)) == KEYS
    assert _by_key(listed) == {i.name: dict(i.fields) for i in readiness_items(MONDAY, ROWS)}
    recorded = {r.key: r for r in await SharePointStore(publishing.database).targets(fake.site_url)}
    assert {recorded[f"readiness:{key}"].state for key in KEYS} == {State.PUBLISHED}
    ids = {r.page_id for k, r in recorded.items() if k.startswith("readiness:")}
    assert ids == set(listed.items)


async def test_a_second_sync_with_nothing_changed_sends_nothing(
    publishing: Publishing, bundled: Library
) -> None:
    await _listed(publishing, bundled)
    service = _service(publishing, bundled, FakeReadiness())

    assert await service.plan() == []
    summary = await service.run()

    assert summary.outcomes == []
    assert publishing.sharepoint.requests == []


async def test_a_changed_row_updates_its_own_item_in_place_with_one_write(
    publishing: Publishing, bundled: Library
) -> None:
    listed = await _listed(publishing, bundled)
    ids = {fields[KEY_FIELD]: item_id for item_id, fields in listed.items.items()}
    rows = list(ROWS)
    rows[2] = replace(rows[2], score=81, band="beheerst", process=90)

    summary = await _service(publishing, bundled, FakeReadiness(rows=tuple(rows))).run()

    fake = publishing.sharepoint
    assert [(o.action.verb, o.action.name) for o in summary.outcomes] == [
        (Verb.UPDATE, "unit:burgerzaken")
    ]
    assert [(r.operation, r.page) for r in fake.writes()] == [
        ("update-item", ids["unit:burgerzaken"])
    ]
    assert {r.method for r in fake.writes()} == {"POST"}  # MERGE goes as X-HTTP-Method
    item = _by_key(listed)["unit:burgerzaken"]
    assert (item["Score"], item["Niveau"], item["Proces"]) == (81, "beheerst", 90)
    assert len(listed.items) == len(KEYS)


async def test_a_new_week_updates_every_item_and_adds_none(
    publishing: Publishing, bundled: Library
) -> None:
    listed = await _listed(publishing, bundled)

    summary = await _service(publishing, bundled, FakeReadiness(date(2026, 11, 23))).run()

    assert {o.action.verb for o in summary.outcomes} == {Verb.UPDATE}
    assert [r.operation for r in publishing.sharepoint.writes()] == ["update-item"] * len(KEYS)
    assert {fields["Week"] for fields in listed.items.values()} == {"2026-11-23"}


async def test_a_row_that_is_gone_has_its_item_recycled_and_it_comes_back_as_a_new_item(
    publishing: Publishing, bundled: Library
) -> None:
    listed = await _listed(publishing, bundled)
    fake = publishing.sharepoint
    old_id = next(i for i, f in listed.items.items() if f[KEY_FIELD] == "unit:bedrijf")
    without = FakeReadiness(rows=ROWS[:-1])

    removed = await _service(publishing, bundled, without).run()

    assert [(o.action.verb, o.action.name) for o in removed.outcomes] == [
        (Verb.REMOVE, "unit:bedrijf")
    ]
    assert [(r.operation, r.page) for r in fake.writes()] == [("recycle-item", old_id)]
    assert "unit:bedrijf" not in _by_key(listed) and old_id in listed.recycled
    fake.requests.clear()
    assert (await _service(publishing, bundled, without).run()).outcomes == []
    assert fake.requests == []

    back = await _service(publishing, bundled, FakeReadiness()).run()

    assert [(o.action.verb, o.action.name) for o in back.outcomes] == [
        (Verb.UPDATE, "unit:bedrijf")
    ]
    assert [r.operation for r in fake.writes()] == ["add-item"]
    assert _by_key(listed)["unit:bedrijf"]["Niveau"] == TOO_SMALL


@pytest.mark.parametrize(
    "rows", [(), tuple(ReadinessRow(r.kind, r.id, r.name, r.parent, r.depth) for r in ROWS)]
)
async def test_while_no_group_is_shown_the_list_is_left_alone(
    publishing: Publishing, bundled: Library, rows: tuple[ReadinessRow, ...]
) -> None:
    listed = await _listed(publishing, bundled)

    summary = await _service(publishing, bundled, FakeReadiness(rows=rows)).run()

    assert summary.outcomes == [] and publishing.sharepoint.requests == []
    assert len(listed.items) == len(KEYS)


async def test_a_throttled_add_waits_its_retry_after_and_adds_once(
    publishing: Publishing, bundled: Library
) -> None:
    listed = _list(publishing)
    await _pages_published(publishing, bundled)
    fake = publishing.sharepoint
    fake.fail_next(429, operation="add-item", retry_after="1")

    summary = await _service(publishing, bundled, FakeReadiness()).run()

    assert not summary.failed
    adds = [r.status for r in fake.requests if r.operation == "add-item"]
    assert adds == [429] + [201] * len(KEYS)
    assert list(_by_key(listed)) == KEYS


async def test_a_run_that_failed_halfway_resumes_without_a_second_item(
    publishing: Publishing, bundled: Library
) -> None:
    listed = _list(publishing)
    await _pages_published(publishing, bundled)
    fake = publishing.sharepoint
    added: list[Outcome] = []

    def halfway(outcome: Outcome) -> None:
        if outcome.action.is_item:
            added.append(outcome)
        if len(added) == 2:
            # The third item arrives, but its answer is lost (500: not retried).
            fake.fail_next(500, operation="add-item")

    first = await _service(publishing, bundled, FakeReadiness()).run(halfway)

    assert [o.action.name for o in first.failed] == [KEYS[2]]
    assert list(_by_key(listed)) == KEYS  # on the site all the same
    store = SharePointStore(publishing.database)
    recorded = {r.key: r for r in await store.targets(fake.site_url)}
    assert recorded[f"readiness:{KEYS[2]}"].state is State.FAILED
    assert recorded[f"readiness:{KEYS[2]}"].page_id is None
    fake.requests.clear()

    second = await _service(publishing, bundled, FakeReadiness()).run()

    assert [(o.action.verb, o.action.name) for o in second.outcomes] == [(Verb.RESUME, KEYS[2])]
    item_id = next(i for i, f in listed.items.items() if f[KEY_FIELD] == KEYS[2])
    assert [r.operation for r in fake.requests if r.operation != "list"] == [
        "contextinfo", "web", "find-item", "update-item"
    ]  # fmt: skip
    assert [r.page for r in fake.writes()] == [item_id]
    assert list(_by_key(listed)) == KEYS
    fake.requests.clear()
    assert (await _service(publishing, bundled, FakeReadiness()).run()).outcomes == []
    assert fake.requests == []


async def test_a_missing_list_fails_the_items_with_what_to_do_and_the_next_run_adds_them(
    publishing: Publishing, bundled: Library
) -> None:
    await _pages_published(publishing, bundled)

    first = await _service(publishing, bundled, FakeReadiness()).run()

    assert [o.action.name for o in first.failed] == KEYS
    assert all(f"no list {READINESS_LIST} on the site" in (o.error or "") for o in first.failed)
    assert publishing.sharepoint.writes() == []
    listed = _list(publishing)

    second = await _service(publishing, bundled, FakeReadiness()).run()

    assert not second.failed and {o.action.verb for o in second.outcomes} == {Verb.RESUME}
    assert list(_by_key(listed)) == KEYS


async def test_a_column_the_list_lacks_fails_with_sharepoints_words(
    publishing: Publishing, bundled: Library
) -> None:
    publishing.sharepoint.add_list(READINESS_LIST, tuple(c for c in COLUMNS if c != "Bereik"))
    await _pages_published(publishing, bundled)

    first = await _service(publishing, bundled, FakeReadiness()).run()

    assert len(first.failed) == len(KEYS)
    assert all("'Bereik' does not exist" in (o.error or "") for o in first.failed)


# -- the rows from readiness (the wiring) ----------------------------------------------------


@pytest.mark.postgres
async def test_the_wired_rows_are_the_reports_rows_with_its_suppression(
    database: Database, bundled: Library
) -> None:
    await seeded(database, bundled)
    # A team of two beside ICT: too small to show, and so is whatever would give it away.
    small = [("klein", "team", "Klein team", "publiek")]
    await seed.organisation(database, small, {"klein0": "klein", "klein1": "klein"})

    week = await ReportedReadiness(database, bundled, lambda: WEDNESDAY).week("nl")

    assert week is not None and week.monday == date(2026, 11, 30)
    figures = ReadinessFigures(
        ReadinessStore(database), bundled, card_of(bundled), clock=lambda: WEDNESDAY
    )
    report = report_rows(await figures.week(week.monday), ADMINISTRATOR)
    assert [(r.kind, r.id, r.parent) for r in week.rows] == [
        (r.kind, r.id, r.parent) for r in report
    ]
    for row, reported in zip(week.rows, report, strict=True):
        if reported.figures is None:
            assert row == ReadinessRow(row.kind, row.id, row.name, row.parent, row.depth)
        else:
            assert row.score == reported.figures.score and row.band is not None
    assert any(not row.shown for row in week.rows)  # something is suppressed here
    assert any(row.shown for row in week.rows)


async def test_before_anyone_answered_the_wired_rows_show_nothing(
    publishing: Publishing, bundled: Library
) -> None:
    week = await ReportedReadiness(publishing.database, bundled, lambda: WEDNESDAY).week("nl")

    assert week is not None and week.rows and not any(row.shown for row in week.rows)
    planned = await _service(publishing, bundled, FakeReadiness(rows=week.rows)).plan()
    assert planned and not any(action.is_item for action in planned)
