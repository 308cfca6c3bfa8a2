"""Hard questions per team: counted in whole steps of 5, so no single answer can be read off."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from readiness.rules.advice import advice
from readiness.rules.process import CheckName
from readiness.rules.questions import (
    QuestionAttempt,
    QuestionCount,
    counted_in_steps,
    hard_questions,
)
from readiness.rules.score import Figures

START = datetime(2026, 9, 1, tzinfo=UTC)


def attempts(question: str, outcomes: str) -> list[QuestionAttempt]:
    """One attempt per character, a minute apart: R right, W wrong."""
    return [
        QuestionAttempt(question, START + timedelta(minutes=n), c == "R")
        for n, c in enumerate(outcomes)
    ]


def test_only_whole_steps_of_five_first_answers_count_in_the_order_given() -> None:
    found = counted_in_steps(
        attempts("q1", "RRWW") + attempts("q2", "RWRWR" + "WWW") + attempts("q3", "RRRRRWWWWW")
    )
    assert found == [QuestionCount("q2", 5, 3), QuestionCount("q3", 10, 5)]


def test_the_hardest_come_first_and_easy_ones_are_left_out() -> None:
    counts = [
        QuestionCount("easy", 10, 9),
        QuestionCount("hard", 5, 1),
        QuestionCount("harder-but-fewer", 5, 0),
        QuestionCount("hard-more-answers", 10, 2),
        QuestionCount("borderline", 10, 7),
    ]
    assert [c.question_id for c in hard_questions(counts)] == [
        "harder-but-fewer", "hard-more-answers", "hard",
    ]  # fmt: skip
    assert hard_questions(counts, limit=1) == (QuestionCount("harder-but-fewer", 5, 0),)
    assert hard_questions(counts, below=Fraction(0)) == ()


@given(st.lists(st.booleans(), max_size=40))
def test_each_new_answer_changes_the_count_by_a_whole_step_or_not_at_all(
    outcomes: list[bool],
) -> None:
    seen = [QuestionAttempt("q", START + timedelta(minutes=n), o) for n, o in enumerate(outcomes)]
    for n in range(len(seen)):
        before = {c.question_id: c for c in counted_in_steps(seen[:n])}.get("q")
        after = {c.question_id: c for c in counted_in_steps(seen[: n + 1])}.get("q")
        if before == after:
            continue
        # A change takes in five answers at once: the newest one cannot be told apart.
        assert after is not None
        assert after.counted == (before.counted if before else 0) + 5
        assert (n + 1) % 5 == 0


def figures(process: int, knowledge: int, reach: int) -> Figures:
    return Figures(8, 6, process, knowledge, reach, 60, "defined")


def test_advice_follows_what_is_missing() -> None:
    assert advice(figures(100, 90, 95), (), hard_questions=False) == ("keep_going",)
    assert advice(figures(40, 50, 60), ("paper_contacts", "fallback_tested", "printed_card"),
                  hard_questions=False) == ("record", "exercise", "print_card", "remind",
                                            "discuss")  # fmt: skip
    printed: tuple[CheckName, ...] = ("printed_card",)
    assert advice(None, printed, hard_questions=True) == ("print_card", "discuss")
    assert advice(figures(100, 90, 79), (), hard_questions=False) == ("remind",)
