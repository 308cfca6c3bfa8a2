"""Download links for one's own data work for their minutes, for their person, and no further."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from conversation.signed_links import make_token, read_token

SECRET = b"s" * 32
KEY = "ab" * 32
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_a_link_works_until_it_expires() -> None:
    token = make_token(SECRET, KEY, NOW + timedelta(minutes=10))
    assert read_token(SECRET, token, NOW) == KEY
    assert read_token(SECRET, token, NOW + timedelta(minutes=9, seconds=59)) == KEY
    assert read_token(SECRET, token, NOW + timedelta(minutes=10)) is None


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t.replace(KEY, "cd" * 32),
        lambda t: t.replace(".", ".9", 1),
        lambda t: t[:-1] + ("0" if t[-1] != "0" else "1"),
        lambda t: t.rsplit(".", 1)[0],
        lambda t: "",
        lambda t: "...",
        lambda t: t + ".extra",
    ],
)
def test_a_changed_link_is_worthless(change: Callable[[str], str]) -> None:
    token = make_token(SECRET, KEY, NOW + timedelta(minutes=10))
    assert read_token(SECRET, change(token), NOW) is None


def test_another_secret_reads_nothing() -> None:
    token = make_token(SECRET, KEY, NOW + timedelta(minutes=10))
    assert read_token(b"t" * 32, token, NOW) is None
