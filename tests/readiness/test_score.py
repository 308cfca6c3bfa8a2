"""The readiness score: its parts, its bands, its weights, worked by hand (docs/readiness.md)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readiness.rules.bands import band_meaning, band_name, band_of
from readiness.rules.knowledge import HALF_LIFE, FirstAttempt, share_right
from readiness.rules.score import Figures, PersonState, Weights, figures


@pytest.mark.parametrize(
    ("score", "band", "dutch"),
    [
        (0, "initial", "beginnend"),
        (39, "initial", "beginnend"),
        (40, "developing", "in ontwikkeling"),
        (59, "developing", "in ontwikkeling"),
        (60, "defined", "vastgelegd"),
        (79, "defined", "vastgelegd"),
        (80, "managed", "beheerst"),
        (100, "managed", "beheerst"),
    ],
)
def test_bands(score: int, band: str, dutch: str) -> None:
    assert band_of(score) == band
    assert band_name(band_of(score), "nl") == dutch
    assert band_name(band_of(score), "en") == band
    assert band_meaning(band_of(score), "nl").endswith(".")


@pytest.mark.parametrize("score", [-1, 101])
def test_a_score_outside_0_to_100_has_no_band(score: int) -> None:
    with pytest.raises(ValueError, match="0 to 100"):
        band_of(score)


NOW = datetime(2026, 12, 7, tzinfo=UTC)


def attempt(days_ago: float, correct: bool) -> FirstAttempt:
    return FirstAttempt(NOW - timedelta(days=days_ago), correct)


@pytest.mark.parametrize(
    ("attempts", "expected"),
    [
        pytest.param([], None, id="no-answers-no-respondent"),
        pytest.param([attempt(1, True), attempt(1, False)], 0.5, id="same-day-plain-share"),
        pytest.param(
            [attempt(1, True), attempt(1 + 91, False)], 2 / 3, id="a-quarter-older-counts-half"
        ),
        pytest.param(
            [attempt(1, False), attempt(1 + 182, True)], 0.25 / 1.25, id="half-a-year-a-quarter"
        ),
        pytest.param(
            [attempt(1, True), attempt(366, False)], 1.0, id="older-than-a-year-does-not-count"
        ),
        pytest.param([attempt(-1, False), attempt(2, True)], 1.0, id="later-answers-wait"),
    ],
)
def test_knowledge_share(attempts: list[FirstAttempt], expected: float | None) -> None:
    found = share_right(attempts, as_of=NOW)
    assert found == (None if expected is None else pytest.approx(expected))


@given(
    st.lists(st.tuples(st.integers(0, 300), st.booleans()), min_size=1, max_size=20),
    st.integers(0, 60),
)
def test_time_alone_does_not_change_a_share(answers: list[tuple[int, bool]], later: int) -> None:
    """Weights by age shrink together, so only answering (or an answer leaving the window)
    changes a share; that is what lets the weekly figures tell who changed."""
    attempts = [attempt(days + 61, correct) for days, correct in answers]
    still_counted = [a for a in attempts if a.answered_at >= NOW + timedelta(days=later - 365)]
    if len(still_counted) < len(attempts):
        return
    now = share_right(attempts, as_of=NOW)
    then = share_right(attempts, as_of=NOW + timedelta(days=later))
    assert now == pytest.approx(then)


def test_half_life_is_a_quarter() -> None:
    assert HALF_LIFE == timedelta(days=91)


def people(team: str, count: int, acknowledged: int, shares: list[float]) -> list[PersonState]:
    """``count`` members of ``team``: the first ``acknowledged`` acknowledged, the first
    ``len(shares)`` respondents with those shares."""
    return [
        PersonState(team, n < acknowledged, shares[n] if n < len(shares) else None)
        for n in range(count)
    ]


@pytest.mark.parametrize(
    ("group", "process", "weights", "expected"),
    [
        pytest.param(
            people("x", 5, 5, [1.0] * 5),
            {"x": Fraction(1)},
            Weights(),
            Figures(5, 5, process=100, knowledge=100, reach=100, score=100, band="managed"),
            id="all-done",
        ),
        pytest.param(
            people("x", 8, 6, [0.75, 2 / 3, 1.0, 0.5, 1 / 3]),
            {"x": Fraction(4, 10)},
            Weights(),
            # 0.5 * 40 + 0.3 * 65 + 0.2 * 75 = 54.5, rounded half up
            Figures(8, 5, process=40, knowledge=65, reach=75, score=55, band="developing"),
            id="the-worked-example-of-docs-readiness",
        ),
        pytest.param(
            people("x", 5, 5, [1.0] * 5) + people("y", 10, 0, [0.5] * 5),
            {"x": Fraction(1), "y": Fraction(0)},
            Weights(),
            # process 500/15 = 33.3, knowledge 7.5/10 = 75, reach 5/15 = 33.3:
            # 0.5 * 33.3 + 0.3 * 75 + 0.2 * 33.3 = 45.8
            Figures(15, 10, process=33, knowledge=75, reach=33, score=46, band="developing"),
            id="a-department-counts-people-not-teams",
        ),
        pytest.param(
            people("x", 5, 5, [1.0] * 5) + people("y", 10, 0, [0.5] * 5),
            {"x": Fraction(1), "y": Fraction(0)},
            Weights(process=40, knowledge=40, reach=20),
            # 0.4 * 33.3 + 0.4 * 75 + 0.2 * 33.3 = 50
            Figures(15, 10, process=33, knowledge=75, reach=33, score=50, band="developing"),
            id="the-municipality-weighs-knowledge-more",
        ),
        pytest.param(
            people("z", 6, 0, [0.0] * 6),
            {},
            Weights(),
            Figures(6, 6, process=0, knowledge=0, reach=0, score=0, band="initial"),
            id="a-team-without-attestation-has-process-0",
        ),
    ],
)
def test_figures(
    group: list[PersonState], process: dict[str, Fraction], weights: Weights, expected: Figures
) -> None:
    assert figures(group, process, weights) == expected


def test_a_group_without_respondents_has_no_figures() -> None:
    with pytest.raises(ValueError, match="respondents"):
        figures(people("x", 6, 6, []), {"x": Fraction(1)})


@pytest.mark.parametrize(
    "weights", [(50, 30, 30), (60, 50, -10), (0, 0, 0)], ids=["over-100", "negative", "zero"]
)
def test_weights_add_up_to_100(weights: tuple[int, int, int]) -> None:
    with pytest.raises(ValueError, match="add up to 100"):
        Weights(*weights)
