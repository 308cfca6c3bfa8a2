"""When a campaign message counts as read: Teams' message ids compared as numbers, and anything
that is not a plain number never counts."""

from __future__ import annotations

import pytest

from campaigns.rules.receipts import is_read, message_number


@pytest.mark.parametrize(
    ("given", "number"),
    [
        ("1765000000123", 1_765_000_000_123),
        (" 1765000000123 ", 1_765_000_000_123),  # surrounding space is not part of the id
        ("0", 0),
        ("9" * 18, 10**18 - 1),  # the longest that fits a 64-bit column
        (1_765_000_000_123, 1_765_000_000_123),  # a JSON number instead of a string
        ("9" * 19, None),
        (10**18, None),
        ("", None),
        ("   ", None),
        ("-5", None),
        ("+5", None),
        ("1.5", None),
        ("1e9", None),
        ("12 34", None),
        ("0xff", None),
        ("١٢٣", None),  # digits, but not ASCII ones
        ("²", None),
        ("1:abc", None),  # ids in channels look like this
        (True, None),
        (-1, None),
        (None, None),
        (["1"], None),
        ({"id": "1"}, None),
    ],
)
def test_message_numbers(given: object, number: int | None) -> None:
    assert message_number(given) == number


@pytest.mark.parametrize(
    ("message_id", "last_read", "read"),
    [
        ("1765000000100", 1_765_000_000_100, True),  # the last one read itself
        ("1765000000099", 1_765_000_000_100, True),  # an earlier one
        ("1765000000101", 1_765_000_000_100, False),  # a later one
        ("999", 1_765_000_000_100, True),  # compared as numbers, not as text
        ("1765000000100", 999, False),
        ("1765000000100", None, False),  # no receipt yet
        (None, 1_765_000_000_100, False),  # never sent
        ("abc", 1_765_000_000_100, False),  # not a number: never read
        ("", 1_765_000_000_100, False),
    ],
)
def test_read_means_at_or_before_the_last_message_read(
    message_id: str | None, last_read: int | None, read: bool
) -> None:
    assert is_read(message_id, last_read) is read
