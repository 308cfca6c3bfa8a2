"""A channel quiz's shared counts never change with one answer: none while it is open, one
version once it has closed, and only from 5 answers on (docs/privacy.md, "Channel quizzes")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from learning.rules.channel_results import (
    MINIMUM_GROUP,
    OPEN_FOR,
    SharedResults,
    closes_at,
    shared_results,
    takes_answers,
)

POSTED = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_the_example_of_the_issue_no_longer_shows_the_sixth_answer() -> None:
    """5 answers 3/2/0, then a 6th: whoever looks before and after must see no change."""
    before = shared_results(POSTED, POSTED + timedelta(hours=1), 5, {"a": 3, "b": 2})
    after = shared_results(POSTED, POSTED + timedelta(hours=2), 6, {"a": 3, "b": 3})
    assert before == after
    assert before.respondents is None and not before.counts and not before.closed


def test_a_closed_quiz_shows_its_counts_from_5_answers_on() -> None:
    end = POSTED + OPEN_FOR
    assert shared_results(POSTED, end, 5, {"a": 3, "b": 2}) == SharedResults(
        end, closed=True, respondents=5, counts={"a": 3, "b": 2}
    )
    assert shared_results(POSTED, end, 4, {"a": 4}) == SharedResults(end, closed=True)


def test_answers_are_taken_until_the_quiz_closes() -> None:
    end = closes_at(POSTED)
    assert end == POSTED + timedelta(hours=72)
    assert takes_answers(POSTED, end - timedelta(seconds=1))
    assert not takes_answers(POSTED, end)


answers = st.lists(st.tuples(st.integers(0, 5 * 24 * 60), st.sampled_from("abc")), max_size=30).map(
    sorted
)  # (minutes after posting, the option chosen), in the order they came in
looks = st.lists(st.integers(0, 6 * 24 * 60), max_size=20).map(sorted)


@given(answers, looks)
def test_successive_views_never_differ_by_fewer_than_5_answers(
    given_answers: list[tuple[int, str]], moments: list[int]
) -> None:
    """Whoever looks at any moments sees at most one version with counts, and it is about at
    least 5 answers: no two versions can be subtracted to single out anyone."""
    end = int(OPEN_FOR.total_seconds() // 60)
    counted = [(minute, option) for minute, option in given_answers if minute < end]
    versions: set[tuple[int | None, tuple[tuple[str, int], ...]]] = set()
    for moment in moments:
        so_far = [option for minute, option in counted if minute <= moment]
        counts = {option: so_far.count(option) for option in set(so_far)}
        shown = shared_results(POSTED, POSTED + timedelta(minutes=moment), len(so_far), counts)
        if shown.respondents is not None:
            assert shown.respondents >= MINIMUM_GROUP
            assert sum(shown.counts.values()) == shown.respondents
        versions.add((shown.respondents, tuple(sorted(shown.counts.items()))))
    with_counts = [version for version in versions if version[0] is not None]
    assert len(with_counts) <= 1
