"""The rules of the second edition: a fallback location per team, questions that name the profile
item they test (and notice when it changes), English that says the same as Dutch, and data loss
only for processes that use systems. Each fails when its rule is broken."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cli.main import main
from content.check import check_library
from content.completeness import fingerprint
from content.loader import load_library
from content.problems import ContentError, Problem
from tests.support.content import MINIMAL

CHECKS = "    teams: [balie]\n"
LOCATION = "location: Stadhuis, begane grond\n"


def library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    shutil.copytree(MINIMAL, root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def found(root: Path, *, warnings: bool) -> list[tuple[str, int, str, str]]:
    return [
        (str(p.file.relative_to(root)), p.line, p.field, p.message)
        for p in check_library(root)
        if p.warning is warnings
    ]


def about(problems: list[tuple[str, int, str, str]], text: str) -> list[tuple[str, int, str]]:
    return [(file, line, field) for file, line, field, message in problems if text in message]


def profile(root: Path) -> Path:
    return root / "nl" / "teams" / "balie.yaml"


def with_process_id(root: Path) -> None:
    edit(
        profile(root),
        "  - name: Geboorte melden\n",
        "  - id: geboorte\n    name: Geboorte melden\n",
    )


# --- fallback location -------------------------------------------------------------------------


def test_a_team_without_a_fallback_location_is_warned_about(tmp_path: Path) -> None:
    root = library(tmp_path)
    assert about(found(root, warnings=True), "add fallback_location") == [
        ("nl/teams/balie.yaml", 15, "location")
    ]
    edit(profile(root), LOCATION, LOCATION + "fallback_location: Bibliotheek Proef, Plein 1\n")
    assert about(found(root, warnings=True), "fallback_location") == []
    assert load_library(root)["nl"].teams["balie"].fallback_location == "Bibliotheek Proef, Plein 1"


def test_the_fallback_location_cannot_be_the_building_that_may_be_dark(tmp_path: Path) -> None:
    root = library(tmp_path)
    edit(profile(root), LOCATION, LOCATION + "fallback_location: Stadhuis\n")
    assert about(found(root, warnings=False), "the building that may be dark") == [
        ("nl/teams/balie.yaml", 16, "fallback_location")
    ]
    with pytest.raises(ContentError):
        load_library(root)


# --- data loss only where systems are used -----------------------------------------------------


def test_a_paper_only_process_has_no_data_loss(tmp_path: Path) -> None:
    root = library(tmp_path)
    uses_systems = (
        "    depends_on: [power, applications]\n    applications: [Basisregistratie Personen]\n"
    )
    edit(profile(root), uses_systems, "    depends_on: [power, building-access]\n")
    assert about(found(root, warnings=False), "leave rpo out") == [
        ("nl/teams/balie.yaml", 8, "processes[0].rpo")
    ]
    edit(profile(root), "    rpo: 4h\n", "")
    assert found(root, warnings=False) == []
    assert load_library(root)["nl"].teams["balie"].processes[0].rpo is None


def test_a_process_that_uses_applications_says_how_much_data_may_be_lost(tmp_path: Path) -> None:
    root = library(tmp_path)
    edit(profile(root), "    rpo: 4h\n", "")
    assert about(found(root, warnings=False), "say how much data may be lost") == [
        ("nl/teams/balie.yaml", 5, "processes[0].rpo")
    ]


# --- questions that test a profile item --------------------------------------------------------


def test_a_question_names_the_profile_item_it_tests_and_notices_a_change(tmp_path: Path) -> None:
    root = library(tmp_path)
    with_process_id(root)
    quiz = root / "nl" / "quiz" / "stroom.yaml"
    edit(quiz, CHECKS, CHECKS + "    checks:\n      - item: balie/geboorte\n")
    # No hash yet: the warning gives the one to write down.
    loaded = load_library(root)["nl"].teams["balie"]
    now = fingerprint(loaded, "geboorte")
    assert now is not None and len(now) == 8
    assert about(found(root, warnings=True), f"add hash: {now}") == [
        ("nl/quiz/stroom.yaml", 33, "questions[1].checks[0].item")
    ]
    edit(
        quiz,
        "      - item: balie/geboorte\n",
        f"      - item: balie/geboorte\n        hash: {now}\n",
    )
    assert about(found(root, warnings=True), "balie/geboorte") == []
    assert about(found(root, warnings=True), "hash") == []
    # The fallback changes: the question may no longer fit.
    edit(profile(root), "Schrijf de melding op papier", "Bel de wijkagent")
    changed = fingerprint(load_library(root)["nl"].teams["balie"], "geboorte")
    assert changed != now
    assert about(found(root, warnings=True), "changed since this question was written") == [
        ("nl/quiz/stroom.yaml", 34, "questions[1].checks[0].hash")
    ]
    assert any(f"set hash: {changed}" in p[3] for p in found(root, warnings=True))
    # The process disappears (renamed): the question tests something that is gone.
    edit(profile(root), "  - id: geboorte\n", "  - id: aangifte\n")
    assert about(found(root, warnings=True), "has no 'geboorte' (any more)") == [
        ("nl/quiz/stroom.yaml", 33, "questions[1].checks[0].item")
    ]


def test_a_question_can_test_contacts_and_places_and_must_be_tagged_with_the_team(
    tmp_path: Path,
) -> None:
    root = library(tmp_path)
    quiz = root / "nl" / "quiz" / "stroom.yaml"
    checks = "    checks:\n      - item: balie/contacts\n      - item: balie/places\n"
    edit(quiz, "    scenarios: [stroom]\n", "    scenarios: [stroom]\n" + checks)
    warnings = found(root, warnings=True)
    assert about(warnings, "add it to teams") == [
        ("nl/quiz/stroom.yaml", 17, "questions[0].checks[0].item"),
        ("nl/quiz/stroom.yaml", 18, "questions[0].checks[1].item"),
    ]
    assert len(about(warnings, "add hash: ")) == 2
    edit(profile(root), "why: Hij beslist", "why: Zij beslist")
    assert fingerprint(load_library(root)["nl"].teams["balie"], "contacts") is not None


def test_a_malformed_reference_is_an_error_with_its_line(tmp_path: Path) -> None:
    root = library(tmp_path)
    edit(
        root / "nl" / "quiz" / "stroom.yaml", CHECKS, CHECKS + "    checks:\n      - item: balie\n"
    )
    problems = found(root, warnings=False)
    assert [(f, line, field) for f, line, field, _ in problems] == [
        ("nl/quiz/stroom.yaml", 33, "questions[1].checks[0].item")
    ]


# --- English parity ----------------------------------------------------------------------------


ENGLISH_QUIZ = """questions:
  - id: balie-01
    kind: multiple
    question: What do you need at the desk without power?
    options:
      - id: a
        text: Paper forms.
      - id: b
        text: A pen.
      - id: c
        text: The printer.
    correct: [a, b]
    explanation: Without power you write everything on paper.
    source:
      title: Denk vooruit
      url: https://www.denkvooruit.nl/
    teams: [balie]
