"""What a manager could do next, from what is missing: plain suggestions, never about a person."""

from __future__ import annotations

from collections.abc import Collection
from typing import Final, Literal

from readiness.rules.process import CheckName
from readiness.rules.score import Figures

Advice = Literal["record", "exercise", "print_card", "remind", "discuss", "keep_going"]

REACH_FLOOR: Final = 80
"""Below this share of members that read the team's briefing, a reminder is suggested."""

KNOWLEDGE_FLOOR: Final = 60
"""Below this knowledge figure, talking the questions through is suggested."""

_RECORD: Final[frozenset[CheckName]] = frozenset(
    {"targets", "fallback", "paper_contacts", "fallback_location", "systems_list"}
)


def advice(
    figures: Figures | None, missing: Collection[CheckName], *, hard_questions: bool
) -> tuple[Advice, ...]:
    """The suggestions for a unit, most important first.

    Args:
        figures: The unit's figures; None when it is too small to show (then only what the
            manager attested counts).
        missing: The checks of process readiness not met in any of its teams.
        hard_questions: Whether some question is hard for one of its teams.
    """
    found: list[Advice] = []
    if _RECORD & set(missing):
        found.append("record")
    if "fallback_tested" in missing:
        found.append("exercise")
    if "printed_card" in missing:
        found.append("print_card")
    if figures is not None and figures.reach < REACH_FLOOR:
        found.append("remind")
    if hard_questions or (figures is not None and figures.knowledge < KNOWLEDGE_FLOOR):
        found.append("discuss")
    return tuple(found) or ("keep_going",)
