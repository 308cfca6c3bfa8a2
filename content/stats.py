"""Counts over a loaded library: per kind and language, per scenario and per team."""

from __future__ import annotations

from collections import Counter
from typing import Any

from content.loader import LanguageContent, Library


def library_stats(library: Library) -> dict[str, Any]:
    """Counts of everything in ``library``, ready for JSON."""
    dutch = library["nl"]
    team_ids = [team.id for team in dutch.organisation.teams()] if dutch.organisation else []
    scenario_questions: Counter[str] = Counter()
    team_questions: Counter[str] = Counter()
    personal = 0
    for question in dutch.questions.values():
        scenario_questions.update(question.scenarios)
        team_questions.update(question.teams)
        personal += question.personal
    return {
        "languages": {code: _kinds(content) for code, content in library.languages.items()},
        "scenarios": {
            scenario: {
                "questions": scenario_questions[scenario],
                "briefings": sum(b.scenario == scenario for b in dutch.briefings.values()),
            }
            for scenario in dutch.scenarios
        },
        "teams": {
            team: {
                "profile": team in dutch.teams,
                "questions": team_questions[team],
                "briefings": sum(
                    b.audience != "all" and team in b.audience for b in dutch.briefings.values()
                ),
            }
            for team in team_ids
        },
        "personal_questions": personal,
    }


def _kinds(content: LanguageContent) -> dict[str, int]:
    return {
        "scenarios": len(content.scenarios),
        "briefings": len(content.briefings),
        "questions": len(content.questions),
        "team profiles": len(content.teams),
        "places": len(content.places),
        "checklist items": sum(len(g.items) for g in content.checklist.groups)
        if content.checklist
        else 0,
    }
