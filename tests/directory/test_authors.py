"""A group's members, cached: refreshed after the interval, kept when a refresh fails."""

from __future__ import annotations

import asyncio
import logging

import pytest

from directory.authors import GroupMembership
from testkit.graph_server import FakeGraph
from tests.support.graph import MakeDirectory, ManualClock, Organisation, new_id

REFRESH = 300.0
RETRY = 60.0


def membership(
    make_directory: MakeDirectory, organisation: Organisation, clock: ManualClock
) -> GroupMembership:
    return GroupMembership(
        make_directory(),
        organisation.authors_group,
        refresh_every=REFRESH,
        retry_failed_after=RETRY,
        clock=clock,
    )


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "directory.authors" and record.levelno == logging.WARNING
    ]


async def test_members_are_read_once_per_interval(
    graph: FakeGraph, organisation: Organisation, make_directory: MakeDirectory
) -> None:
    clock = ManualClock()
    authors = membership(make_directory, organisation, clock)
    someone = min(organisation.authors)
    newcomer = new_id()
    graph.add_user(newcomer, "Fenna", "fenna@gemeente.example")

    assert await authors.includes(someone.upper())
    reads = len(graph.graph_requests())
    graph.add_group(organisation.authors_group, [*organisation.authors, newcomer])
    clock.advance(REFRESH - 1)
    assert not await authors.includes(newcomer)
    assert len(graph.graph_requests()) == reads

    clock.advance(1)
    assert await authors.members() == organisation.authors | {newcomer}
    assert len(graph.graph_requests()) > reads


async def test_a_failed_refresh_keeps_the_last_known_members(
    graph: FakeGraph,
    organisation: Organisation,
    make_directory: MakeDirectory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = ManualClock()
    authors = membership(make_directory, organisation, clock)
    assert await authors.members() == organisation.authors
    graph.add_group(organisation.authors_group, [])

    graph.fail_next(403)
    clock.advance(REFRESH)
    assert await authors.members() == organisation.authors
    [warning] = warnings(caplog)
    assert "Keeping the 3 last known members" in warning and "GroupMember.Read.All" in warning

    reads = len(graph.graph_requests())
    clock.advance(RETRY - 1)
    assert await authors.members() == organisation.authors
    assert len(graph.graph_requests()) == reads and len(warnings(caplog)) == 1

    clock.advance(1)
    assert await authors.members() == frozenset()
    assert len(warnings(caplog)) == 1


async def test_before_any_successful_read_nobody_is_a_member(
    graph: FakeGraph,
    organisation: Organisation,
    make_directory: MakeDirectory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = ManualClock()
    authors = membership(make_directory, organisation, clock)
    graph.fail_next(403)

    assert not await authors.includes(min(organisation.authors))
    assert not authors.loaded
    [warning] = warnings(caplog)
    assert warning.startswith(f"Nobody counts as a member of group {organisation.authors_group}")

    clock.advance(RETRY)
    assert await authors.includes(min(organisation.authors))
    assert authors.loaded


async def test_callers_at_the_same_moment_share_one_read(
    graph: FakeGraph, organisation: Organisation, make_directory: MakeDirectory
) -> None:
    authors = membership(make_directory, organisation, ManualClock())

    results = await asyncio.gather(*(authors.members() for _ in range(5)))

    assert all(result == organisation.authors for result in results)
    assert len(graph.token_requests()) == 1
    assert len(graph.graph_requests()) == 2  # one read: two pages
