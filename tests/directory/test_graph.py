"""The Graph client, real msal and requests, against the fake Entra and Graph over TLS."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from directory.credentials import CertificateFile, CertificateKey, ClientSecret
from directory.errors import DirectoryError
from directory.graph import DirectoryUser
from directory.retry import RetryPolicy
from testkit.graph_server import FakeGraph, thumbprint
from tests.support.graph import (
    SECRET,
    MakeDirectory,
    Organisation,
    RecordedSleep,
    app_certificate,
    new_id,
)


async def test_group_members_are_read_across_pages_with_nested_groups(
    graph: FakeGraph, organisation: Organisation, make_directory: MakeDirectory
) -> None:
    members = await make_directory().group_member_ids(organisation.authors_group)

    assert members == organisation.authors
    pages = graph.graph_requests()
    assert len(pages) == 2  # three members, two to a page
    assert "$skiptoken" not in pages[0].query and "$skiptoken" in pages[1].query
    assert pages[0].query["$select"] == "id"
    assert pages[0].path.endswith("/transitiveMembers/microsoft.graph.user")


async def test_the_token_comes_from_msals_cache_the_second_time(
    graph: FakeGraph, organisation: Organisation, make_directory: MakeDirectory
) -> None:
    directory = make_directory()
    first = await directory.group_member_ids(organisation.authors_group)
    second = await directory.group_member_ids(organisation.communications_group)

    assert first == second == organisation.authors
    assert len(graph.token_requests()) == 1
    assert len(graph.graph_requests()) == 4


async def test_users_skip_disabled_accounts_and_carry_department_and_manager(
    graph: FakeGraph, organisation: Organisation, make_directory: MakeDirectory
) -> None:
    users = await make_directory().users()

    assert users == [
        DirectoryUser(
            object_id=person.object_id,
            display_name=person.name,
            user_principal_name=person.upn,
            department=person.department,
            manager_id=person.manager.object_id if person.manager else None,
        )
        for person in organisation.people
        if person.enabled
    ]
    pages = graph.graph_requests()
    assert len(pages) == 3  # five accounts, two to a page
    assert pages[0].query["$expand"] == "manager($select=id)"
    assert "accountEnabled" in pages[0].query["$select"].split(",")
    assert all(page.user_agent.startswith("Paraat/") for page in pages)


async def test_certificate_from_a_pfx_file_signs_in(
    graph: FakeGraph, organisation: Organisation, make_directory: MakeDirectory, tmp_path: Path
) -> None:
    certificate = app_certificate(tmp_path)
    app = new_id()
    graph.register_app(app, certificate=certificate.certificate)

    members = await make_directory(CertificateFile(certificate.pfx), app=app).group_member_ids(
        organisation.authors_group
    )

    assert members == organisation.authors
    assert [request.status for request in graph.token_requests()] == [200]


@pytest.mark.parametrize("form", ["thumbprint", "certificate"])
async def test_certificate_as_pem_signs_in(
    graph: FakeGraph,
    organisation: Organisation,
    make_directory: MakeDirectory,
    tmp_path: Path,
    form: str,
) -> None:
    certificate = app_certificate(tmp_path)
    app = new_id()
    graph.register_app(app, certificate=certificate.certificate)
    credential = (
        CertificateKey(certificate.key_pem, thumbprint=thumbprint(certificate.certificate))
        if form == "thumbprint"
        else CertificateKey(certificate.key_pem, certificate=certificate.certificate_pem)
    )

    members = await make_directory(credential, app=app).group_member_ids(organisation.authors_group)

    assert members == organisation.authors


async def test_a_certificate_the_app_does_not_have_is_refused_clearly(
    graph: FakeGraph, organisation: Organisation, make_directory: MakeDirectory, tmp_path: Path
) -> None:
    app = new_id()
    graph.register_app(app, certificate=app_certificate(tmp_path / "real").certificate)
    other = app_certificate(tmp_path / "other")

    with pytest.raises(DirectoryError) as caught:
        await make_directory(CertificateFile(other.pfx), app=app).group_member_ids(
            organisation.authors_group
        )

    message = str(caught.value)
    assert "AADSTS700027" in message and "Check the certificate" in message
    assert "BEGIN" not in message
    assert graph.graph_requests() == []


async def test_an_expired_certificate_is_named_before_anything_is_sent(
    graph: FakeGraph, organisation: Organisation, make_directory: MakeDirectory, tmp_path: Path
) -> None:
    expired = app_certificate(tmp_path, valid_days=-1)

    with pytest.raises(DirectoryError, match="expired on"):
        await make_directory(CertificateFile(expired.pfx)).group_member_ids(
            organisation.authors_group
        )
    assert graph.requests == []


async def test_a_wrong_secret_is_refused_without_showing_it(
    graph: FakeGraph,
    organisation: Organisation,
    make_directory: MakeDirectory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    wrong = "not-the-secret-9876543210"
    caplog.set_level(logging.DEBUG)

    with pytest.raises(DirectoryError) as caught:
        await make_directory(ClientSecret(wrong)).group_member_ids(organisation.authors_group)

    message = str(caught.value)
    assert "invalid_client" in message and "AADSTS7000215" in message
    assert "Check the client secret" in message
    assert wrong not in message and SECRET not in message
    assert wrong not in caplog.text
    assert graph.graph_requests() == []


async def test_an_unknown_tenant_and_an_unknown_app_are_named(
    graph: FakeGraph, organisation: Organisation, make_directory: MakeDirectory
) -> None:
    stranger = new_id()
    with pytest.raises(DirectoryError, match=f"does not know the tenant '{stranger}'"):
        await make_directory(tenant_id=stranger).group_member_ids(organisation.authors_group)

    unknown_app = new_id()
    with pytest.raises(DirectoryError, match="AADSTS700016") as caught:
        await make_directory(app=unknown_app).group_member_ids(organisation.authors_group)
    assert f"There is no app {unknown_app}" in str(caught.value)


async def test_throttling_waits_as_long_as_retry_after_says_then_succeeds(
    graph: FakeGraph,
    organisation: Organisation,
    make_directory: MakeDirectory,
    sleep: RecordedSleep,
) -> None:
    graph.fail_next(429, times=2, retry_after="1")

    members = await make_directory().group_member_ids(organisation.authors_group)

    assert members == organisation.authors
    assert sleep.waits == [1.0, 1.0]
    assert [request.status for request in graph.graph_requests()] == [429, 429, 200, 200]


async def test_unavailable_without_retry_after_backs_off_and_grows(
    graph: FakeGraph,
    organisation: Organisation,
    make_directory: MakeDirectory,
    sleep: RecordedSleep,
) -> None:
    graph.fail_next(503, times=2)
    retry = RetryPolicy(attempts=3, first_wait=0.01, longest_wait=1.0, jitter=lambda: 1.0)

    members = await make_directory(retry=retry).group_member_ids(organisation.authors_group)

    assert members == organisation.authors
    assert sleep.waits == [0.01, 0.02]


async def test_throttling_that_does_not_stop_gives_up_clearly(
    graph: FakeGraph, organisation: Organisation, make_directory: MakeDirectory
) -> None:
    graph.fail_next(429, times=10, retry_after="0")

    with pytest.raises(DirectoryError, match="busy or unavailable \\(429 TooManyRequests\\)"):
        await make_directory().group_member_ids(organisation.authors_group)
    assert len(graph.graph_requests()) == 3


async def test_a_retry_after_longer_than_the_longest_wait_gives_up_at_once(
    graph: FakeGraph,
    organisation: Organisation,
    make_directory: MakeDirectory,
    sleep: RecordedSleep,
) -> None:
    graph.fail_next(429, retry_after="3600")

    with pytest.raises(DirectoryError, match="asked Paraat to wait 3600 s"):
        await make_directory().group_member_ids(organisation.authors_group)
    assert sleep.waits == [] and len(graph.graph_requests()) == 1


@pytest.mark.parametrize(
    ("read", "permission"), [("members", "GroupMember.Read.All"), ("users", "User.Read.All")]
)
async def test_a_missing_permission_is_named(
    graph: FakeGraph,
    organisation: Organisation,
    make_directory: MakeDirectory,
    read: str,
    permission: str,
) -> None:
    app = new_id()
    others = {"GroupMember.Read.All", "User.Read.All"} - {permission}
    graph.register_app(app, secret=SECRET, permissions=others)
    directory = make_directory(app=app)

    with pytest.raises(DirectoryError) as caught:
        if read == "members":
            await directory.group_member_ids(organisation.authors_group)
        else:
            await directory.users()

    message = str(caught.value)
    assert "403 Authorization_RequestDenied" in message
    assert f"lacks the Graph application permission {permission}" in message
    assert "grant admin consent" in message


async def test_an_unknown_group_is_named(
    graph: FakeGraph, organisation: Organisation, make_directory: MakeDirectory
) -> None:
    missing = new_id()
    with pytest.raises(DirectoryError, match=f"There is no group {missing}"):
        await make_directory().group_member_ids(missing)


async def test_a_group_id_that_is_no_guid_is_refused_before_asking(
    graph: FakeGraph, make_directory: MakeDirectory
) -> None:
    with pytest.raises(DirectoryError, match="'Communicatie' is not a group object id"):
        await make_directory().group_member_ids("Communicatie")
    assert graph.requests == []


async def test_a_revoked_token_is_replaced_once(
    graph: FakeGraph, organisation: Organisation, make_directory: MakeDirectory
) -> None:
    directory = make_directory()
    await directory.group_member_ids(organisation.authors_group)
    graph.revoke_tokens()

    assert await directory.group_member_ids(organisation.authors_group) == organisation.authors
    assert len(graph.token_requests()) == 2


async def test_a_token_graph_keeps_refusing_is_an_error(
    graph: FakeGraph, organisation: Organisation, make_directory: MakeDirectory
) -> None:
    graph.fail_next(401, times=2)

    with pytest.raises(DirectoryError, match="refused Paraat's access token \\(401"):
        await make_directory().group_member_ids(organisation.authors_group)
    assert len(graph.token_requests()) == 2


async def test_a_server_whose_certificate_is_not_trusted_is_not_reached(
    graph: FakeGraph, organisation: Organisation, make_directory: MakeDirectory
) -> None:
    with pytest.raises(DirectoryError, match="Cannot reach Microsoft Entra .*SSLError"):
        await make_directory(verify=True).group_member_ids(organisation.authors_group)
    assert graph.token_requests() == []
