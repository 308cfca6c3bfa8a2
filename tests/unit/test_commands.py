"""Typed text becomes the right command in both languages, typos included."""

from __future__ import annotations

import pytest

from bot import commands
from bot.commands import Command, parse


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
    assert parse(typed) == expected


@pytest.mark.parametrize(
    ("argument", "language"),
    [("english", "en"), ("Engels", "en"), ("englsh", "en"), ("nederlands", "nl"), ("NL", "nl")],
)
def test_language_choice(argument: str, language: str) -> None:
    assert commands.language_choice(argument) == language


def test_language_choice_refuses_what_it_does_not_speak() -> None:
    assert commands.language_choice("klingon") is None
    assert commands.language_choice("") is None


def test_every_command_has_both_languages_and_help_and_menu_follow_the_catalogue() -> None:
    for spec in commands.CATALOGUE:
        assert set(spec.words) == set(spec.description) == {"nl", "en"}
    for language in ("nl", "en"):
        entries = commands.help_entries(language)
        assert [e.command for e in entries] == [s.words[language][0] for s in commands.CATALOGUE]
        assert {b.command for b in commands.menu(language)} <= {s.name for s in commands.CATALOGUE}
