"""Learning data on SQLite and PostgreSQL: rounds move once per answer, nothing is lost."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from learning.leitner import Review, after_answer
from store.database import Database
from store.learning import LearningStore
from store.users import UserStore

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def store(database: Database) -> LearningStore:
    return LearningStore(database, clock=lambda: NOW)


def review(question_id: str, correct: bool) -> Review:
    return after_answer(None, question_id, correct, NOW)


async def test_a_round_moves_on_once_per_answer(database: Database) -> None:
    learning = store(database)
    started = await learning.start_round("r1", "u1", "a:1", ["q1", "q2"])
    assert started.current == "q1"
    assert await learning.record_answer(started, "q1", 1, ("a",), True, review("q1", True))
    # The same card clicked again: the round has moved on, nothing is recorded twice.
    assert not await learning.record_answer(started, "q1", 1, ("b",), False, review("q1", False))
    moved = await learning.round("r1")
    assert moved is not None and (moved.position, moved.right, moved.current) == (1, 1, "q2")
    assert await learning.record_answer(moved, "q2", 1, ("b", "c"), False, review("q2", False))
    done = await learning.round("r1")
    assert done is not None and done.finished and done.current is None
    answers = await learning.answers_in_round("r1", "u1")
    assert [(a.question_id, a.chosen, a.correct) for a in answers] == [
        ("q1", ("a",), True),
        ("q2", ("b", "c"), False),
    ]


async def test_racing_clicks_count_once(database: Database) -> None:
    learning = store(database)
    started = await learning.start_round("r1", "u1", "a:1", ["q1", "q2"])
    results = await asyncio.gather(
        *(
            learning.record_answer(started, "q1", 1, ("a",), True, review("q1", True))
            for _ in range(4)
        )
    )
    assert sorted(results) == [False, False, False, True]
    assert len(await learning.answers_in_round("r1", "u1")) == 1


async def test_first_attempt_and_reviews(database: Database) -> None:
    learning = store(database)
    first = await learning.start_round("r1", "u1", "a:1", ["q1"])
    await learning.record_answer(first, "q1", 1, ("b",), False, review("q1", False))
    second = await learning.start_round("r2", "u1", "a:1", ["q1"])
    again = after_answer(review("q1", False), "q1", True, NOW)
    await learning.record_answer(second, "q1", 1, ("a",), True, again)
    assert [a.first_attempt for a in await learning.answers_in_round("r1", "u1")] == [True]
    assert [a.first_attempt for a in await learning.answers_in_round("r2", "u1")] == [False]
    assert await learning.answer_counts("u1") == (1, 0)  # judged on first attempts only
    stored = await learning.reviews("u1")
    assert stored["q1"] == again and stored["q1"].due_at.tzinfo is not None
    assert await learning.reviews("someone-else") == {}


async def test_briefing_acknowledgement_keeps_the_first_time(database: Database) -> None:
    times = iter([NOW, NOW + timedelta(hours=2)])
    learning = LearningStore(database, clock=lambda: next(times))
    assert await learning.read_at("u1", "b1", 1) is None
    assert await learning.acknowledge("u1", "b1", 1) == NOW
    assert await learning.acknowledge("u1", "b1", 1) == NOW  # a double click changes nothing
    assert await learning.briefings_read("u1") == {("b1", 1)}


async def test_checklist_ticks_are_replaced_as_a_whole(database: Database) -> None:
    learning = store(database)
    await learning.set_checklist("u1", "c", ["water", "radio", "geld"])
    await learning.set_checklist("u1", "c", ["radio", "zaklamp"])
    await learning.set_checklist("u2", "c", ["water"])
    assert await learning.checklist("u1", "c") == {"radio", "zaklamp"}
    assert await learning.checklist("u2", "c") == {"water"}


async def test_channel_quiz_takes_one_answer_per_person(database: Database) -> None:
    learning = store(database)
    await learning.create_channel_quiz("cq1", "19:channel", "q1", 1)
    await learning.set_channel_quiz_activity("cq1", "activity-9")
    quiz = await learning.channel_quiz("cq1")
    assert quiz is not None and quiz.activity_id == "activity-9"
    assert await learning.record_channel_answer(
        "cq1", "u1", "q1", 1, ("a",), True, review("q1", True)
    )
    assert not await learning.record_channel_answer(
        "cq1", "u1", "q1", 1, ("b",), False, review("q1", False)
    )
    assert await learning.record_channel_answer(
        "cq1", "u2", "q1", 1, ("b",), False, review("q1", False)
    )
    assert await learning.channel_counts("cq1") == {"a": 1, "b": 1}
    assert await learning.channel_respondents("cq1") == 2


async def test_team_choice_is_kept_beside_the_language(database: Database) -> None:
    users = UserStore(database)
    await users.set_language("u1", "en")
    await users.set_team("u1", "burgerzaken")
    await users.set_team("u1", "ict")
    assert await users.choices("u1") == ("en", "ict")
    assert await users.choices("u2") == (None, None)
