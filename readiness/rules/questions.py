"""Which questions a team finds hard, in steps that never single out one answer.

A team's figures per question count only the first answers in whole steps of :data:`STEP`
(the first 5, the first 10, ...), in the order they were given. So two versions of the list,
before and after a colleague answers, are the same until four more have answered too; and a
question answered by fewer than :data:`STEP` people of the team is not counted at all.
Only teams are counted, never departments: teams do not overlap, so no team's figures can be
subtracted from another's (docs/privacy.md, "Hard questions").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from typing import Final

STEP: Final = 5
"""Answers count in whole steps of this many."""

HARD_BELOW: Final = Fraction(7, 10)
"""A question is hard when fewer than this share of the counted first answers are right."""


@dataclass(frozen=True)
class QuestionAttempt:
    """A first answer to a question by someone in the team (no person: order and outcome).

    Attributes:
        question_id: The question.
        answered_at: When.
        correct: Whether it was right.
    """

    question_id: str
    answered_at: datetime
    correct: bool


@dataclass(frozen=True)
class QuestionCount:
    """A question's counted first answers in one team.

    Attributes:
        question_id: The question.
        counted: First answers counted: a whole number of steps, at least one.
        right: Of those, right.
    """

    question_id: str
    counted: int
    right: int

    @property
    def share(self) -> Fraction:
        """The share right, 0 to 1."""
        return Fraction(self.right, self.counted)


def counted_in_steps(attempts: Iterable[QuestionAttempt], step: int = STEP) -> list[QuestionCount]:
    """Per question, the first answers in whole steps of ``step``, by question id.

    Answers given at the same moment are taken right ones first, so the order never depends
    on how the database returned them.
    """
    by_question: dict[str, list[QuestionAttempt]] = {}
    for attempt in attempts:
        by_question.setdefault(attempt.question_id, []).append(attempt)
    counts: list[QuestionCount] = []
    for question_id in sorted(by_question):
        ordered = sorted(by_question[question_id], key=lambda a: (a.answered_at, not a.correct))
        counted = len(ordered) - len(ordered) % step
        if counted:
            right = sum(a.correct for a in ordered[:counted])
            counts.append(QuestionCount(question_id, counted, right))
    return counts


def hard_questions(
    counts: Iterable[QuestionCount], *, below: Fraction = HARD_BELOW, limit: int = 3
) -> tuple[QuestionCount, ...]:
    """The ``limit`` hardest counted questions with fewer than ``below`` right, hardest first
    (then most answered, then by id)."""
    hard = [count for count in counts if count.share < below]
    hard.sort(key=lambda c: (c.share, -c.counted, c.question_id))
    return tuple(hard[:limit])
