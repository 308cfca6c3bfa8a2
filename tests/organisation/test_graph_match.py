"""The documented rule that places Graph's people by their department, and finds managers."""

from __future__ import annotations

from organisation.importer import Wanted, with_graph
from organisation.rules.chart import Chart, Manager, Unit
from organisation.rules.graph_match import DirectoryEntry, normalised, place

CHART = Chart.of(
    [
        Unit("bedrijfsvoering", "department", "Bedrijfsvoering", None),
        Unit("financien", "team", "Financiën", "bedrijfsvoering"),
        Unit("gebouw-en-ict", "department", "Gebouw en ICT", "bedrijfsvoering"),
        Unit("ict", "team", "ICT en Informatie", "gebouw-en-ict"),
        Unit("beheer", "team", "Beheer", "gebouw-en-ict"),
        Unit("beheer-openbare-ruimte", "team", "Beheer", "bedrijfsvoering"),
    ]
)


def test_names_match_without_case_accents_hyphens_or_extra_spaces() -> None:
    assert normalised("  Financiën ") == normalised("financien") == "financien"
    assert normalised("Gebouw-en-ICT") == normalised("gebouw  en ict")


def test_people_are_placed_in_teams_and_managers_found() -> None:
    entries = [
        DirectoryEntry("head", "Bedrijfsvoering", None),
        DirectoryEntry("sub", "gebouw en ict", "head"),
        DirectoryEntry("lead", "ICT EN INFORMATIE", "sub"),
        DirectoryEntry("anna", "ict-en-informatie", "lead"),
        DirectoryEntry("bo", "FINANCIEN", "head"),
        DirectoryEntry("cas", "Kantine", "head"),
        DirectoryEntry("dirk", None, "head"),
        DirectoryEntry("eva", "Beheer", "sub"),
    ]
    placed = place(CHART, entries)
    assert placed.members == {"lead": "ict", "anna": "ict", "bo": "financien"}
    assert placed.managers == {
        Manager("lead", "ict"),  # Anna's manager
        Manager("sub", "ict"),  # the team lead's manager
        Manager("head", "financien"),
        Manager("head", "bedrijfsvoering"),  # in a department, and someone's manager
        Manager("sub", "gebouw-en-ict"),
    }
    # Not in a team: the department heads themselves, an unknown name, and an ambiguous one.
    assert placed.unplaced == {"Bedrijfsvoering": 1, "gebouw en ict": 1, "Kantine": 1, "Beheer": 1}
    assert placed.ambiguous == {"Beheer"}
    assert placed.without_department == 1


def test_with_a_file_the_file_wins_for_the_people_it_names() -> None:
    file = Wanted(CHART, {"anna": "financien", "piet@voorbeeld.nl": "ict"}, frozenset(), "org.csv")
    graph = place(
        CHART,
        [
            DirectoryEntry("anna", "ICT en Informatie", "lead"),
            DirectoryEntry("bo", "ICT en Informatie", "lead"),
        ],
    )
    both = with_graph(file, graph)
    assert both.members == {"anna": "financien", "bo": "ict", "piet@voorbeeld.nl": "ict"}
    assert both.managers == {Manager("lead", "ict")}
    assert both.source == "org.csv + graph"
