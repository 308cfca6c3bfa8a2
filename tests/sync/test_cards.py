"""The teams' printable outage cards (PDF) on the site, beside the pages: published by the real
office365 client to the fake site, as idempotently as the pages."""

from __future__ import annotations

from collections import Counter

from content.loader import Library
from printing.chromium import chromium_path
from printing.version import current_card_version
from store.sharepoint import SharePointStore
from sync.feature import Publishing as BarePublishing
from sync.publisher import Summary
from sync.rules.files import CARD_LIBRARY, card_files, card_name, is_file_key
from sync.rules.pages import contents_of
from sync.rules.plan import Recorded, State, Verb, plan
from tests.support.ci import missing_tool
from tests.support.sharepoint import FakeRender, Publishing, with_team
from wiring.features import FEATURES
from wiring.publishing import ChromiumCardPrinter, PublishingWithCards

SITE_PATH = "/sites/paraat"
LIBRARY_URL = f"{SITE_PATH}/{CARD_LIBRARY}"


def _cards(library: Library) -> list[str]:
    return [f"{LIBRARY_URL}/{card_name(team, 'nl')}" for team in sorted(library["nl"].teams)]


def _label(library: Library, team: str) -> str:
    version = current_card_version(library, team, "nl")
    assert version is not None
    return version.label


async def _published(publishing: Publishing, library: Library) -> FakeRender:
    render = FakeRender()
    printer = publishing.printer(library, render)
    summary = await publishing.service(library, printer=printer).run()
    assert not summary.failed and not summary.warnings
    publishing.sharepoint.requests.clear()
    return render


# -- the plan (pure) -------------------------------------------------------------------------


def test_each_team_written_in_a_language_has_one_card_named_as_paraat_print_names_it(
    bundled: Library,
) -> None:
    versions = {(t, lang): f"1-{t[:6]}" for t in bundled["nl"].teams for lang in ("nl", "en")}

    files = card_files(
        contents_of(bundled, ["nl", "en"]), lambda t, lang: versions[(t, lang)], SITE_PATH
    )

    names = [f.name for f in files]
    assert len(names) == len(set(names)) == len(bundled["nl"].teams) + len(bundled["en"].teams)
    assert "noodkaart-burgerzaken.pdf" in names and "noodkaart-burgerzaken.en.pdf" in names
    assert {f.folder for f in files} == {LIBRARY_URL}
    assert all(is_file_key(f.key) for f in files)
    one = next(f for f in files if f.name == "noodkaart-burgerzaken.pdf")
    assert one.key == "card:burgerzaken:nl" and one.title == "Noodkaart: Burgerzaken"


def test_a_cards_hash_follows_its_printed_version_not_the_rendering(bundled: Library) -> None:
    contents = contents_of(bundled, ["nl"])

    def first(label: str) -> str:
        return card_files(contents, lambda _team, _language: label, SITE_PATH)[0].hash

    assert first("2-aaaaaa") == first("2-aaaaaa") != first("2-bbbbbb")


def test_a_team_without_a_card_gets_no_file(bundled: Library) -> None:
    files = card_files(
        contents_of(bundled, ["nl"]),
        lambda team, _language: None if team == "hr" else "1-abcdef",
        SITE_PATH,
    )

    assert "noodkaart-hr.pdf" not in {f.name for f in files}
    assert len(files) == len(bundled["nl"].teams) - 1


def test_without_a_printer_the_plan_leaves_recorded_cards_alone() -> None:
    card = Recorded("card:hr:nl", "noodkaart-hr.pdf", None, State.PUBLISHED, target_hash="x")

    assert plan([], [card], None) == []
    [removal] = plan([], [card], [])
    assert (removal.verb, removal.name, removal.is_file) == (Verb.REMOVE, "noodkaart-hr.pdf", True)
    gone = Recorded("card:hr:nl", "noodkaart-hr.pdf", None, State.UNPUBLISHED)
    assert plan([], [gone], []) == []


def test_the_bot_publishes_with_the_card_printer() -> None:
    assert PublishingWithCards in FEATURES
    assert PublishingWithCards.declared_commands() == BarePublishing.declared_commands()


