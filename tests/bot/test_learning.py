"""The learning loop through the adapter: quiz rounds in place, briefings, checklist, channel quiz.

Card actions arrive as Action.Execute invokes (the answer is the card that replaces the clicked
one) or as the Action.Submit fallback (the bot updates the clicked message).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import func, select

from bot.app import DATABASE
from content.loader import Library
from content.model import Question
from store import tables
from testkit import activities as a
from testkit.connector import FakeConnector
from tests.support.bot import MakeBot, invoke, send
from tests.support.cards import card_text, ticked_toggles

Json = dict[str, Any]


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def library(bundled: Library) -> Library:
    return bundled


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def bot(make_bot: MakeBot, clock: Clock) -> TestClient[Any, Any]:
    return await make_bot(clock=clock)


def action_data(card: Json, index: int = 0) -> Json:
    """The data of the card's action (the verb included)."""
    data: Json = card["actions"][index]["data"]
    return data


async def count(client: TestClient[Any, Any], table: type[tables.Base]) -> int:
    async with client.app[DATABASE].sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(table)) or 0)


async def choose_team(client: TestClient[Any, Any], connector: FakeConnector, team: str) -> None:
    await send(client, a.message(connector.url, "kies team"))
    card = connector.cards()[-1]
    data = action_data(card) | {"team": team}
    assert "Je team is nu" in card_text(
        await invoke(client, a.invoke(connector.url, "team.choose", data))
    )


def answer_for(question: Question, right: bool) -> str:
    wrong = [o.id for o in question.options if o.id not in question.correct]
    return ",".join(question.correct) if right or not wrong else wrong[0]


async def test_quiz_asks_for_the_team_first_then_plays_a_round_in_place(
    bot: TestClient[Any, Any], connector: FakeConnector, library: Library
) -> None:
    await send(bot, a.message(connector.url, "quiz"))
    choice = connector.cards()[-1]
    assert "Bij welk team werk je?" in card_text(choice)
    connector.clear()
    data = action_data(choice) | {"team": "burgerzaken"}
    confirmed = await invoke(bot, a.invoke(connector.url, "team.choose", data))
    assert "Je team is nu Burgerzaken" in card_text(confirmed)
    [question_card] = connector.cards()  # the quiz it was chosen for follows at once
    questions = library["nl"].questions
    right_count = 0
    for number in range(1, 6):
        assert f"Vraag {number} van 5" in card_text(question_card)
        data = action_data(question_card)
        question = questions[data["question"]]
        right = number % 2 == 1
        right_count += right
        data["answer"] = answer_for(question, right)
        feedback = await invoke(bot, a.invoke(connector.url, "quiz.answer", data))
        shown = card_text(feedback)
        assert ("✔ Goed!" in shown) == right and question.explanation in shown
        follow = action_data(feedback)
        if number < 5:
            assert follow["verb"] == "quiz.next"
            question_card = await invoke(bot, a.invoke(connector.url, "quiz.next", follow))
        else:
            assert follow["verb"] == "quiz.summary"
            summary = await invoke(bot, a.invoke(connector.url, "quiz.summary", follow))
            assert f"Je had {right_count} van de 5 vragen goed." in card_text(summary)
            assert "later nog een keer" in card_text(summary)
    assert await count(bot, tables.Answer) == 5
    relevant = {q.id for q in questions.values() if not q.teams or "burgerzaken" in q.teams}
    async with bot.app[DATABASE].sessions() as session:
        asked = set((await session.scalars(select(tables.Answer.question_id))).all())
    assert asked <= relevant  # never another team's questions


async def start_round(client: TestClient[Any, Any], connector: FakeConnector) -> Json:
    await choose_team(client, connector, "ict")
    connector.clear()
    await send(client, a.message(connector.url, "quiz"))
    return connector.cards()[-1]


async def right_answer_to_a_new_round(
    client: TestClient[Any, Any], connector: FakeConnector, library: Library
) -> Json:
    """The data of the first question's card of a new round, with the right answer filled in."""
    data = action_data(await start_round(client, connector))
    data["answer"] = answer_for(library["nl"].questions[data["question"]], True)
    return data


