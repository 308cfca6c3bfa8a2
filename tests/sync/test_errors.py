"""What goes wrong says what to fix, once; nothing secret reaches a log."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from config.settings import SettingsError, load_settings
from content.loader import Library
from directory.credentials import ClientSecret
from sync.connection import Connection, connection_from
from sync.errors import StepFailed, SyncError
from tests.support.graph import app_certificate, credentials_for, new_id
from tests.support.sharepoint import Publishing


async def test_a_wrong_site_address_says_which_setting_to_fix(
    publishing: Publishing, bundled: Library
) -> None:
    wrong = f"{publishing.sharepoint.host}/sites/bestaat-niet"
    service = publishing.service(bundled, sharepoint_site_url=wrong)

    with pytest.raises(SyncError) as raised:
        await service.run()

    assert "There is no SharePoint site at" in str(raised.value)
    assert "PARAAT_SHAREPOINT_SITE_URL" in str(raised.value)
    assert publishing.sharepoint.writes() == []


async def test_an_app_not_granted_on_the_site_is_told_to_get_sites_selected(
    publishing: Publishing, bundled: Library, tmp_path: Path
) -> None:
    stranger = new_id()
    certificate = app_certificate(tmp_path / "stranger")
    publishing.graph.register_app(stranger, certificate=certificate.certificate)

    service = publishing.service(bundled, pfx=certificate.pfx, app=stranger)
    with pytest.raises(SyncError) as raised:
        await service.run()

    assert "403" in str(raised.value) and "Sites.Selected" in str(raised.value)
    assert publishing.sharepoint.pages == {}


async def test_an_expired_certificate_is_named_before_anything_is_sent(
    publishing: Publishing, bundled: Library, tmp_path: Path
) -> None:
    old = app_certificate(tmp_path / "old", valid_days=-1)
    publishing.graph.register_app(publishing.client_id, certificate=old.certificate)

    with pytest.raises(SyncError) as raised:
        await publishing.service(bundled, pfx=old.pfx).run()

    assert "expired" in str(raised.value) and "Certificates & secrets" in str(raised.value)
    assert publishing.sharepoint.requests == []


def test_a_client_secret_is_refused_for_sharepoint(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings(
            None, data_dir=tmp_path, app_id=new_id(), tenant_id=new_id(), app_password="s3cret",
            user_key_secret="k", sharepoint_site_url="https://gemeente.sharepoint.com/sites/x",
        )  # fmt: skip
    assert "PARAAT_APP_CERTIFICATE" in str(raised.value)
    assert "s3cret" not in str(raised.value)


def test_a_connection_with_a_secret_is_refused_before_any_call(publishing: Publishing) -> None:
    credentials = credentials_for(publishing.graph, publishing.client_id, ClientSecret("s3cret"))
    with pytest.raises(SyncError, match="certificate"):
        Connection(publishing.sharepoint.site_url, credentials)


def test_without_the_apps_identity_the_command_says_what_to_set(tmp_path: Path) -> None:
    settings = load_settings(
        None, data_dir=tmp_path, sharepoint_site_url="https://gemeente.sharepoint.com/sites/x"
    )
    with pytest.raises(SyncError, match="PARAAT_APP_ID"):
        connection_from(settings)


async def test_promoting_a_page_that_is_not_checked_out_is_a_409(publishing: Publishing) -> None:
    site = publishing.site()
    try:
        page_id = await site.create_page("proef.aspx", "Proef")
        await site.save_draft(page_id, "Proef", "[]")  # checks the page in

        with pytest.raises(StepFailed) as raised:
            await site.promote_to_news(page_id)

        assert raised.value.status == 409
        await site.check_out(page_id)
        await site.promote_to_news(page_id)
    finally:
        await site.close()
    assert publishing.sharepoint.pages[page_id].promoted == 1


async def test_a_retry_after_longer_than_paraat_waits_fails_that_page_only(
    publishing: Publishing, bundled: Library
) -> None:
    publishing.sharepoint.fail_next(429, operation="Publish", retry_after="3600")

    summary = await publishing.service(bundled).run()

    assert len(summary.failed) == 1
    assert "3600" in (summary.failed[0].error or "")
    assert len(summary.outcomes) > 1


async def test_no_token_or_key_reaches_the_log(
    publishing: Publishing, bundled: Library, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    publishing.sharepoint.fail_next(429, operation="Publish", retry_after="0")
    publishing.sharepoint.fail_next(400, operation="SavePageAsDraft")

    await publishing.service(bundled).run()

    text = caplog.text
    assert "SharePoint answered 429" in text
    assert "eyJ" not in text  # a JWT, header or payload
    assert "Bearer ey" not in text
    assert "PRIVATE KEY" not in text


async def test_files_and_list_items_go_through_the_same_client(publishing: Publishing) -> None:
    publishing.sharepoint.add_list("Gereedheid")
    site = publishing.site()
    try:
        url = await site.upload_file("/sites/paraat/Gedeelde documenten", "kaart.pdf", b"%PDF-1")
        item = await site.add_list_item("Gereedheid", {"Title": "Burgerzaken", "Score": 3})
        await site.update_list_item("Gereedheid", item, {"Score": 4})
    finally:
        await site.close()
    fake = publishing.sharepoint
    assert fake.files[url] == b"%PDF-1"
    assert fake.lists["Gereedheid"].items[item] == {"Title": "Burgerzaken", "Score": 4}


async def test_a_revoked_token_is_replaced_once_and_the_call_goes_on(
    publishing: Publishing,
) -> None:
    site = publishing.site()
    try:
        await site.check_site()
        publishing.graph.revoke_tokens()

        await site.check_site()
    finally:
        await site.close()

    statuses = [r.status for r in publishing.sharepoint.requests if r.operation == "web"]
    assert statuses == [200, 401, 200]
    assert len(publishing.graph.token_requests()) == 2
