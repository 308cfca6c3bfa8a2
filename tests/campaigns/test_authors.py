"""Authors listed by id, or as members of one Entra group read from Microsoft Graph (the real
msal and requests against the fake Entra and Graph)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from campaigns.rules.model import Audience, Content, Schedule
from campaigns.service import Actor, NotAllowed, Plan, campaign_service
from config.settings import Settings
from content.loader import Library
from directory.authors import Authors, GroupMembership, authors_from
from directory.credentials import ClientSecret
from directory.graph import GraphDirectory
from store.database import Database
from testkit.graph_server import FakeGraph
from tests.support.graph import QUICK_RETRY, SECRET, credentials_for, new_id, small_organisation
from wiring.build import build_people

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def settings(tmp_path: Path, **values: Any) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path, **values)  # type: ignore[call-arg]


def briefing_to_a_team() -> Plan:
    briefing = Content("briefing", "stroom-4-uur-briefing")
    return Plan("Stroomstoring", briefing, Audience("team", "burgerzaken"), Schedule())


@pytest.fixture
async def graph(tmp_path: Path) -> AsyncIterator[FakeGraph]:
    async with FakeGraph(tmp_path / "tls") as fake:
        yield fake


async def test_members_of_the_authors_group_plan_and_others_are_refused(
    graph: FakeGraph, database: Database, bundled: Library, tmp_path: Path
) -> None:
    organisation = small_organisation(graph)
    app = new_id()
    graph.register_app(app, secret=SECRET)
    directory = GraphDirectory(credentials_for(graph, app, ClientSecret(SECRET)), retry=QUICK_RETRY)
    try:
        authors = Authors(frozenset(), GroupMembership(directory, organisation.authors_group))
        config = settings(tmp_path)
        people = build_people(config, database, bundled, lambda: NOW)
        campaigns = campaign_service(config, database, bundled, lambda: NOW, people, authors)
        nested = next(p for p in organisation.people if p.name == "Eva")  # via a nested group
        outsider = next(p for p in organisation.people if p.object_id not in organisation.authors)
        planned = await campaigns.plan(
            briefing_to_a_team(), Actor("aad:eva", object_id=nested.object_id)
        )
        assert planned.author == "aad:eva"
        with pytest.raises(NotAllowed):
            await campaigns.plan(briefing_to_a_team(), Actor("aad:x", object_id=outsider.object_id))
        assert [c.id for c in await campaigns.store.recent()] == [planned.id]
    finally:
        directory.close()


async def test_listed_ids_count_without_asking_the_group() -> None:
    class Unreadable:
        async def includes(self, object_id: str | None) -> bool:
            raise AssertionError("the group was asked")

    listed = "11111111-1111-4111-8111-111111111111"
    authors = Authors(frozenset({listed}), Unreadable())
    assert await authors.includes(listed.upper())
    assert not await Authors(frozenset({listed})).includes(None)


async def test_a_group_needs_the_apps_credentials(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="PARAAT_CAMPAIGN_AUTHORS_GROUP"):
        settings(tmp_path, campaign_authors_group=new_id())
    listed = "11111111-1111-4111-8111-111111111111"
    local = authors_from(settings(tmp_path, campaign_authors=listed))
    assert await local.includes(listed) and not await local.includes(new_id())
