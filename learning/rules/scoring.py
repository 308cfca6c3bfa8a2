"""Reading a submitted quiz answer and marking it.

The answer comes from an Adaptive Card ``Input.ChoiceSet``: ``"b"`` for a single choice,
``"a,c"`` for a multi-select. Anything can be posted to the bot, so :func:`read_choice` treats
the value as untrusted and answers ``None`` instead of raising.
"""

from __future__ import annotations

from typing import Final

from content.model import Question

MAX_INPUT_LENGTH: Final = 1000
"""Longer than any real answer (at most 5 ids of 64 characters); longer input is refused unread."""


def read_choice(question: Question, raw: object) -> tuple[str, ...] | None:
    """The option ids chosen in ``raw``, in the order of the question's options.

    ``raw`` may be a comma-separated string (``"a,c"``) or a list of strings; spaces around ids
    and duplicate ids are dropped. Returns ``None`` when nothing was chosen, when an id is not an
    option of ``question``, when a single-choice question gets more than one distinct id, or when
    ``raw`` has any other shape.
    """
    parts = _parts(raw)
    if parts is None:
        return None
    chosen = {part.strip() for part in parts} - {""}
    option_ids = [option.id for option in question.options]
    if not chosen or not chosen <= set(option_ids):
        return None
    if question.kind == "single" and len(chosen) > 1:
        return None
    return tuple(option_id for option_id in option_ids if option_id in chosen)


def _parts(raw: object) -> list[str] | None:
    if isinstance(raw, str):
        return raw.split(",") if len(raw) <= MAX_INPUT_LENGTH else None
    if isinstance(raw, list | tuple):
        if len(raw) > MAX_INPUT_LENGTH:
            return None
        strings = [item for item in raw if isinstance(item, str)]
        return strings if len(strings) == len(raw) else None
    return None


def is_correct(question: Question, chosen: tuple[str, ...]) -> bool:
    """True when ``chosen`` is exactly the set of right options: all of them, and no others."""
    return set(chosen) == set(question.correct)
