"""Choosing the questions of one quiz round for one person."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from content.model import Question
from learning.rules.leitner import Review, is_due


def relevant_questions(questions: Iterable[Question], team_id: str | None) -> list[Question]:
    """The questions for a member of ``team_id``: their team's and those without a team tag.

    Questions without a team tag (about a scenario or personal preparedness) are for everyone;
    questions tagged only with other teams are never included. Without a team, only the untagged
    questions remain. The order of ``questions`` is kept.
    """
    return [q for q in questions if not q.teams or (team_id is not None and team_id in q.teams)]


def choose_round(
    questions: Sequence[Question],
    *,
    team_id: str | None,
    reviews: Mapping[str, Review],
    now: datetime,
    size: int = 5,
    seed: int = 0,
) -> list[str]:
    """The ids of at most ``size`` different questions to ask in one round, in asking order.

    Only :func:`relevant_questions` are chosen. ``reviews`` holds the person's reviews by
    question id; a question with a review has been answered. The round is filled in tiers:

    1. questions due for repetition, most overdue first: a due question is one the person got
       wrong or is about to forget, a gap in what they know, and closing gaps is the point;
    2. never-answered questions of the person's own team: what they need in their own work
       during an outage comes before general knowledge;
    3. never-answered general questions (scenarios, personal preparedness);
    4. answered questions that are not yet due, earliest due first, so that a round is full
       whenever there are at least ``size`` relevant questions.

    Within a tier the order is shuffled by ``seed`` (ties in due moment too), so tests can fix
    it and real rounds vary. The result does not depend on the order of ``questions``.

    Raises:
        ValueError: when ``size`` is negative.
    """
    if size < 0:
        raise ValueError(f"size must not be negative, not {size}")
    unique = {q.id: q for q in relevant_questions(questions, team_id)}
    # Sorting by id before shuffling makes the outcome depend on the seed alone.
    candidates = [unique[question_id] for question_id in sorted(unique)]

    due: list[Question] = []
    own_team: list[Question] = []
    general: list[Question] = []
    waiting: list[Question] = []
    for question in candidates:
        review = reviews.get(question.id)
        if review is not None:
            (due if is_due(review, now) else waiting).append(question)
        elif team_id is not None and team_id in question.teams:
            own_team.append(question)
        else:
            general.append(question)

    rng = random.Random(seed)
    for tier in (due, own_team, general, waiting):
        rng.shuffle(tier)
    # Stable sorts: the shuffle above still decides between equal due moments.
    due.sort(key=lambda q: reviews[q.id].due_at)
    waiting.sort(key=lambda q: reviews[q.id].due_at)
    return [q.id for q in (*due, *own_team, *general, *waiting)][:size]