async def test_a_double_click_counts_once(
    bot: TestClient[Any, Any], connector: FakeConnector, library: Library
) -> None:
    data = await right_answer_to_a_new_round(bot, connector, library)
    first = await invoke(bot, a.invoke(connector.url, "quiz.answer", data))
    second = await invoke(bot, a.invoke(connector.url, "quiz.answer", data | {"answer": "x"}))
    assert card_text(first) == card_text(second)  # the same feedback, nothing recorded twice
    assert await count(bot, tables.Answer) == 1
    next_once = await invoke(bot, a.invoke(connector.url, "quiz.next", action_data(first)))
    next_twice = await invoke(bot, a.invoke(connector.url, "quiz.next", action_data(first)))
    assert "Vraag 2 van 5" in card_text(next_once) and card_text(next_once) == card_text(next_twice)


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda d: d | {"round": "0" * 32}, id="unknown round"),
        pytest.param(lambda d: d | {"question": "cyber-01"}, id="question not in the round"),
        pytest.param(lambda d: d | {"answer": "z"}, id="option that does not exist"),
        pytest.param(lambda d: d | {"answer": "a,b,c,d"}, id="several answers to one"),
        pytest.param(lambda d: d | {"version": 99}, id="a changed question"),
        pytest.param(lambda d: {k: v for k, v in d.items() if k != "round"}, id="no round"),
    ],
)
async def test_forged_and_stale_answers_change_nothing(
    bot: TestClient[Any, Any], connector: FakeConnector, forge: Any
) -> None:
    card = await start_round(bot, connector)
    data = action_data(card) | {"answer": "a"}
    refused = await invoke(bot, a.invoke(connector.url, "quiz.answer", forge(data)))
    assert "Deze knop werkt niet meer" in card_text(refused)
    assert await count(bot, tables.Answer) == 0
    async with bot.app[DATABASE].sessions() as session:
        assert await session.scalar(select(tables.QuizRound.position)) == 0


async def test_someone_elses_round_is_refused_whatever_the_card_says(
    bot: TestClient[Any, Any], connector: FakeConnector, caplog: pytest.LogCaptureFixture
) -> None:
    card = await start_round(bot, connector)
    data = action_data(card) | {"answer": "a", "user": a.user(2)["aadObjectId"]}
    intruder = a.invoke(connector.url, "quiz.answer", data, sender=a.user(2))
    assert "Deze knop werkt niet meer" in card_text(await invoke(bot, intruder))
    assert await count(bot, tables.Answer) == 0
    assert "belongs to someone else" in caplog.text


async def test_the_submit_fallback_updates_the_clicked_card(
    bot: TestClient[Any, Any], connector: FakeConnector, library: Library
) -> None:
    data = await right_answer_to_a_new_round(bot, connector, library)
    connector.clear()
    assert await send(bot, a.submit(connector.url, data, reply_to="activity-42")) == 202
    assert connector.cards() == []
    [update] = connector.updated
    assert update["_activity"] == "activity-42"
    assert "✔ Goed!" in card_text(connector.updated_cards()[0])
    assert await count(bot, tables.Answer) == 1


async def test_missed_questions_come_back_when_due(
    bot: TestClient[Any, Any], connector: FakeConnector, library: Library, clock: Clock
) -> None:
    card = await start_round(bot, connector)
    data = action_data(card)
    missed = data["question"]
    data["answer"] = answer_for(library["nl"].questions[missed], False)
    await invoke(bot, a.invoke(connector.url, "quiz.answer", data))
    clock.now += timedelta(days=1)
    connector.clear()
    await send(bot, a.message(connector.url, "quiz"))
    assert action_data(connector.cards()[-1])["question"] == missed


