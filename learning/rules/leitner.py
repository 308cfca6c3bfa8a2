"""Spaced repetition with Leitner boxes: when to ask a question again.

Every question a person has answered sits in one of five boxes. A right answer moves it up one
box, a wrong answer sends it back to box 1, and the box decides how long until it is asked again
(:data:`INTERVALS`: 1, 3, 7, 14 and 30 days).

Why Leitner and not SM-2 (SuperMemo, as in Anki):

* It is transparent: "answered right, so you see it again in a week" can be explained to any
  member of staff, and a manager can read a box number; SM-2's ease factors cannot.
* It needs only right or wrong. SM-2 asks people to rate how hard recall was (0-5); staff in a
  Teams chat will not do that reliably, and a bad rating skews every later interval.
* It is robust for questions with three options, where a third of the guesses are right anyway:
  one lucky guess moves a question up a single box, while SM-2 would also raise its ease factor
  and stretch every later interval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

INTERVALS: Final[tuple[int, ...]] = (1, 3, 7, 14, 30)
"""Days until the next repetition, for boxes 1 to 5."""

FIRST_BOX: Final = 1
LAST_BOX: Final = len(INTERVALS)


@dataclass(frozen=True)
class Review:
    """Where one question stands for one person: its box and when it is due again."""

    question_id: str
    box: int
    due_at: datetime
    last_answered_at: datetime

    def __post_init__(self) -> None:
        if not FIRST_BOX <= self.box <= LAST_BOX:
            raise ValueError(f"box must be {FIRST_BOX}..{LAST_BOX}, not {self.box}")


def interval(box: int) -> timedelta:
    """How long a question in ``box`` (1..5) waits before it is asked again."""
    if not FIRST_BOX <= box <= LAST_BOX:
        raise ValueError(f"box must be {FIRST_BOX}..{LAST_BOX}, not {box}")
    return timedelta(days=INTERVALS[box - FIRST_BOX])


def after_answer(previous: Review | None, question_id: str, correct: bool, now: datetime) -> Review:
    """The review after answering ``question_id`` at ``now``.

    A wrong answer puts the question in box 1, due a day later. A right answer moves it up one
    box (at most box 5; a first-ever right answer lands in box 2, as if it started in box 1) and
    makes it due after that box's interval.

    Raises:
        ValueError: when ``previous`` belongs to another question.
    """
    if previous is not None and previous.question_id != question_id:
        raise ValueError(f"review of {previous.question_id!r} given for {question_id!r}")
    if correct:
        box = min((previous.box if previous else FIRST_BOX) + 1, LAST_BOX)
    else:
        box = FIRST_BOX
    return Review(
        question_id=question_id, box=box, due_at=now + interval(box), last_answered_at=now
    )


def is_due(review: Review, now: datetime) -> bool:
    """True when the question should be asked again at ``now`` (from its due moment on)."""
    return review.due_at <= now
