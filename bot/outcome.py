"""Whether the turn under way failed: the SDK swallows a turn's error after its error handler
ran, so the handler notes it here for the edge to count."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class TurnNote:
    """What the edge learns about one turn while it runs."""

    failed: bool = False


_note: ContextVar[TurnNote | None] = ContextVar("paraat_turn_note", default=None)


@contextmanager
def noting() -> Iterator[TurnNote]:
    """A fresh note for the turn run inside the block."""
    note = TurnNote()
    token = _note.set(note)
    try:
        yield note
    finally:
        _note.reset(token)


def turn_failed() -> None:
    """Note that the turn under way failed (nothing happens outside a turn)."""
    note = _note.get()
    if note is not None:
        note.failed = True