async def test_briefing_for_the_team_is_acknowledged_once(
    bot: TestClient[Any, Any], connector: FakeConnector, clock: Clock, library: Library
) -> None:
    await choose_team(bot, connector, "burgerzaken")
    connector.clear()
    await send(bot, a.message(connector.url, "briefing"))
    card = connector.cards()[-1]
    assert "Wat betekent uitval voor Burgerzaken?" in card_text(card)
    data = action_data(card)
    version = library["nl"].briefings["team-burgerzaken"].version
    assert data == {"briefing": "team-burgerzaken", "version": version, "verb": "briefing.read"}
    read = await invoke(bot, a.invoke(connector.url, "briefing.read", data))
    assert "Je hebt dit gelezen op 1 december 2026" in card_text(read)
    assert "actions" not in read
    clock.now += timedelta(days=3)
    again = await invoke(bot, a.invoke(connector.url, "briefing.read", data))
    assert "1 december 2026" in card_text(again) and await count(bot, tables.Acknowledgement) == 1
    old = await invoke(
        bot, a.invoke(connector.url, "briefing.read", data | {"version": version - 1})
    )
    assert "Deze knop werkt niet meer" in card_text(old)
    connector.clear()
    await send(bot, a.message(connector.url, "briefing"))  # the next unread one comes next
    assert connector.cards()[-1]["actions"][0]["data"]["briefing"] != "team-burgerzaken"


async def test_checklist_ticks_are_kept_across_a_restart(
    make_bot: MakeBot, connector: FakeConnector
) -> None:
    bot = await make_bot()
    await send(bot, a.message(connector.url, "checklist"))
    card = connector.cards()[-1]
    data = action_data(card) | {
        "item.water-3-liter": "true",
        "item.radio": "true",
        "item.x": "true",
    }
    data |= {key: "false" for key in ("item.zaklamp",)}
    saved = await invoke(bot, a.invoke(connector.url, "checklist.save", data))
    assert "✔ Opgeslagen" in card_text(saved)
    # The first group whose ticks changed (water) comes back open; the others stay folded.
    folded = [part for part in saved["body"] if part.get("isVisible") is False]
    folded_items = {item.get("id") for part in folded for item in part.get("items", [])}
    assert "item.radio" in folded_items and "item.water-3-liter" not in folded_items
    assert "item.water-3-liter" in ticked_toggles(saved)
    await bot.close()
    restarted = await make_bot()
    connector.clear()
    await send(restarted, a.message(connector.url, "checklist"))
    ticked = ticked_toggles(connector.cards()[-1])
    # Kept after the restart; the unknown input "item.x" was ignored.
    assert ticked == {"item.water-3-liter", "item.radio"}
    assert await count(restarted, tables.ChecklistTick) == len(ticked)


async def test_the_organisation_list_places_people_without_asking(
    make_bot: MakeBot, connector: FakeConnector, tmp_path: Path
) -> None:
    members = tmp_path / "members.csv"
    members.write_text(
        f"team,member\nict,{a.user(1)['aadObjectId']}\nhr,Medewerker.Twee@voorbeeld.nl\n"
    )
    connector.members["29:user-2"] = {
        "id": "29:user-2",
        "userPrincipalName": "medewerker.twee@voorbeeld.nl",
    }
    bot = await make_bot(membership_file=members)
    await send(bot, a.message(connector.url, "mijn team", sender=a.user(1)))
    assert "Uitval bij ICT" in card_text(connector.cards()[-1])
    await send(bot, a.message(connector.url, "mijn team", sender=a.user(2)))
    assert "Uitval bij Personeel" in card_text(connector.cards()[-1])
    await send(bot, a.message(connector.url, "mijn team", sender=a.user(3)))
    assert "Bij welk team werk je?" in card_text(connector.cards()[-1])


async def test_a_free_question_about_an_outage_gets_the_team_card(
    bot: TestClient[Any, Any], connector: FakeConnector
) -> None:
    await choose_team(bot, connector, "openbare-ruimte")
    await send(bot, a.message(connector.url, "Wat als de stroom uitvalt?"))
    assert "Uitval bij" in card_text(connector.cards()[-1])


async def test_progress_counts_the_persons_own_work(
    bot: TestClient[Any, Any], connector: FakeConnector, library: Library
) -> None:
    data = await right_answer_to_a_new_round(bot, connector, library)
    await invoke(bot, a.invoke(connector.url, "quiz.answer", data))
    connector.clear()
    await send(bot, a.message(connector.url, "voortgang"))
    shown = card_text(connector.cards()[-1])
    assert "Mijn voortgang" in shown and "ICT" in shown and "1 van 1" in shown


