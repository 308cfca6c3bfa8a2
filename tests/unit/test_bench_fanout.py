"""The fan-out benchmark's arithmetic: rates from Teams' timeline, lost and duplicated messages,
the profile in parts, and what counts as a failed check. Nothing here is timed."""

from __future__ import annotations

import math

import pytest

from bench.ceiling import Ceiling
from bench.fanout_math import (
    Tally,
    back_at,
    count_at,
    first_message_at,
    rate_between,
    tally,
)
from bench.fanout_page import reflow
from bench.fanout_report import problems
from bench.fanout_results import AtTheLimit, CrashResume, Fanout, Pushback, Throughput
from bench.fanout_worker import CountingSender
from bench.profile_split import OTHER, PARAAT, WAITING, part_of, split
from conversation.proactive import Delivery, Recipient, Result
from conversation.reply import Card

TIMELINE = [(10.0, 0), (10.5, 5), (11.0, 20), (12.0, 60), (13.0, 100)]
PROJECT = "/work/paraat"


def test_the_count_at_a_moment_is_the_last_sample_before_it() -> None:
    assert [count_at(TIMELINE, t) for t in (9.0, 10.0, 10.7, 12.0, 99.0)] == [0, 0, 5, 60, 100]


def test_rates_come_from_the_samples_around_a_stretch() -> None:
    assert rate_between(TIMELINE, 11.0, 13.0) == 40.0
    assert math.isnan(rate_between(TIMELINE, 12.0, 12.0))
    assert first_message_at(TIMELINE) == 10.5
    assert first_message_at([(1.0, 0)]) is None


def test_the_pace_is_back_when_a_second_reaches_the_rate() -> None:
    assert back_at(TIMELINE, 10.0, 40.0) == pytest.approx(1.0)
    assert math.isnan(back_at(TIMELINE, 10.0, 1000.0))
    assert math.isnan(back_at([], 0.0, 1.0))


def test_lost_and_duplicated_messages_are_counted_per_recipient() -> None:
    copies = {"a:1": 1, "a:2": 3, "a:other": 7}

    assert tally(["a:1", "a:2", "a:3"], copies) == Tally(reached=2, lost=1, duplicates=2)


@pytest.mark.parametrize(
    ("location", "part"),
    [
        ("~:<method 'poll' of 'select.epoll' objects>", WAITING),
        (f"{PROJECT}/campaigns/delivery.py:_dispatch", PARAAT),
        (f"{PROJECT}/.venv/lib/python3.11/site-packages/aiohttp/client.py:_request",
         "HTTP client: aiohttp, URLs, sockets"),
        (f"{PROJECT}/.venv/lib/python3.11/site-packages/yaml/reader.py:forward", OTHER),
        (f"{PROJECT}/bench/fanout_worker.py:send", OTHER),
        ("~:<built-in method builtins.isinstance>", OTHER),
    ],
)  # fmt: skip
def test_each_function_falls_in_one_part(location: str, part: str) -> None:
    assert part_of(location, PROJECT) == part


def test_the_parts_add_up_to_the_whole_largest_first() -> None:
    parts = split(
        [("~:select.epoll", 1.0), (f"{PROJECT}/store/outbox.py:claim", 3.0), ("~:len", 0.0)],
        PROJECT,
    )

    assert [(p.name, p.share) for p in parts] == [(PARAAT, 0.75), (WAITING, 0.25), (OTHER, 0.0)]


def fanout(*, lost: int = 0, duplicates: int = 0, unknown: int = 0) -> Fanout:
    clean = tally(["a:1"], {"a:1": 1})
    crash = tally(["a:1", "a:2"], {"a:1": 1 + duplicates, "a:2": 0 if lost else 1})
    return Fanout(
        database="SQLite",
        seconds=60.0,
        throughput=Throughput(1, 32, 1.0, 1.0, 0.5, clean, Ceiling(1, 0.5, 0.5), 0.4),
        profile_recipients=1,
        profile=[],
        at_the_limit=AtTheLimit(
            1, 50.0, 40.0, 1.0, 0.1, 40.0, Pushback(10.0, 2.0, 0.2), 5.0, 0, {}, {}, clean
        ),
        crashes=[CrashResume("paced", 2, 3.0, 1, 1, 0, 2.0, unknown, crash, done=True)],
    )


def test_a_clean_run_has_no_problems() -> None:
    assert problems(fanout(duplicates=2, unknown=2)) == []


def test_anyone_lost_or_copies_beyond_the_unknown_outcomes_are_problems() -> None:
    assert problems(fanout(lost=1)) == ["(c) paced: 1 lost"]
    assert problems(fanout(duplicates=3, unknown=2)) == [
        "(c) paced: 3 duplicates but only 2 rows counted unknown outcome"
    ]


class Answering:
    """A sender that answers each call with the next of ``answers``."""

    def __init__(self, *answers: Result) -> None:
        self._answers = list(answers)

    async def send(self, recipient: Recipient, card: Card) -> Delivery:
        return Delivery(self._answers.pop(0))

    async def delete(self, recipient: Recipient, message_id: str) -> Delivery:
        return Delivery(Result.SENT)


async def test_the_worker_counts_every_answer_it_passes_on() -> None:
    sender = CountingSender(Answering(Result.THROTTLED, Result.SENT, Result.SENT))
    recipient = Recipient("http://teams/", conversation_id="a:1")

    answers = [(await sender.send(recipient, {})).result for _ in range(3)]

    assert answers == [Result.THROTTLED, Result.SENT, Result.SENT]
    assert sender.results == {"throttled": 1, "sent": 2}


def test_the_page_is_wrapped_again_after_the_numbers_are_filled_in() -> None:
    text = (
        "# Title\n\n- a bullet whose words\n  run on and on\n\n| a | b |\n|---|---|\n"
        "A paragraph\nof two lines.\n"
    )

    assert reflow(text, width=15) == (
        "# Title\n\n- a bullet\n  whose words\n  run on and on\n\n| a | b |\n|---|---|\n"
        "A paragraph of\ntwo lines.\n"
    )


def test_code_spans_are_not_broken_across_lines() -> None:
    assert reflow("- run `python -m bench` now\n", width=12) == (
        "- run\n  `python -m bench`\n  now\n"
    )
