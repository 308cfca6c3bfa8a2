"""Learning data on SQLite and PostgreSQL: rounds move once per answer, nothing is lost."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from learning.rules.leitner import Review, after_answer
from store.database import Database
from store.learning import (
    AnswerCounts,
    AnswerRecord,
    BriefingVersion,
    ChannelQuizRecord,
    LearningStore,
    RecordedAnswer,
)
from store.users import UserChoices, UserStore

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def store(database: Database) -> LearningStore:
    return LearningStore(database, clock=lambda: NOW)


def review(question_id: str, correct: bool) -> Review:
    return after_answer(None, question_id, correct, NOW)


def answer(question_id: str, chosen: str, correct: bool, user_key: str = "u1") -> AnswerRecord:
    """An answer to version 1 of a question, with the review a first answer gives."""
    options = tuple(chosen.split(","))
    return AnswerRecord(user_key, question_id, 1, options, correct, review(question_id, correct))


async def test_a_round_moves_on_once_per_answer(database: Database) -> None:
    learning = store(database)
    started = await learning.start_round("r1", "u1", "a:1", ["q1", "q2"])
    assert started.current == "q1"
    assert await learning.record_answer(started, answer("q1", "a", True))
    # The same card clicked again: the round has moved on, nothing is recorded twice.
    assert not await learning.record_answer(started, answer("q1", "b", False))
    moved = await learning.round("r1")
    assert moved is not None and (moved.position, moved.right, moved.current) == (1, 1, "q2")
    assert await learning.record_answer(moved, answer("q2", "b,c", False))
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
        *(learning.record_answer(started, answer("q1", "a", True)) for _ in range(4))
    )
    assert sorted(results) == [False, False, False, True]
    assert len(await learning.answers_in_round("r1", "u1")) == 1


async def test_first_attempt_and_reviews(database: Database) -> None:
    learning = store(database)
    first = await learning.start_round("r1", "u1", "a:1", ["q1"])
    await learning.record_answer(first, answer("q1", "b", False))
    second = await learning.start_round("r2", "u1", "a:1", ["q1"])
    again = after_answer(review("q1", False), "q1", True, NOW)
    await learning.record_answer(second, AnswerRecord("u1", "q1", 1, ("a",), True, again))
    assert [a.first_attempt for a in await learning.answers_in_round("r1", "u1")] == [True]
    assert [a.first_attempt for a in await learning.answers_in_round("r2", "u1")] == [False]
    # Judged on first attempts only.
    assert await learning.answer_counts("u1") == AnswerCounts(answered=1, right_first_time=0)
    stored = await learning.reviews("u1")
    assert stored["q1"] == again and stored["q1"].due_at.tzinfo is not None
    assert await learning.reviews("someone-else") == {}


async def test_briefing_acknowledgement_keeps_the_first_time(database: Database) -> None:
    times = iter([NOW, NOW + timedelta(hours=2)])
    learning = LearningStore(database, clock=lambda: next(times))
    assert await learning.read_at("u1", "b1", 1) is None
    assert await learning.acknowledge("u1", "b1", 1) == NOW
    assert await learning.acknowledge("u1", "b1", 1) == NOW  # a double click changes nothing
    assert await learning.briefings_read("u1") == {BriefingVersion("b1", 1)}


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
    assert await learning.channel_quiz("cq1") == ChannelQuizRecord(
        "cq1", "19:channel", "q1", 1, "activity-9", NOW
    )
    assert await learning.channel_quiz("unknown") is None
    assert await learning.record_channel_answer("cq1", answer("q1", "a", True))
    assert not await learning.record_channel_answer("cq1", answer("q1", "b", False))
    assert await learning.record_channel_answer("cq1", answer("q1", "b", False, user_key="u2"))
    assert await learning.channel_counts("cq1") == {"a": 1, "b": 1}
    assert await learning.channel_respondents("cq1") == 2
    assert await learning.channel_answer("cq1", "u1") == RecordedAnswer("q1", ("a",), True, True)
    assert await learning.channel_answer("cq1", "u3") is None


async def test_channel_and_round_answers_are_kept_apart(database: Database) -> None:
    learning = store(database)
    await learning.create_channel_quiz("cq1", "19:channel", "q1", 1)
    assert await learning.record_channel_answer("cq1", answer("q1", "b", False))
    started = await learning.start_round("r1", "u1", "a:1", ["q1"])
    assert await learning.record_answer(started, answer("q1", "a", True))
    # The same question in a round after the channel: recorded, but no longer a first attempt.
    [in_round] = await learning.answers_in_round("r1", "u1")
    assert (in_round.chosen, in_round.first_attempt) == (("a",), False)
    assert await learning.answers_in_round("cq1", "u1") == []
    assert await learning.channel_answer("r1", "u1") is None
    assert await learning.channel_respondents("cq1") == 1
    assert await learning.answer_counts("u1") == AnswerCounts(answered=1, right_first_time=0)


async def test_an_answer_in_a_round_is_the_rounds_users(database: Database) -> None:
    learning = store(database)
    started = await learning.start_round("r1", "u1", "a:1", ["q1"])
    with pytest.raises(ValueError):
        await learning.record_answer(started, answer("q1", "a", True, user_key="u2"))
    assert await learning.answers_in_round("r1", "u2") == []


async def test_team_choice_is_kept_beside_the_language(database: Database) -> None:
    users = UserStore(database)
    await users.set_language("u1", "en")
    await users.set_team("u1", "burgerzaken")
    await users.set_team("u1", "ict")
    assert await users.choices("u1") == UserChoices("en", "ict")
    assert await users.choices("u2") == UserChoices()


async def test_a_click_reads_who_clicked_the_round_and_its_review_at_once(
    database: Database,
) -> None:
    learning = store(database)
    users = UserStore(database, clock=lambda: NOW)
    await users.set_language("u1", "en")
    await users.set_team("u1", "ict")
    started = await learning.start_round("r1", "u1", "a:1", ["q1", "q2"])
    async with learning.in_round() as transaction:
        assert await transaction.click("u1", "r1", "q1") == (
            UserChoices("en", "ict"),
            started,
            None,
        )
    assert await learning.record_answer(started, answer("q1", "a", True))
    moved = await learning.round("r1")
    async with learning.in_round() as transaction:
        # The review is the round's user's, whoever clicks; the choices are the clicker's.
        assert await transaction.click("u2", "r1", "q1") == (
            UserChoices(),
            moved,
            review("q1", True),
        )
        assert await transaction.click("u1", "r1", "q2") == (UserChoices("en", "ict"), moved, None)
        assert await transaction.click("u1", "r9", "q1") == (UserChoices("en", "ict"), None, None)
