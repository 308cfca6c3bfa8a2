"""Learning as a staff member sees it in the Agents Playground: a quiz round that changes in place,
a briefing acknowledged, checklist ticks that survive a restart, forged clicks refused, English."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from cli.playground import PlaygroundProcess, free_port
from content.loader import load_library
from content.model import Question
from tests.support.cards import card_text, ticked_toggles
from tests.support.playground import PlaygroundClient, StreamEvent, find_card_action
from tests.support.running_bot import RunningBot, start_bot

pytestmark = pytest.mark.e2e
QUESTIONS = load_library()["nl"].questions


def rows(database: Path, query: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(database) as connection:
        return connection.execute(query).fetchall()


def data_of(card: dict[str, Any], title: str) -> dict[str, Any]:
    data: dict[str, Any] = find_card_action(card, title)["data"]
    return data


def answer_for(question: Question, right: bool) -> str:
    wrong = [o.id for o in question.options if o.id not in question.correct]
    return ",".join(question.correct) if right or not wrong else wrong[0]


async def choose_team(playground: PlaygroundClient, team: str) -> StreamEvent:
    """Type quiz, pick the team on the card that asks for it; the first question follows."""
    await playground.send_text("quiz")
    choice = await playground.next_bot_activity()
    assert "Bij welk team werk je?" in card_text(choice.card)
    answer = await playground.click(choice, "Dit is mijn team", {"team": team})
    assert answer is not None and "Je team is nu" in card_text(answer["value"])
    return await playground.next_bot_activity()


async def test_a_quiz_round_changes_in_place_and_ends_with_a_summary(
    bot: RunningBot, playground: PlaygroundClient
) -> None:
    await playground.install()
    assert "Welkom bij Paraat" in card_text((await playground.next_bot_activity()).card)
    first = await choose_team(playground, "ict")
    card: dict[str, Any] = first.card
    right = 0
    for number in range(1, 6):
        assert f"Vraag {number} van 5" in card_text(card)
        data = data_of(card, "Antwoord")
        question = QUESTIONS[data["question"]]
        is_right = number in (1, 2, 4)
        right += is_right
        # Every click goes to the same message: the card is replaced in place each time.
        feedback = (
            await playground.invoke(
                first.message_id, "quiz.answer", data | {"answer": answer_for(question, is_right)}
            )
        )["value"]
        assert ("✔ Goed!" in card_text(feedback)) == is_right
        assert question.explanation in card_text(feedback)
        title = "Volgende vraag" if number < 5 else "Bekijk je score"
        follow = data_of(feedback, title)
        card = (await playground.invoke(first.message_id, follow["verb"], follow))["value"]
    assert f"Je had {right} van de 5 vragen goed." in card_text(card)
    await playground.expect_no_bot_activity(seconds=1.0)  # all of it happened in place
    answers = rows(bot.database, "SELECT correct, first_attempt FROM answers ORDER BY id")
    assert [bool(c) for c, _ in answers] == [True, True, False, True, False]
    assert all(first_attempt for _, first_attempt in answers)


async def test_briefing_and_checklist_are_kept_across_a_restart(
    bot: RunningBot, playground: PlaygroundClient
) -> None:
    await choose_team(playground, "burgerzaken")
    await playground.send_text("briefing")
    briefing = await playground.next_bot_activity()
    assert "Wat betekent uitval voor Burgerzaken?" in card_text(briefing.card)
    read = await playground.click(briefing, "Gelezen")
    assert read is not None and "Je hebt dit gelezen op" in card_text(read["value"])

    await playground.send_text("checklist")
    checklist = await playground.next_bot_activity()
    saved = await playground.click(
        checklist, "Opslaan", {"item.water-3-liter": "true", "item.powerbank": "true"}
    )
    assert saved is not None and "✔ Opgeslagen" in card_text(saved["value"])

    bot.restart()
    await playground.send_text("checklist")
    again = await playground.next_bot_activity()
    ticked = ticked_toggles(again.card)
    assert ticked == {"item.water-3-liter", "item.powerbank"}
    assert rows(bot.database, "SELECT briefing_id FROM acknowledgements") == [("team-burgerzaken",)]


async def test_forged_and_stale_clicks_are_refused_and_change_nothing(
    bot: RunningBot, playground: PlaygroundClient
) -> None:
    question = await choose_team(playground, "hr")
    data = data_of(question.card, "Antwoord")
    forged_round = data | {"round": "f" * 32, "answer": "a"}
    refused = await playground.invoke(question.message_id, "quiz.answer", forged_round)
    assert "Deze knop werkt niet meer" in card_text(refused["value"])
    forged_option = data | {"answer": "zz"}
    refused = await playground.invoke(question.message_id, "quiz.answer", forged_option)
    assert "Deze knop werkt niet meer" in card_text(refused["value"])
    # The Action.Submit fallback of an old card: the clicked message is updated with the note.
    await playground.submit(question.message_id, data | {"round": "0" * 32, "answer": "a"})
    update = await playground.next_bot_activity(lambda event: event.is_update)
    assert update.message_id == question.message_id
    assert "Deze knop werkt niet meer" in card_text(update.card)
    assert rows(bot.database, "SELECT count(*) FROM answers") == [(0,)]
    assert rows(bot.database, "SELECT position FROM quiz_rounds") == [(0,)]


async def test_a_user_who_chose_english_gets_english(
    bot: RunningBot, playground: PlaygroundClient
) -> None:
    await playground.send_text("taal english")
    assert "I will speak English" in card_text((await playground.next_bot_activity()).card)
    await playground.send_text("quiz")
    choice = await playground.next_bot_activity()
    assert "Which team do you work in?" in card_text(choice.card)
    await playground.click(choice, "This is my team", {"team": "financien"})
    question = await playground.next_bot_activity()
    assert "Question 1 of 5" in card_text(question.card)


async def test_an_english_teams_client_gets_english_when_the_organisation_follows_it(
    playground_installed: None, tmp_path: Path
) -> None:
    bot = start_bot(tmp_path, PARAAT_FOLLOW_CLIENT_LANGUAGE="true")
    try:
        with PlaygroundProcess(bot.endpoint, port=free_port()) as process:
            async with PlaygroundClient(process.url) as playground:
                await playground.send_text("checklist")  # the Playground says en-US
                checklist = await playground.next_bot_activity()
                assert "Save" in card_text(checklist.card)
    finally:
        bot.stop()
