"""Leitner boxes: right answers climb one box at a time, wrong answers start over."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from learning.rules.leitner import INTERVALS, Review, after_answer, interval, is_due

NOW = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def review(box: int, *, due_at: datetime = NOW, question_id: str = "q-1") -> Review:
    return Review(question_id=question_id, box=box, due_at=due_at, last_answered_at=NOW)


def test_intervals_are_one_three_seven_fourteen_thirty_days() -> None:
    assert INTERVALS == (1, 3, 7, 14, 30)
    assert [interval(box) for box in range(1, 6)] == [
        timedelta(days=days) for days in (1, 3, 7, 14, 30)
    ]


def test_first_right_answer_goes_to_box_two_due_in_three_days() -> None:
    result = after_answer(None, "q-1", True, NOW)
    assert result == Review("q-1", 2, NOW + timedelta(days=3), NOW)


def test_first_wrong_answer_goes_to_box_one_due_tomorrow() -> None:
    result = after_answer(None, "q-1", False, NOW)
    assert result == Review("q-1", 1, NOW + timedelta(days=1), NOW)


def test_right_answers_climb_one_box_at_a_time_and_stop_at_five() -> None:
    boxes = []
    due_in = []
    current: Review | None = None
    moment = NOW
    for _ in range(7):
        current = after_answer(current, "q-1", True, moment)
        boxes.append(current.box)
        due_in.append((current.due_at - moment).days)
        assert current.last_answered_at == moment
        moment = current.due_at
    assert boxes == [2, 3, 4, 5, 5, 5, 5]
    assert due_in == [3, 7, 14, 30, 30, 30, 30]


@pytest.mark.parametrize("box", [1, 2, 3, 4, 5])
def test_wrong_answer_resets_any_box_to_one(box: int) -> None:
    later = NOW + timedelta(days=40, hours=2)
    result = after_answer(review(box), "q-1", False, later)
    assert result.box == 1
    assert result.due_at == later + timedelta(days=1)
    assert result.last_answered_at == later


@pytest.mark.parametrize(("box", "new_box", "days"), [(1, 2, 3), (2, 3, 7), (3, 4, 14), (4, 5, 30)])
def test_right_answer_due_date_is_exactly_the_new_boxs_interval(
    box: int, new_box: int, days: int
) -> None:
    later = NOW + timedelta(minutes=17)
    result = after_answer(review(box), "q-1", True, later)
    assert (result.box, result.due_at) == (new_box, later + timedelta(days=days))


def test_answering_early_still_counts_from_the_answer_moment() -> None:
    early = NOW - timedelta(days=2)
    result = after_answer(review(3, due_at=NOW), "q-1", True, early)
    assert result.due_at == early + timedelta(days=14)


def test_review_of_another_question_is_refused() -> None:
    with pytest.raises(ValueError, match="q-2"):
        after_answer(review(2, question_id="q-1"), "q-2", True, NOW)


@pytest.mark.parametrize("box", [0, 6, -1])
def test_box_outside_one_to_five_is_refused(box: int) -> None:
    with pytest.raises(ValueError):
        review(box)
    with pytest.raises(ValueError):
        interval(box)


def test_due_from_the_due_moment_on() -> None:
    item = review(2, due_at=NOW)
    assert not is_due(item, NOW - timedelta(seconds=1))
    assert is_due(item, NOW)
    assert is_due(item, NOW + timedelta(days=100))
