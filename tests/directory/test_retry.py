"""How long to wait before trying Graph again: Retry-After first, else a growing backoff."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from directory.retry import RetryPolicy, parse_retry_after

NOW = datetime(2026, 11, 28, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("7", 7.0),
        (" 0 ", 0.0),
        ("Sat, 28 Nov 2026 12:00:30 GMT", 30.0),
        ("Sat, 28 Nov 2026 11:59:00 GMT", 0.0),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_in_seconds_or_as_a_date(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header, now=NOW) == seconds


def test_retry_after_is_honoured_up_to_the_longest_wait() -> None:
    policy = RetryPolicy(attempts=5, first_wait=1.0, longest_wait=30.0)
    assert policy.wait(1, "12") == 12.0
    assert policy.wait(1, "31") is None


def test_without_retry_after_the_wait_doubles_with_jitter_and_is_capped() -> None:
    draws = iter([0.0, 1.0, 1.0, 1.0, 1.0])
    policy = RetryPolicy(attempts=6, first_wait=2.0, longest_wait=10.0, jitter=lambda: next(draws))
    assert [policy.wait(failures, None) for failures in range(1, 6)] == [1.0, 4.0, 8.0, 10.0, 10.0]


def test_the_number_of_tries_is_bounded() -> None:
    policy = RetryPolicy(attempts=3)
    assert policy.wait(2, "0") == 0.0
    assert policy.wait(3, "0") is None