# -- against the fake site -------------------------------------------------------------------


async def test_a_full_publish_uploads_every_teams_card_once_after_the_pages(
    publishing: Publishing, bundled: Library
) -> None:
    render = FakeRender()
    service = publishing.service(bundled, printer=publishing.printer(bundled, render))
    planned = await service.plan()
    files = [a for a in planned if a.is_file]
    assert [a.name for a in files] == [card_name(t, "nl") for t in sorted(bundled["nl"].teams)]
    assert {a.verb for a in files} == {Verb.CREATE}

    summary = await service.run()

    fake = publishing.sharepoint
    assert not summary.failed and not summary.warnings
    assert summary.count(Verb.CREATE) == len(planned)
    assert sorted(fake.files) == sorted(_cards(bundled))
    assert all(body.startswith(b"%PDF") for body in fake.files.values())
    assert len(render.pages) == len(files)  # each card printed once
    operations = [r.operation for r in fake.requests]
    pages = len(planned) - len(files)
    # Pages first, then one upload per card, each through the retrying executor, in plan order.
    uploads = [r for r in fake.requests if r.operation == "upload"]
    assert operations[-len(files) :] == ["upload"] * len(files)
    assert [r.path.rsplit("url='", 1)[1].rstrip("')") for r in uploads] == [a.name for a in files]
    assert all(f"('{LIBRARY_URL}')/Files/add(overwrite=true," in r.path for r in uploads)
    assert sum(1 for op in operations if op == "Publish") == pages
    assert all(r.status in (200, 201) for r in fake.requests)
    recorded = await SharePointStore(publishing.database).targets(fake.site_url)
    cards = [r for r in recorded if is_file_key(r.key)]
    assert Counter(r.state for r in cards) == {State.PUBLISHED: len(files)}
    # The card carries its version and the QR code to its team's page on the site.
    burgerzaken = next(html for html in render.pages if "Burgerzaken" in html)
    assert _label(bundled, "burgerzaken").split("-")[1] in burgerzaken


async def test_a_second_sync_with_nothing_changed_prints_and_sends_nothing(
    publishing: Publishing, bundled: Library
) -> None:
    await _published(publishing, bundled)
    render = FakeRender()
    service = publishing.service(bundled, printer=publishing.printer(bundled, render))

    assert await service.plan() == []
    summary = await service.run()

    assert summary.outcomes == [] and summary.skipped == []
    assert publishing.sharepoint.requests == []
    assert render.pages == []


async def test_a_changed_team_rewrites_its_page_and_reuploads_only_its_own_card_in_place(
    publishing: Publishing, bundled: Library
) -> None:
    await _published(publishing, bundled)
    fake = publishing.sharepoint
    files_before = dict(fake.files)
    profile = bundled["nl"].teams["burgerzaken"]
    changed = profile.model_copy(update={"assembly_point": "Parkeerplaats achter het stadhuis"})
    library = with_team(bundled, "nl", changed, "burgerzaken")
    assert _label(library, "burgerzaken") != _label(bundled, "burgerzaken")
    render = FakeRender()

    summary = await publishing.service(library, printer=publishing.printer(library, render)).run()

    url = f"{LIBRARY_URL}/noodkaart-burgerzaken.pdf"
    page = fake.page_named("weerbaarheid-burgerzaken.aspx")
    assert page is not None
    assert [(o.action.verb, o.action.name) for o in summary.outcomes] == [
        (Verb.UPDATE, "weerbaarheid-burgerzaken.aspx"),
        (Verb.UPDATE, "noodkaart-burgerzaken.pdf"),
    ]
    assert [(r.operation, r.page) for r in fake.writes()] == [
        ("CheckoutPage", page.id), ("SavePageAsDraft", page.id), ("Publish", page.id),
        ("upload", None),
    ]  # fmt: skip
    assert len(render.pages) == 1 and "Parkeerplaats achter het stadhuis" in render.pages[0]
    assert fake.files.keys() == files_before.keys()  # overwritten in place, no second file
    assert fake.files[url] != files_before[url]
    assert all(fake.files[u] == files_before[u] for u in files_before if u != url)


