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


def test_english_has_every_item_so_the_english_quiz_never_falls_back(library: Library) -> None:
    dutch, english = library["nl"], library["en"]
    assert set(english.questions) == set(dutch.questions)
    assert set(english.teams) == set(dutch.teams)
    assert set(english.briefings) == set(dutch.briefings)
    assert set(english.glossary) == set(dutch.glossary)
    seen = library.for_language("en")
    assert all(seen.questions[i] is english.questions[i] for i in dutch.questions)
    assert all(seen.teams[t] is english.teams[t] for t in dutch.teams)


def test_every_team_has_a_quiz_about_its_own_card(library: Library) -> None:
    dutch = library["nl"]
    assert dutch.organisation is not None
    for team in (t.id for t in dutch.organisation.teams()):
        own = [q for q in dutch.questions.values() if q.id.startswith(f"team-{team}-")]
        on_card = [q for q in own if any(check.team == team for check in q.checks)]
        assert 6 <= len(own) <= 8, (team, len(own))
        assert len(on_card) > len(own) / 2, (team, len(on_card))
        assert any(c.part == "places" for q in on_card for c in q.checks), team


def test_every_team_has_a_fallback_location_and_the_organisation_a_no_contact_rule(
    library: Library,
) -> None:
    dutch = library["nl"]
    for profile in dutch.teams.values():
        assert profile.fallback_location, profile.team
        assert not profile.fallback_location.startswith("Stadskantoor"), profile.team
        for process in profile.processes:
            assert process.id, (profile.team, process.name)
            uses_systems = "applications" in process.depends_on
            assert (process.rpo is not None) == (uses_systems or "internet" in process.depends_on)
    rule = dutch.no_contact
    assert rule is not None and rule.times == ("09:00", "13:00")
    english = library.for_language("en").no_contact
    assert english is not None and english.times == rule.times and english != rule
    assert {"wie-beslist", "na-de-storing"} <= {
        i for i, b in dutch.briefings.items() if b.for_all_staff
    }


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
    assert "Questions per team and language" in table
    assert "│ kind            │  nl │  en │" not in table  # columns carry the counts, not this
    assert stats["languages"]["en"]["questions"] == stats["languages"]["nl"]["questions"]
    assert stats["teams"]["burgerzaken"]["by_language"]["en"]["profile"] is True
    assert all(f"│ {team} " in table for team in stats["teams"])
