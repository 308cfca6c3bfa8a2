"""Buttons that run a command, as if the user typed it."""

from __future__ import annotations

from dataclasses import dataclass

from microsoft_teams.cards import SubmitAction

COMMAND_VERB = "command"


@dataclass(frozen=True)
class MenuButton:
    """A button with a label that runs ``command`` (the command's canonical name)."""

    label: str
    command: str


def command_action(button: MenuButton) -> SubmitAction:
    """An Action.Submit whose data names the command; the bot runs it as typed text."""
    return SubmitAction(title=button.label, data={"verb": COMMAND_VERB, "command": button.command})
