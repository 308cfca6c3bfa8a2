"""Who took part in a quiz campaign, and how well they did, without disclosing anyone.

A participant is a recipient who answered at least one quiz question for the first time after
the campaign started. Their score is their share of those answers right; the campaign's score is
the mean of its participants' scores (each person weighs the same, however many questions they
answered). Both figures appear only from :data:`~campaigns.rules.breakdown.MINIMUM_GROUP`
participants on: below that a mean would come too close to one person's answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from campaigns.rules.breakdown import MINIMUM_GROUP


@dataclass(frozen=True)
class Score:
    """One person's first attempts after a campaign started.

    Attributes:
        answered: Questions answered for the first time.
        right: Of those, answered right.
    """

    answered: int
    right: int


@dataclass(frozen=True)
class QuizFigures:
    """A quiz campaign's participation.

    Attributes:
        participants: Recipients who answered; None when fewer than the minimum did.
        mean_right: The mean of their shares right, from 0 to 1; None when fewer than the
            minimum answered.
        minimum: From how many participants on the figures are shown.
    """

    participants: int | None
    mean_right: float | None
    minimum: int = MINIMUM_GROUP


def quiz_figures(scores: Iterable[Score], minimum: int = MINIMUM_GROUP) -> QuizFigures:
    """The participation of the recipients whose ``scores`` are given.

    Args:
        scores: One per recipient; those who answered nothing are left out of the figures.
        minimum: The fewest participants the figures may be about.

    Returns:
        Their number and mean share right, or two Nones when fewer than ``minimum`` answered.
    """
    shares = [score.right / score.answered for score in scores if score.answered > 0]
    if len(shares) < minimum:
        return QuizFigures(None, None, minimum)
    return QuizFigures(len(shares), sum(shares) / len(shares), minimum)
