"""What the simulated users send, how a right answer looks, and the set-up a quiz answer needs.

Activities are Teams-shaped (:mod:`testkit.activities`) and carry the local Bot Connector's
URL as their ``serviceUrl``, so both bots send their replies to the same
:class:`~testkit.connector.FakeConnector`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import aiohttp

from bench.load import REQUEST_TIMEOUT, Check, Json, drive
from content.loader import Library
from testkit import activities as a
from testkit.connector import FakeConnector

TEAM = "ict"
"""The team every simulated person chooses (a team with its own questions)."""
ANSWER_VERB = "quiz.answer"
PREPARE_SECONDS = 120.0


class SetUpFailed(RuntimeError):
    """Paraat did not answer the set-up turns the way a quiz answer needs."""


@dataclass(frozen=True)
class Scenario:
    """One kind of turn: its name, the bot that takes it and what it sends."""

    name: str
    bot: str
    description: str
    replies_per_turn: int
    """Messages the bot posts to the Bot Connector per turn (checked after each measurement)."""
    kind: str = ""
    """What is sent: ``echo message``, ``echo invoke``, ``help`` or ``quiz answer``."""


ECHO_MESSAGE = Scenario(
    "echo message",
    "echo",
    "message `help`; the SDK echo bot posts the text back",
    1,
    "echo message",
)
ECHO_INVOKE = Scenario(
    "echo invoke",
    "echo",
    "Action.Execute invoke; the SDK echo bot answers with a one-line card in the response",
    0,
    "echo invoke",
)
HELP = Scenario(
    "help message",
    "paraat",
    "message `help`; Paraat parses the command, reads the person, posts the help card",
    1,
    "help",
)
QUIZ_ANSWER = Scenario(
    "quiz answer",
    "paraat",
    "Action.Execute `quiz.answer` on the first question of a fresh round; Paraat checks and "
    "records the answer and answers with the feedback card",
    0,
    "quiz answer",
)
PG_BOT = "paraat-pg"
"""Paraat on PostgreSQL (the other one runs on SQLite)."""
HELP_PG = Scenario("help message pg", PG_BOT, "`help message` with Paraat on PostgreSQL", 1, "help")
QUIZ_ANSWER_PG = Scenario(
    "quiz answer pg", PG_BOT, "`quiz answer` with Paraat on PostgreSQL", 0, "quiz answer"
)


def accepted(status: int, _body: bytes) -> bool:
    """A message turn: the bot took the activity."""
    return status in (200, 202)


def echoed_card(status: int, body: bytes) -> bool:
    """The echo bot's invoke answer."""
    return status == 200 and b"echo quiz.answer" in body


def feedback_card(status: int, body: bytes) -> bool:
    """Paraat's feedback on an answer (not the "this button no longer works" card)."""
    return status == 200 and (b"Goed!" in body or b"Niet goed" in body)


def checks() -> dict[str, Check]:
    """The check for each kind of scenario."""
    return {
        ECHO_MESSAGE.kind: accepted,
        ECHO_INVOKE.kind: echoed_card,
        HELP.kind: accepted,
        QUIZ_ANSWER.kind: feedback_card,
    }


def help_messages(service_url: str, number: int) -> Iterator[Json]:
    """``help`` from person ``number``, endlessly (both bots get the very same activity)."""
    sender = a.user(number)
    while True:
        yield a.message(service_url, "help", sender=sender)


def echo_invokes(service_url: str, number: int) -> Iterator[Json]:
    """A quiz-answer-shaped Action.Execute from person ``number``, endlessly."""
    sender = a.user(number)
    data = {"verb": ANSWER_VERB, "round": "r", "question": "q", "version": 1, "answer": "a"}
    while True:
        yield a.invoke(service_url, ANSWER_VERB, data, sender=sender)


async def _post(session: aiohttp.ClientSession, url: str, activity: Json) -> tuple[int, bytes]:
    async with session.post(url, json=activity) as response:
        return response.status, await response.read()


def _cards_to(connector: FakeConnector, number: int) -> list[Json]:
    recipient = a.user(number)["id"]
    return [
        attachment["content"]
        for activity in connector.messages()
        if (activity.get("recipient") or {}).get("id") == recipient
        for attachment in activity.get("attachments") or []
    ]


async def choose_teams(url: str, connector: FakeConnector, users: Sequence[int]) -> None:
    """Each person asks to choose a team and picks :data:`TEAM` (``team.choose`` invoke)."""
    async with aiohttp.ClientSession(timeout=REQUEST_TIMEOUT) as session:
        for number in users:
            sender = a.user(number)
            connector.clear()
            await _post(session, url, a.message(connector.url, "kies team", sender=sender))
            cards = _cards_to(connector, number)
            if not cards:
                raise SetUpFailed(f"no team choice card for person {number}")
            data = cards[-1]["actions"][0]["data"] | {"team": TEAM}
            invoke = a.invoke(connector.url, "team.choose", data, sender=sender)
            status, body = await _post(session, url, invoke)
            if status != 200 or b"Je team is nu" not in body:
                raise SetUpFailed(f"team.choose gave HTTP {status}: {body[:300]!r}")
    connector.clear()


async def answer_feeds(
    url: str, connector: FakeConnector, library: Library, users: Sequence[int], per_user: int
) -> list[Iterator[Json]]:
    """Start ``per_user`` rounds for each person (``quiz``); one answer per fresh round.

    The answers alternate between right and wrong. Each one is the first answer in its round,
    so every measured turn records a new answer (no double clicks).
    """
    connector.clear()
    feeds = [
        iter([a.message(connector.url, "quiz", sender=a.user(number)) for _ in range(per_user)])
        for number in users
    ]
    wanted = per_user * len(users)
    sample = await drive(url, feeds, accepted, wanted, PREPARE_SECONDS)
    if sample.turns != wanted:
        raise SetUpFailed(f"started {sample.turns} of {wanted} quiz rounds in time")
    right = itertools.cycle([True, False])
    answers: list[Iterator[Json]] = []
    for number in users:
        questions = [_answer_data(card) for card in _cards_to(connector, number)]
        if len(questions) != per_user or None in questions:
            raise SetUpFailed(f"person {number} did not get {per_user} question cards")
        sender = a.user(number)
        answers.append(
            iter(
                [
                    a.invoke(
                        connector.url,
                        ANSWER_VERB,
                        data | {"answer": _answer(library, data["question"], next(right))},
                        sender=sender,
                    )
                    for data in questions
                    if data is not None
                ]
            )
        )
    connector.clear()
    return answers


def _answer_data(card: Json) -> Json | None:
    for action in card.get("actions") or []:
        data: Any = action.get("data")
        if isinstance(data, dict) and data.get("verb") == ANSWER_VERB:
            return data
    return None


def _answer(library: Library, question_id: str, right: bool) -> str:
    question = library["nl"].questions[question_id]
    wrong = [option.id for option in question.options if option.id not in question.correct]
    return ",".join(question.correct) if right or not wrong else wrong[0]
