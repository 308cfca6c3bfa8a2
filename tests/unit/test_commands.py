"""Typed text becomes the right command in both languages, typos included."""

from __future__ import annotations

import pytest

from conversation.basics import language_choice
from conversation.commands import Command
from wiring.features import catalogue


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("hulp", Command("help")),
        ("Help!", Command("help")),
        ("?", Command("help")),
        ("Mijn Team?", Command("team")),
        ("my team", Command("team")),
        ("taal english", Command("language", "english")),
        ("Language Nederlands", Command("language", "nederlands")),
        ("voortgang", Command("progress")),
        ("qiuz", Command(None, suggestion="quiz")),
        ("chekclist", Command("checklist")),
        ("voortgnag", Command("progress")),
        ("taal englsh", Command("language", "englsh")),
        ("tal english", Command("language", "english")),
        ("wat als de stroom uitvalt?", Command("team")),
        ("What if the internet is down", Command("team")),
        ("kies team", Command("choose-team")),
        ("goedemorgen allemaal", Command(None)),
        ("", Command(None)),
        ("   ", Command(None)),
    ],
)
def test_parse(typed: str, expected: Command) -> None:
    assert catalogue().parse(typed) == expected


@pytest.mark.parametrize(
    ("argument", "language"),
    [("english", "en"), ("Engels", "en"), ("englsh", "en"), ("nederlands", "nl"), ("NL", "nl")],
)
def test_language_choice(argument: str, language: str) -> None:
    assert language_choice(argument) == language


def test_language_choice_refuses_what_it_does_not_speak() -> None:
    assert language_choice("klingon") is None
    assert language_choice("") is None


def test_every_command_has_both_languages_and_help_and_menu_follow_the_catalogue() -> None:
    commands = catalogue()
    for spec in commands.specs:
        assert set(spec.words) == set(spec.description) == {"nl", "en"}
    for language in ("nl", "en"):
        entries = commands.help_entries(language)
        assert [e.command for e in entries] == [s.words[language][0] for s in commands.specs]
        assert {b.command for b in commands.menu(language)} <= {s.name for s in commands.specs}


def test_the_help_card_lists_the_commands_in_the_order_staff_know() -> None:
    names = [spec.name for spec in catalogue().specs]
    assert names == [
        "quiz", "briefing", "team", "checklist", "print", "choose-team", "progress", "data",
        "language", "help", "plan", "planning", "readiness", "publish",
    ]  # fmt: skip