async def test_a_channel_quiz_shows_counts_without_names_only_once_it_has_closed(
    bot: TestClient[Any, Any], connector: FakeConnector, library: Library, clock: Clock
) -> None:
    people = [a.user(n) for n in range(1, 8)]
    await send(bot, a.members_changed(connector.url, added=[a.BOT, *people]))
    connector.clear()
    await send(bot, a.message(connector.url, "quiz", scope="team"))
    [shared] = connector.cards()
    assert "Quizvraag voor het team" in card_text(shared)
    assert shared["refresh"]["userIds"] == [p["id"] for p in people]
    data = action_data(shared)
    views = []
    for person in people[:6]:
        views.append(
            await invoke(
                bot,
                a.invoke(connector.url, "channel.answer", data | {"answer": "a"}, sender=person,
                         scope="team"),
            )
        )  # fmt: skip
    again = a.invoke(
        connector.url, "channel.answer", data | {"answer": "b"}, sender=people[0], scope="team"
    )
    await invoke(bot, again)  # a second answer from the same person does not count
    assert all("Jij had het" in card_text(view) for view in views)
    # While open nothing shared changes with an answer: no counts, not even how many answered.
    assert connector.updated_cards() == []
    assert card_text(views[0]) == card_text(views[-1])
    assert "antwoordden" not in card_text(views[-1])

    clock.now += timedelta(days=3)
    late = a.invoke(
        connector.url, "channel.answer", data | {"answer": "b"}, sender=people[6], scope="team"
    )
    closed = card_text(await invoke(bot, late))  # too late: shown the results, not counted
    assert "gesloten" in closed and "6 collega's antwoordden" in closed
    mine = card_text(
        await invoke(bot, a.invoke(connector.url, "channel.view", {"quiz": data["quiz"]},
                                   sender=people[1], scope="team"))
    )  # fmt: skip
    assert "Jij had het" in mine and "6 collega's antwoordden" in mine
    for person in people:
        assert person["name"] not in closed and person["id"] not in closed
    assert await count(bot, tables.Answer) == 6


async def test_a_channel_quiz_answered_by_fewer_than_five_shows_no_counts(
    bot: TestClient[Any, Any], connector: FakeConnector, library: Library, clock: Clock
) -> None:
    people = [a.user(n) for n in range(1, 5)]
    await send(bot, a.members_changed(connector.url, added=[a.BOT, *people]))
    connector.clear()
    await send(bot, a.message(connector.url, "quiz", scope="team"))
    data = action_data(connector.cards()[-1])
    for person in people:
        await invoke(
            bot,
            a.invoke(connector.url, "channel.answer", data | {"answer": "a"}, sender=person,
                     scope="team"),
        )  # fmt: skip
    clock.now += timedelta(days=4)
    view = card_text(
        await invoke(bot, a.invoke(connector.url, "channel.view", {"quiz": data["quiz"]},
                                   sender=people[0], scope="team"))
    )  # fmt: skip
    assert "Minder dan 5 collega's antwoordden" in view and "antwoordden:" not in view


async def test_an_answer_is_in_the_persons_language_and_counts_once_on_either_database(
    make_bot: MakeBot,
    database_url: str,
    clock: Clock,
    connector: FakeConnector,
    library: Library,
) -> None:
    bot = await make_bot(clock=clock, database_url=database_url)
    await choose_team(bot, connector, "ict")
    await send(bot, a.message(connector.url, "taal english"))
    connector.clear()
    await send(bot, a.message(connector.url, "quiz"))
    data = action_data(connector.cards()[-1])
    question = library["en"].questions[data["question"]]
    data["answer"] = answer_for(question, True)
    intruder = a.invoke(connector.url, "quiz.answer", data, sender=a.user(2))
    assert "Deze knop werkt niet meer" in card_text(await invoke(bot, intruder))
    first = await invoke(bot, a.invoke(connector.url, "quiz.answer", data))
    again = await invoke(bot, a.invoke(connector.url, "quiz.answer", data | {"answer": "x"}))
    assert question.explanation in card_text(first) and card_text(again) == card_text(first)
    assert "Question 1 of 5" in card_text(first)
    assert await count(bot, tables.Answer) == 1