async def test_a_removed_team_has_its_card_moved_to_the_recycle_bin_and_it_comes_back(
    publishing: Publishing, bundled: Library
) -> None:
    await _published(publishing, bundled)
    fake = publishing.sharepoint
    smaller = with_team(bundled, "nl", None, "hr")
    url = f"{LIBRARY_URL}/noodkaart-hr.pdf"

    removed = await publishing.service(smaller, printer=publishing.printer(smaller)).run()

    verbs = [(o.action.verb, o.action.name) for o in removed.outcomes]
    assert (Verb.UNPUBLISH, "weerbaarheid-hr.aspx") in verbs
    assert verbs[-1] == (Verb.REMOVE, "noodkaart-hr.pdf")
    assert [r.operation for r in fake.writes()][-1] == "recycle"
    assert sum(1 for r in fake.writes() if r.operation in ("upload", "recycle")) == 1
    assert url not in fake.files and url in fake.recycled
    store = SharePointStore(publishing.database)
    recorded = {r.key: r for r in await store.targets(fake.site_url)}
    assert recorded["card:hr:nl"].state is State.UNPUBLISHED
    fake.requests.clear()

    again = await publishing.service(smaller, printer=publishing.printer(smaller)).run()
    assert again.outcomes == [] and fake.requests == []

    back = await publishing.service(bundled, printer=publishing.printer(bundled)).run()

    assert (Verb.UPDATE, "noodkaart-hr.pdf") in [
        (o.action.verb, o.action.name) for o in back.outcomes
    ]
    assert url in fake.files


async def test_without_chromium_the_pages_go_out_and_the_cards_wait_with_one_warning(
    publishing: Publishing, bundled: Library
) -> None:
    render = FakeRender(installed=False)
    service = publishing.service(bundled, printer=publishing.printer(bundled, render))

    summary = await service.run()

    fake = publishing.sharepoint
    assert not summary.failed
    assert len(summary.warnings) == 1 and "Chromium" in summary.warnings[0]
    assert len(summary.skipped) == len(bundled["nl"].teams)
    assert render.pages == [] and fake.files == {}
    assert all(page.published is not None for page in fake.pages.values())
    recorded = await SharePointStore(publishing.database).targets(fake.site_url)
    assert not any(is_file_key(r.key) for r in recorded)
    fake.requests.clear()

    later = await publishing.service(bundled, printer=publishing.printer(bundled)).run()

    assert [o.action.verb for o in later.outcomes] == [Verb.CREATE] * len(bundled["nl"].teams)
    assert [r.operation for r in fake.writes()] == ["upload"] * len(bundled["nl"].teams)


async def test_a_card_that_failed_is_uploaded_again_next_run_and_only_it(
    publishing: Publishing, bundled: Library
) -> None:
    fake = publishing.sharepoint
    fake.fail_next(400, operation="upload")  # the first card's upload is refused

    first = await publishing.service(bundled, printer=publishing.printer(bundled)).run()

    [failed] = first.failed
    assert failed.action.is_file
    assert failed.action.name == card_name(sorted(bundled["nl"].teams)[0], "nl")
    store = SharePointStore(publishing.database)
    recorded = {r.key: r for r in await store.targets(fake.site_url)}
    assert recorded[failed.action.key].state is State.FAILED
    assert len(fake.files) == len(bundled["nl"].teams) - 1
    fake.requests.clear()
    render = FakeRender()

    second = await publishing.service(bundled, printer=publishing.printer(bundled, render)).run()

    assert [(o.action.verb, o.action.key) for o in second.outcomes] == [
        (Verb.RESUME, failed.action.key)
    ]
    assert [r.operation for r in fake.writes()] == ["upload"]
    assert len(render.pages) == 1
    assert len(fake.files) == len(bundled["nl"].teams)


