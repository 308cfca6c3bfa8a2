"""The bundled library: complete, sourced, plain Dutch, and checked like any other."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from pydantic import ValidationError

from cli.main import main
from content.check import check_library
from content.loader import LIBRARY, Library
from content.model import Briefing, Scenario
from content.readability import MINIMUM_SCORE, flesch_douma, item_text


@pytest.fixture(scope="module")
def library(bundled: Library) -> Library:
    return bundled


def test_the_bundled_library_has_no_problems_at_all() -> None:
    assert [str(problem) for problem in check_library(LIBRARY)] == []


def test_it_has_what_a_municipality_needs_on_day_one(library: Library) -> None:
    dutch = library["nl"]
    assert len(dutch.scenarios) >= 6
    assert dutch.organisation is not None and dutch.organisation.fictional
    teams = [team.id for team in dutch.organisation.teams()]
    assert len(teams) >= 12 and set(teams) == set(dutch.teams)
    assert len(dutch.questions) >= 80
    per_team = Counter(team for q in dutch.questions.values() for team in q.teams)
    assert {team: per_team[team] for team in teams if per_team[team] < 2} == {}
    assert sum(q.personal for q in dutch.questions.values()) >= 10
    per_scenario = Counter(s for q in dutch.questions.values() for s in q.scenarios)
    assert all(per_scenario[scenario] >= 3 for scenario in dutch.scenarios), per_scenario
    all_staff = {b.scenario for b in dutch.briefings.values() if b.for_all_staff}
    assert set(dutch.scenarios) <= all_staff
    team_briefings = {
        t for b in dutch.briefings.values() if b.audience != "all" for t in b.audience
    }
    assert set(teams) <= team_briefings
    assert dutch.checklist is not None and len(dutch.places) >= 3


def test_english_has_the_core(library: Library) -> None:
    dutch, english = library["nl"], library["en"]
    assert set(english.scenarios) == set(dutch.scenarios)
    assert {i for i, b in dutch.briefings.items() if b.for_all_staff} <= set(english.briefings)
    assert english.checklist is not None


def test_every_fact_carries_a_public_source(library: Library) -> None:
    for content in library.languages.values():
        for question in content.questions.values():
            assert question.source.url.scheme == "https", question.id
        items: list[Scenario | Briefing] = [
            *content.scenarios.values(),
            *content.briefings.values(),
        ]
        for item in items:
            assert item.sources and all(s.url.scheme == "https" for s in item.sources), item.id
        for profile in content.teams.values():
            assert profile.sources, f"team profile {profile.team} names no source"


def test_every_dutch_item_reads_at_b1(library: Library) -> None:
    dutch = library["nl"]
    items = [
        *dutch.scenarios.values(),
        *dutch.briefings.values(),
        *dutch.questions.values(),
        *dutch.teams.values(),
        *dutch.places.values(),
    ]
    assert dutch.checklist is not None
    scores = {repr(item)[:60]: flesch_douma(item_text(item)) for item in [*items, dutch.checklist]}
    assert {name: score for name, score in scores.items() if score < MINIMUM_SCORE} == {}


def test_loaded_content_cannot_be_changed(library: Library) -> None:
    question = next(iter(library["nl"].questions.values()))
    with pytest.raises(ValidationError):
        question.explanation = "iets anders"
    with pytest.raises(TypeError):
        library["nl"].questions["nieuw"] = question  # type: ignore[index]


def test_content_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check"]) == 0
    assert "No problems" in capsys.readouterr().out
    assert main(["content", "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["languages"]["nl"]["questions"] >= 80
    assert main(["content", "stats"]) == 0
    table = capsys.readouterr().out
    assert "Per team (Dutch)" in table
    assert all(f"│ {team} " in table for team in stats["teams"])
