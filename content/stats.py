"""Counts over a loaded library: per kind, scenario and team, every language side by side (Dutch
is the reference; a smaller count elsewhere is content not translated yet)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from content.loader import LanguageContent, Library


def library_stats(library: Library) -> dict[str, Any]:
    """Counts of everything in ``library``, ready for JSON."""
    dutch = library["nl"]
    team_ids = [team.id for team in dutch.organisation.teams()] if dutch.organisation else []
    per_language = dict(library.languages)
    scenario_questions = {code: _tagged(c, "scenarios") for code, c in per_language.items()}
    team_questions = {code: _tagged(c, "teams") for code, c in per_language.items()}
    return {
        "languages": {code: _kinds(content) for code, content in per_language.items()},
        "scenarios": {
            scenario: {
                "questions": scenario_questions["nl"][scenario],
                "briefings": sum(b.scenario == scenario for b in dutch.briefings.values()),
                "by_language": {
                    code: {"questions": counts[scenario]}
                    for code, counts in scenario_questions.items()
                },
            }
            for scenario in dutch.scenarios
        },
        "teams": {
            team: {
                "profile": team in dutch.teams,
                "questions": team_questions["nl"][team],
                "questions_on_profile": sum(
                    any(check.team == team for check in q.checks) for q in dutch.questions.values()
                ),
                "briefings": sum(
                    b.audience != "all" and team in b.audience for b in dutch.briefings.values()
                ),
                "by_language": {
                    code: {
                        "profile": team in content.teams,
                        "questions": team_questions[code][team],
                    }
                    for code, content in per_language.items()
                },
            }
            for team in team_ids
        },
        "personal_questions": sum(q.personal for q in dutch.questions.values()),
    }


def _tagged(content: LanguageContent, field: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for question in content.questions.values():
        counts.update(getattr(question, field))
    return counts


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
        "glossary terms": len(content.glossary),
    }
