"""Which stored answers the retention job aggregates and deletes, and into what.

Answers older than :data:`RETENTION` are added to counts per question and calendar month
(Europe/Amsterdam), which name no person and no team, and the answers themselves are deleted.
The retention is longer than the knowledge window (:data:`readiness.rules.knowledge.WINDOW`),
so deleting an answer never changes a readiness figure: it stopped counting before.
The job that runs this is wired elsewhere; its contract is in docs/privacy.md, "Retention".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from readiness.rules.knowledge import WINDOW

RETENTION: Final = timedelta(days=400)
"""The year the score looks back, plus a month so a late week can still be made again."""

ZONE = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class StoredAnswer:
    """An answer as the store keeps it, reduced to what retention needs (no person).

    Attributes:
        answer_id: Its row id.
        question_id: The question answered.
        answered_at: When (aware).
        correct: Whether it was right.
        first_attempt: Whether it was the person's first answer to the question.
    """

    answer_id: int
    question_id: str
    answered_at: datetime
    correct: bool
    first_attempt: bool


@dataclass(frozen=True)
class QuestionMonth:
    """Counts to add to a question's totals for one month.

    Attributes:
        question_id: The question.
        month: The month answered, ``YYYY-MM`` in Europe/Amsterdam.
        answered: Answers given.
        right: Of those, right.
        first_attempts: Answers that were a first attempt.
        right_first_time: Of those, right.
    """

    question_id: str
    month: str
    answered: int
    right: int
    first_attempts: int
    right_first_time: int


@dataclass(frozen=True)
class RetentionPlan:
    """What one run of the retention job does, in one transaction.

    Attributes:
        delete: The ids of the answers to delete.
        add: The counts to add to the per-question, per-month totals.
    """

    delete: tuple[int, ...]
    add: tuple[QuestionMonth, ...]


def retention_plan(
    answers: Iterable[StoredAnswer], now: datetime, keep_for: timedelta = RETENTION
) -> RetentionPlan:
    """The answers older than ``keep_for`` and the counts they become.

    Args:
        answers: Stored answers (any; those still kept are left alone).
        now: The moment of the run.
        keep_for: How long answers are kept.

    Raises:
        ValueError: when ``keep_for`` is shorter than the knowledge window: deleting would then
            change readiness figures, one person at a time.
    """
    if keep_for < WINDOW:
        raise ValueError(f"answers must be kept at least {WINDOW}, not {keep_for}")
    cutoff = now - keep_for
    totals: dict[tuple[str, str], list[int]] = {}
    expired: list[int] = []
    for answer in answers:
        if answer.answered_at >= cutoff:
            continue
        expired.append(answer.answer_id)
        month = answer.answered_at.astimezone(ZONE).strftime("%Y-%m")
        counts = totals.setdefault((answer.question_id, month), [0, 0, 0, 0])
        counts[0] += 1
        counts[1] += answer.correct
        counts[2] += answer.first_attempt
        counts[3] += answer.first_attempt and answer.correct
    return RetentionPlan(
        delete=tuple(sorted(expired)),
        add=tuple(
            QuestionMonth(question, month, *counts)
            for (question, month), counts in sorted(totals.items())
        ),
    )
