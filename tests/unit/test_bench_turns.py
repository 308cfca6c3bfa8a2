"""The turn benchmark's reports: start-up and memory per bot, a turn's profile in parts, and the
commands a bot process obeys. Nothing here is timed."""

from __future__ import annotations

import pytest

from bench.profile_split import part_of
from bench.server import Commands
from bench.startup import MB, Lifetime, lifetime_table
from bench.turn_profile import OTHER, PARAAT, TURN_PARTS, WAITING

PROJECT = "/work/paraat"


def test_start_up_and_memory_are_set_against_the_echo_bot() -> None:
    table = lifetime_table(
        [Lifetime("echo", 1.0, 100 * MB, 110 * MB), Lifetime("paraat", 2.5, 150 * MB, 160 * MB)]
    )

    paraat = next(line for line in table.splitlines() if line.startswith("| paraat"))
    cells = [cell.strip() for cell in paraat.strip("|").split("|")]
    assert cells == ["paraat", "2.50", "2.50", "150", "1.50", "160"]


def test_a_turns_functions_fall_into_their_parts() -> None:
    def part(location: str) -> str:
        return part_of(location, PROJECT, TURN_PARTS, PARAAT, OTHER)

    assert part("~:<method 'poll' of 'select.epoll' objects>") == WAITING
    assert part("/v/site-packages/sqlalchemy/engine/base.py:execute").startswith("database")
    assert part("~:<method 'execute' of 'sqlite3.Cursor' objects>").startswith("database")
    assert part("/v/site-packages/microsoft_agents/hosting/core/turn_context.py:x").startswith(
        "Agents SDK"
    )
    assert part("/v/site-packages/microsoft_teams/cards/x.py:y").startswith("pydantic")
    assert part(f"{PROJECT}/learning/quiz.py:answer") == PARAAT
    assert part(f"{PROJECT}/bench/load.py:drive") == OTHER


def test_a_bot_process_refuses_commands_it_does_not_know(
    capsys: pytest.CaptureFixture[str],
) -> None:
    commands = Commands()
    commands.obey(["PROFILE", "STOP", "/tmp/never.prof"])  # nothing was started
    commands.obey(["HELLO"])

    out = capsys.readouterr().out.split()
    assert out == ["ERROR", "ERROR"]