async def test_a_throttled_upload_waits_its_retry_after_and_goes_on(
    publishing: Publishing, bundled: Library
) -> None:
    fake = publishing.sharepoint
    fake.fail_next(429, operation="upload", retry_after="1")
    fake.fail_next(503, operation="upload", retry_after="0")

    summary = await publishing.service(bundled, printer=publishing.printer(bundled)).run()

    assert not summary.failed
    uploads = [r.status for r in fake.requests if r.operation == "upload"]
    assert uploads[:3] == [429, 503, 200]
    assert len(fake.files) == len(bundled["nl"].teams)


async def test_a_run_that_stopped_after_an_upload_overwrites_the_same_file_next_time(
    publishing: Publishing, bundled: Library
) -> None:
    fake = publishing.sharepoint
    first_card = f"{LIBRARY_URL}/{card_name(sorted(bundled['nl'].teams)[0], 'nl')}"

    def arrived() -> None:
        fake.files[first_card] = b"%PDF-1.7 the upload arrived"

    # The upload arrives, but every answer is lost (through all the client's tries): nothing
    # is recorded for that card.
    fake.fail_next(502, operation="upload", times=4, after=arrived)

    first = await publishing.service(bundled, printer=publishing.printer(bundled)).run()
    assert [o.action.name for o in first.failed] == [first_card.rsplit("/", 1)[1]]
    assert first_card in fake.files
    fake.requests.clear()

    second = await publishing.service(bundled, printer=publishing.printer(bundled)).run()

    assert not second.failed
    assert [r.operation for r in fake.writes()] == ["upload"]
    assert sorted(fake.files) == sorted(_cards(bundled))  # the same file, not a second one
    assert fake.files[first_card].startswith(b"%PDF-1.7 fake render")


async def test_a_missing_library_fails_the_cards_with_what_to_do_and_the_pages_go_out(
    publishing: Publishing, bundled: Library
) -> None:
    fake = publishing.sharepoint
    fake.missing_folders.add(LIBRARY_URL)

    first = await publishing.service(bundled, printer=publishing.printer(bundled)).run()

    assert {o.action.is_file for o in first.failed} == {True}
    assert len(first.failed) == len(bundled["nl"].teams)
    assert all(f"no document library at {LIBRARY_URL}" in (o.error or "") for o in first.failed)
    assert all(page.published is not None for page in fake.pages.values())
    fake.missing_folders.clear()
    fake.requests.clear()

    second = await publishing.service(bundled, printer=publishing.printer(bundled)).run()

    assert not second.failed
    assert {o.action.verb for o in second.outcomes} == {Verb.RESUME}
    assert [r.operation for r in fake.writes()] == ["upload"] * len(bundled["nl"].teams)


async def test_english_cards_come_beside_the_dutch_ones_when_configured(
    publishing: Publishing, bundled: Library
) -> None:
    printer = publishing.printer(bundled)
    service = publishing.service(bundled, printer=printer, sharepoint_languages="nl,en")

    summary = await service.run()

    assert not summary.failed
    english = {u for u in publishing.sharepoint.files if u.endswith(".en.pdf")}
    assert english == {f"{LIBRARY_URL}/noodkaart-{t}.en.pdf" for t in bundled["en"].teams}


# -- real Chromium ---------------------------------------------------------------------------


async def test_a_real_card_is_printed_by_chromium_and_uploaded(
    publishing: Publishing, bundled: Library
) -> None:
    if chromium_path() is None:
        missing_tool("Chromium is not installed (Debian package `chromium`)")
    printer = ChromiumCardPrinter(bundled, publishing.sharepoint.site_url)
    one = with_team(bundled, "nl", bundled["nl"].teams["burgerzaken"], "burgerzaken")
    for team in list(one["nl"].teams):
        if team != "burgerzaken":
            one = with_team(one, "nl", None, team)
    service = publishing.service(one, printer=printer)

    summary = await service.run()

    assert not summary.failed and not summary.warnings
    pdf = publishing.sharepoint.files[f"{LIBRARY_URL}/noodkaart-burgerzaken.pdf"]
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    publishing.sharepoint.requests.clear()
    assert await publishing.service(one, printer=printer).run() == Summary()
    assert publishing.sharepoint.requests == []
