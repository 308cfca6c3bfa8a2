"""A fake Entra and a fake SharePoint site over TLS, an app with a certificate, a database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from store.database import Database
from testkit.graph_server import FakeGraph
from testkit.sharepoint_server import FakeSharePoint
from tests.support.graph import app_certificate, new_id
from tests.support.sharepoint import Publishing


@pytest.fixture
async def graph(tmp_path: Path) -> AsyncIterator[FakeGraph]:
    """Entra on a loopback port, over TLS."""
    async with FakeGraph(tmp_path / "tls") as fake:
        yield fake


@pytest.fixture
async def sharepoint(tmp_path: Path, graph: FakeGraph) -> AsyncIterator[FakeSharePoint]:
    """The communication site, trusting ``graph``'s tokens."""
    async with FakeSharePoint(tmp_path / "tls", graph) as fake:
        yield fake


@pytest.fixture
async def publishing(
    tmp_path: Path, graph: FakeGraph, sharepoint: FakeSharePoint, sqlite_url: str
) -> AsyncIterator[Publishing]:
    """An app registered with a certificate and granted on the site, and a migrated database."""
    client_id = new_id()
    certificate = app_certificate(tmp_path / "app")
    graph.register_app(client_id, certificate=certificate.certificate)
    sharepoint.grant(client_id)
    database = Database(sqlite_url)
    yield Publishing(graph, sharepoint, client_id, certificate.pfx, database, tmp_path)
    await database.close()
