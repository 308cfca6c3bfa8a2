"""Which commands go into the Teams menus (``manifest.commands``)."""

from __future__ import annotations

from manifest.commands import SCOPES, BotCommand, Scope, command_lists, menu


def _command(name: str, scopes: frozenset[Scope] = frozenset(SCOPES)) -> BotCommand:
    return BotCommand(name, {"nl": name, "en": name}, {"nl": "", "en": ""}, scopes)


def test_up_to_ten_commands_keep_their_order() -> None:
    commands = [_command(f"c{i}") for i in range(10)]
    assert [c.name for c in menu(commands, "personal")] == [f"c{i}" for i in range(10)]


def test_beyond_ten_help_stays_and_the_last_ones_go() -> None:
    commands = [_command(f"c{i}") for i in range(12)] + [_command("help"), _command("c12")]
    chosen = [c.name for c in menu(commands, "team")]
    assert chosen == [f"c{i}" for i in range(9)] + ["help"]


def test_help_keeps_its_place_when_it_comes_early() -> None:
    commands = [_command("c0"), _command("help")] + [_command(f"c{i}") for i in range(1, 12)]
    chosen = [c.name for c in menu(commands, "groupChat")]
    assert chosen == ["c0", "help"] + [f"c{i}" for i in range(1, 9)]


def test_scopes_with_the_same_menu_share_a_list() -> None:
    commands = [
        _command("quiz"),
        _command("data", scopes=frozenset({"personal"})),
        _command("help"),
    ]
    lists = command_lists(commands)
    assert [(entry.scopes, [c.name for c in entry.commands]) for entry in lists] == [
        (("personal",), ["quiz", "data", "help"]),
        (("team", "groupChat"), ["quiz", "help"]),
    ]
    assert command_lists([_command("data", scopes=frozenset({"personal"}))])[0].scopes == (
        "personal",
    )
