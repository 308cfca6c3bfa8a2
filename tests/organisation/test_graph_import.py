"""Placing people from Microsoft Graph, with the real client against the fake Graph (paged)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from cli.main import main
from content.loader import Library
from directory import from_settings
from directory.graph import GraphDirectory
from organisation import graph_source
from organisation.importer import chart_of_library
from organisation.rules.chart import Manager
from testkit.graph_server import FakeGraph
from tests.support.graph import new_id


def fill(graph: FakeGraph) -> dict[str, str]:
    """Seven accounts, one disabled; returns their object ids by first name."""
    ids = {name: new_id() for name in ("hoofd", "lead", "anna", "bo", "cas", "dirk", "eva")}
    people = [
        ("hoofd", "Bedrijfsvoering", None, True),
        ("lead", "ICT en Informatie", "hoofd", True),
        ("anna", "ict en informatie", "lead", True),
        ("bo", "Personeel en Organisatie", "hoofd", True),
        ("cas", "Kantine", "hoofd", True),
        ("dirk", None, "hoofd", True),
        ("eva", "ICT en Informatie", "lead", False),
    ]
    for name, department, manager, enabled in people:
        graph.add_user(
            ids[name], name.title(), f"{name}@gemeente.example", department=department,
            manager=ids[manager] if manager else None, enabled=enabled,
        )  # fmt: skip
    return ids


async def test_people_and_managers_come_from_graph_page_by_page(
    graph: FakeGraph, graph_directory: GraphDirectory, bundled: Library
) -> None:
    ids = fill(graph)
    organisation = bundled["nl"].organisation
    assert organisation is not None
    placed = await graph_source.read_graph(graph_directory, chart_of_library(organisation))
    assert placed.members == {ids["lead"]: "ict", ids["anna"]: "ict", ids["bo"]: "hr"}
    assert placed.managers == {
        Manager(ids["lead"], "ict"),
        Manager(ids["hoofd"], "ict"),
        Manager(ids["hoofd"], "hr"),
        Manager(ids["hoofd"], "bedrijfsvoering"),
    }
    assert placed.unplaced == {"Bedrijfsvoering": 1, "Kantine": 1}
    assert placed.without_department == 1
    user_pages = [r for r in graph.graph_requests() if r.path.endswith("/users")]
    assert len(user_pages) == 4  # seven accounts, two a page


@pytest.fixture
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sqlite_url: str) -> None:
    for name in list(os.environ):
        if name.startswith("PARAAT_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARAAT_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("PARAAT_DATA_DIR", str(tmp_path))


@pytest.mark.usefixtures("isolated")
async def test_paraat_org_import_graph(
    graph: FakeGraph,
    graph_directory: GraphDirectory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ids = fill(graph)
    monkeypatch.setattr(from_settings, "graph_directory", lambda settings: graph_directory)
    # The command runs its own event loop; the fake Graph needs this one, so it runs beside it.
    assert await asyncio.to_thread(main, ["org", "import", "--graph", "--dry-run"]) == 0
    shown = capsys.readouterr().out
    assert "Dry run, nothing was changed. The import would give: 3 added" in shown
    assert ids["anna"] in shown and "Kantine" in shown
    assert "1 people in Entra have no department." in shown
    assert await asyncio.to_thread(main, ["org", "import", "--graph"]) == 0
    assert "Imported the organisation from graph (import 1): 3 added" in capsys.readouterr().out


@pytest.mark.usefixtures("isolated")
def test_graph_needs_the_apps_credentials(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["org", "import", "--graph"]) == 2
    assert "needs the app's credentials" in capsys.readouterr().err