"""


def test_every_item_without_its_english_version_is_warned_about(tmp_path: Path) -> None:
    root = library(tmp_path)
    missing = about(found(root, warnings=True), "no en version yet")
    assert missing == [
        ("nl/briefings/team-balie.yaml", 1, "id"),
        ("nl/places.yaml", 3, "places[0].id"),
        ("nl/quiz/stroom.yaml", 2, "questions[0].id"),
        ("nl/quiz/stroom.yaml", 16, "questions[1].id"),
        ("nl/teams/balie.yaml", 1, "team"),
    ]
    (root / "en" / "quiz").mkdir()
    (root / "en" / "quiz" / "stroom.yaml").write_text(ENGLISH_QUIZ, encoding="utf-8")
    assert ("nl/quiz/stroom.yaml", 16, "questions[1].id") not in about(
        found(root, warnings=True), "no en version yet"
    )
    english = load_library(root).for_language("en")
    assert english.questions["balie-01"].question.startswith("What do you need")


def test_an_english_question_must_have_the_same_answers_and_tags(tmp_path: Path) -> None:
    root = library(tmp_path)
    (root / "en" / "quiz").mkdir()
    (root / "en" / "quiz" / "stroom.yaml").write_text(
        ENGLISH_QUIZ.replace("correct: [a, b]", "correct: [a]").replace("- id: c", "- id: d"),
        encoding="utf-8",
    )
    assert [(f, line, field) for f, line, field, _ in found(root, warnings=False)] == [
        ("en/quiz/stroom.yaml", 5, "questions[0].options"),
        ("en/quiz/stroom.yaml", 12, "questions[0].correct"),
    ]
    with pytest.raises(ContentError):
        load_library(root)


def test_an_english_question_tests_the_same_profile_items(tmp_path: Path) -> None:
    root = library(tmp_path)
    with_process_id(root)
    edit(
        root / "nl" / "quiz" / "stroom.yaml",
        CHECKS,
        CHECKS + "    checks:\n      - item: balie/geboorte\n",
    )
    (root / "en" / "quiz").mkdir()
    english = ENGLISH_QUIZ + "    checks:\n      - item: balie/contacts\n"
    (root / "en" / "quiz" / "stroom.yaml").write_text(english, encoding="utf-8")
    assert about(found(root, warnings=False), "same profile items") == [
        ("en/quiz/stroom.yaml", 18, "questions[0].checks")
    ]


def test_an_english_profile_keeps_the_dutch_processes_and_durations(tmp_path: Path) -> None:
    root = library(tmp_path)
    (root / "en" / "teams").mkdir()
    english = profile(root).read_text(encoding="utf-8").replace("mtpd: 3d", "mtpd: 2d")
    (root / "en" / "teams" / "balie.yaml").write_text(english, encoding="utf-8")
    assert about(found(root, warnings=False), "must match the Dutch profile") == [
        ("en/teams/balie.yaml", 4, "processes")
    ]


# --- the command line --------------------------------------------------------------------------


def test_warnings_are_printed_but_do_not_fail_the_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = library(tmp_path)
    assert main(["content", "check", str(root)]) == 0
    out = capsys.readouterr().out
    assert f"{root}/nl/teams/balie.yaml:15: location: warning: add fallback_location" in out
    assert "0 errors and " in out


def test_a_warning_reads_as_one() -> None:
    problem = Problem(Path("nl/teams/x.yaml"), 3, "location", "add it", warning=True)
    assert str(problem) == "nl/teams/x.yaml:3: location: warning: add it"
