"""Each deliberately broken file yields exactly the expected problem: file, line, field, message.

Warnings (an unfinished library: a missing translation or fallback location) are left out here;
``test_completeness.py`` and ``test_glossary.py`` hold them to the same precision."""

from __future__ import annotations

from pathlib import Path

import pytest

from content.check import check_library
from content.loader import load_library
from content.problems import ContentError
from tests.support.content import BROKEN, broken_library

# case: [(file in the library, line, field, part of the message), ...] — every problem, no more.
EXPECTED: dict[str, list[tuple[str, int, str, str]]] = {
    "bad-duration": [
        ("nl/teams/balie.yaml", 6, "processes[0].mtpd", "expected a duration such as 30m"),
    ],
    "bad-id": [
        ("nl/quiz/stroom.yaml", 2, "questions[0].id", "expected an id of lower-case words"),
    ],
    "briefing-for-unknown-team": [
        ("nl/briefings/team-balie.yaml", 5, "audience[0]", "there is no team 'parkeren'"),
    ],
    "core-item-without-english": [
        ("nl/scenarios/hitte.yaml", 1, "id", "no en version: add it to en/scenarios/hitte.yaml"),
    ],
    "correct-not-an-option": [
        ("nl/quiz/stroom.yaml", 10, "questions[0].correct[0]", "'c' is not one of the options"),
    ],
    "duplicate-key": [
        ("nl/scenarios/stroom.yaml", 4, "", "the key 'title' appears twice (first on line 3)"),
    ],
    "duplicate-question-id": [
        ("nl/quiz/stroom.yaml", 2, "questions[0].id", "'stroom-01' is used twice (first at "),
    ],
    "empty-file": [("nl/scenarios/stroom.yaml", 1, "", "the file is empty")],
    "english-without-dutch": [
        ("en/scenarios/orphan.yaml", 1, "id", "no Dutch scenario with the id 'orphan'"),
    ],
    "file-name-is-not-the-id": [
        ("nl/briefings/team-balie.yaml", 1, "id", "rename the file to balie-uitleg.yaml"),
    ],
    "jargon": [
        ("nl/teams/balie.yaml", 11, "processes[0].fallback", "'RTO' is jargon"),
    ],
    "link-without-https": [
        ("nl/scenarios/stroom.yaml", 18, "sources[0].url", "expected a web address"),
    ],
    "list-expected": [
        ("nl/quiz/stroom.yaml", 10, "questions[0].correct", "expected a list"),
    ],
    "missing-explanation": [
        ("nl/quiz/stroom.yaml", 2, "questions[0].explanation", "required but missing"),
    ],
    "missing-source": [
        ("nl/quiz/stroom.yaml", 2, "questions[0].source", "required but missing"),
    ],
    "no-checklist": [
        ("en/checklist.yaml", 1, "id", "no Dutch checklist with the id 'checklist-72-uur'"),
        ("nl/checklist.yaml", 1, "", "checklist.yaml is missing"),
    ],
    "not-plain-dutch": [
        ("nl/scenarios/stroom.yaml", 1, "", "not plain enough (B1): Flesch-Douma"),
    ],
    "long-sentence": [
        ("nl/scenarios/stroom.yaml", 4, "summary", "sentence of 33 words (at most 25)"),
    ],
    "not-utf8": [("nl/places.yaml", 1, "", "the file is not UTF-8 text")],
    "profile-for-unknown-team": [
        ("nl/teams/kantine.yaml", 1, "team", "there is no team 'kantine' in organisation.yaml"),
    ],
    "recovery-longer-than-tolerance": [
        ("nl/teams/balie.yaml", 7, "processes[0].rto", "rto (5d) is longer than mtpd (3d)"),
    ],
    "single-choice-two-answers": [
        ("nl/quiz/stroom.yaml", 10, "questions[0].correct", "exactly one correct answer, not 2"),
    ],
    "team-without-profile": [
        ("nl/organisation.yaml", 12, "departments[0].teams[1]", "'archief' has no profile"),
    ],
    "text-too-long": [
        (
            "nl/quiz/stroom.yaml",
            4,
            "questions[0].question",
            "text too long for a card: at most 300",
        ),
    ],
    "too-few-options": [
        ("nl/quiz/stroom.yaml", 5, "questions[0].options", "needs at least 2 entries"),
    ],
    "unexpected-file": [("nl/notities.txt", 1, "", "unexpected here: expected organisation.yaml")],
    "unknown-field": [
        ("nl/quiz/stroom.yaml", 2, "questions[0].explanation", "required but missing"),
        ("nl/quiz/stroom.yaml", 11, "questions[0].explantion", "(did you mean 'explanation'?)"),
    ],
    "unknown-partner": [
        ("nl/teams/balie.yaml", 17, "partners[0]", "there is no place in places.yaml 'kerk'"),
    ],
    "unknown-scenario-tag": [
        ("nl/quiz/stroom.yaml", 15, "questions[0].scenarios[0]", "no scenario 'zonnestorm'"),
    ],
    "yaml-syntax": [("nl/scenarios/stroom.yaml", 5, "", "not valid YAML")],
}
PLAIN_LANGUAGE_ONLY = {"jargon", "long-sentence", "not-plain-dutch"}
"""Cases that load (Paraat can run) but fail `paraat content check`."""


def test_every_broken_case_has_an_expectation() -> None:
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(EXPECTED)
    assert len(EXPECTED) >= 20


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_broken_file_gives_the_precise_problem(case: str, tmp_path: Path) -> None:
    root = broken_library(case, tmp_path)
    found = [
        (str(p.file.relative_to(root)), p.line, p.field, p.message)
        for p in check_library(root)
        if not p.warning
    ]
    assert len(found) == len(EXPECTED[case]), found
    for (file, line, field, message), expected in zip(found, EXPECTED[case], strict=True):
        assert (file, line, field) == expected[:3], found
        assert expected[3] in message, found


@pytest.mark.parametrize("case", sorted(set(EXPECTED) - PLAIN_LANGUAGE_ONLY))
def test_a_broken_library_is_never_loaded(case: str, tmp_path: Path) -> None:
    root = broken_library(case, tmp_path)
    with pytest.raises(ContentError) as raised:
        load_library(root)
    assert raised.value.problems  # every problem travels with the error, none is dropped
    assert str(root) in str(raised.value)


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    root = broken_library("bad-id", tmp_path)
    (root / "nl" / "notities.txt").write_text("kladje\n")
    (root / "nl" / "scenarios" / "stroom.yaml").write_text("")
    problems = [problem for problem in check_library(root) if not problem.warning]
    assert {str(p.file.relative_to(root)) for p in problems} == {
        "nl/quiz/stroom.yaml",
        "nl/notities.txt",
        "nl/scenarios/stroom.yaml",
    }
