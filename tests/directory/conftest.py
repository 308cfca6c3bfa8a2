"""A running fake Entra and Graph holding a small organisation, and clients for it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from directory.credentials import ClientSecret, Credential
from directory.graph import GraphDirectory
from directory.retry import RetryPolicy
from testkit.graph_server import FakeGraph
from tests.support.graph import (
    QUICK_RETRY,
    SECRET,
    MakeDirectory,
    Organisation,
    RecordedSleep,
    credentials_for,
    new_id,
    small_organisation,
)


@pytest.fixture
async def graph(tmp_path: Path) -> AsyncIterator[FakeGraph]:
    """Entra and Graph on a loopback port, over TLS with their own CA."""
    async with FakeGraph(tmp_path / "tls") as fake:
        yield fake


@pytest.fixture
def organisation(graph: FakeGraph) -> Organisation:
    """The small organisation, in the fake directory."""
    return small_organisation(graph)


@pytest.fixture
def client_id(graph: FakeGraph) -> str:
    """An app registered with :data:`SECRET` and both Graph permissions."""
    app = new_id()
    graph.register_app(app, secret=SECRET)
    return app


@pytest.fixture
def sleep() -> RecordedSleep:
    """The client's sleep between tries, recorded."""
    return RecordedSleep()


@pytest.fixture
def make_directory(
    graph: FakeGraph, client_id: str, sleep: RecordedSleep
) -> Iterator[MakeDirectory]:
    """Makes real clients (msal + requests) for the fake; closed after the test."""
    made: list[GraphDirectory] = []

    def make(
        credential: Credential | None = None,
        *,
        app: str | None = None,
        retry: RetryPolicy = QUICK_RETRY,
        **changes: Any,
    ) -> GraphDirectory:
        credentials = credentials_for(graph, app or client_id, credential or ClientSecret(SECRET))
        if changes:
            credentials = replace(credentials, **changes)
        directory = GraphDirectory(credentials, retry=retry, sleep=sleep)
        made.append(directory)
        return directory

    yield make
    for directory in made:
        directory.close()
