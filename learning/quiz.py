"""Quizzes: a personal round of five that changes in place, and a shared question in a channel.

Every action is checked against what is stored: the round must be the clicking person's, the
question the one it waits for, the option one of the question's. Anything else gets the
"this button no longer works" card and changes nothing; a double click counts once.
"""

from __future__ import annotations

import logging
import random
import secrets
from typing import Any, Protocol

from cards.channel_quiz import ChannelResults, OwnAnswer, channel_quiz_card
from cards.notice import notice_card, stale_card
from cards.quiz import QuizResult, QuizStep, feedback_card, question_card, summary_card
from content.model import Question
from conversation.commands import CommandSpec
from conversation.feature import Feature, FeatureContext, Payload, command, verb
from conversation.people import PendingTurn, Person, Turn
from conversation.reply import Outbox, Reply
from learning.rules.channel_results import shared_results, takes_answers
from learning.rules.leitner import Review, after_answer
from learning.rules.scoring import is_correct, read_choice
from learning.rules.selection import choose_round, relevant_questions
from store.conversations import ConversationStore
from store.learning import (
    AnswerRecord,
    ChannelQuizRecord,
    LearningStore,
    QuizRound,
    RecordedAnswer,
    RoundTransaction,
)

logger = logging.getLogger(__name__)

ROUND_SIZE = 5

_NONE: dict[str, tuple[str, str]] = {
    "nl": ("Geen vragen", "Er zijn nog geen vragen voor jou. Kijk later nog eens."),
    "en": ("No questions", "There are no questions for you yet. Please look again later."),
}


Answer = str | list[str] | None
"""An ``Input.ChoiceSet`` value: ``"b"``, ``"a,c"`` or a list; read by ``read_choice``."""


class RoundReader(Protocol):
    """Reads a round's answers: the store, or a transaction of it."""

    async def answers_in_round(self, round_id: str, user_key: str) -> list[RecordedAnswer]:
        """The user's answers in a personal round, in the order given."""
        ...


class QuizAnswer(Payload):
    """An answer to a question of a personal round."""

    round: str
    question: str
    version: int
    answer: Answer = None


class RoundStep(Payload):
    """On from a question's feedback: the next question, or the summary."""

    round: str


class ChannelAnswer(Payload):
    """One person's answer to a question posted in a channel."""

    quiz: str
    answer: Answer = None


class ChannelView(Payload):
    """A person opens a channel question: their own view of it."""

    quiz: str


class Quiz(Feature):
    """The ``quiz`` command: a personal round in a chat, one shared question in a channel."""

    def __init__(self, context: FeatureContext, rng: random.Random | None = None) -> None:
        """Use the library's questions, the learning and conversation stores and the clock."""
        self._library = context.library
        self._learning = LearningStore(context.database, context.clock)
        self._conversations = ConversationStore(context.database, context.clock)
        self._clock = context.clock
        self._rng = rng or random.Random()

    def _question(self, person: Person, question_id: str) -> Question | None:
        return self._library.for_language(person.language).questions.get(question_id)

    @command(
        CommandSpec(
            "quiz",
            {"nl": ("quiz", "toets"), "en": ("quiz", "test")},
            {
                "nl": "5 vragen over uitval, voor jouw team",
                "en": "5 questions on outages, for your team",
            },
            needs_team=True,
            button={"nl": "Quiz", "en": "Quiz"},
        )
    )
    async def quiz(self, turn: Turn, argument: str) -> Reply:
        """A round for the person in a chat; one question for everyone in a channel."""
        if turn.person.personal:
            return await self.start(turn.person)
        await self.start_in_channel(turn.person, turn.outbox)
        return Reply()

    async def start(self, person: Person) -> Reply:
        """A new round of five chosen for this person: their team, their gaps, what is due."""
        questions = list(self._library.for_language(person.language).questions.values())
        chosen = choose_round(
            questions,
            team_id=person.team_id,
            reviews=await self._learning.reviews(person.key),
            now=self._clock(),
            size=ROUND_SIZE,
            seed=self._rng.randrange(2**32),
        )
        if not chosen:
            return Reply(notice_card(*_NONE[person.language]))
        quiz = await self._learning.start_round(
            secrets.token_hex(16), person.key, person.conversation_id, chosen
        )
        return Reply(self._question_card(person, quiz))

    def _question_card(self, person: Person, quiz: QuizRound) -> dict[str, Any]:
        question_id = quiz.current
        question = self._question(person, question_id) if question_id else None
        if question is None:
            return stale_card(person.language)
        step = QuizStep(quiz.round_id, quiz.position + 1, len(quiz.question_ids))
        return question_card(question, step, person.language)

    async def _own_round(self, person: Person, round_id: str) -> QuizRound | None:
        return self._owned(person, await self._learning.round(round_id))

    @staticmethod
    def _owned(person: Person, quiz: QuizRound | None) -> QuizRound | None:
        """The round if it is this person's; None (logged when someone else's) if not."""
        if quiz is None:
            return None
        if quiz.user_key != person.key:
            logger.warning("Refused a quiz action on a round that belongs to someone else.")
            return None
        return quiz

    @verb("quiz.answer")
    async def answer(self, turn: PendingTurn, payload: QuizAnswer) -> Reply:
        """Record an answer and show the feedback in place of the question.

        The person, the round and their review of the question are one read; the change is
        atomic and counts once (docs/decisions.md #14, #37).
        """
        async with self._learning.in_round() as transaction:
            choices, found, previous = await transaction.click(
                turn.key, payload.round, payload.question
            )
            person = turn.person(choices)
            return await self._answer(person, payload, transaction, found, previous)

    async def _answer(
        self,
        person: Person,
        payload: QuizAnswer,
        transaction: RoundTransaction,
        found: QuizRound | None,
        previous: Review | None,
    ) -> Reply:
        quiz = self._owned(person, found)
        question_id = payload.question
        if quiz is None:
            return Reply(stale_card(person.language))
        if question_id not in quiz.question_ids:
            logger.warning("Refused an answer to a question that is not in the round.")
            return Reply(stale_card(person.language))
        question = self._question(person, question_id)
        if question is None or payload.version != question.version:
            return Reply(stale_card(person.language))
        if quiz.current != question_id:
            return await self._earlier_feedback(person, quiz, question, transaction)
        chosen = self._chosen(question, payload.answer)
        if chosen is None:
            return Reply(stale_card(person.language))
        answer = self._marked(person, question, chosen, previous)
        recorded = await transaction.record_answer(quiz, answer)
        if not recorded:  # a second click that lost the race: show what was kept
            return await self._earlier_feedback(person, quiz, question, transaction)
        step = QuizStep(quiz.round_id, quiz.position + 1, len(quiz.question_ids))
        return Reply(feedback_card(question, answer.chosen, answer.correct, step, person.language))

    @staticmethod
    def _chosen(question: Question, raw: Answer) -> tuple[str, ...] | None:
        """The options chosen; None (logged) when the answer names one the question lacks."""
        chosen = read_choice(question, raw)
        if chosen is None:
            logger.warning("Refused an answer with an option the question does not have.")
        return chosen

    def _marked(
        self, person: Person, question: Question, chosen: tuple[str, ...], previous: Review | None
    ) -> AnswerRecord:
        """The person's answer to ``question``, marked and with its next review."""
        correct = is_correct(question, chosen)
        review = after_answer(previous, question.id, correct, self._clock())
        return AnswerRecord(person.key, question.id, question.version, chosen, correct, review)

    async def _earlier_feedback(
        self,
        person: Person,
        quiz: QuizRound,
        question: Question,
        reader: RoundReader | None = None,
    ) -> Reply:
        answers = await (reader or self._learning).answers_in_round(quiz.round_id, person.key)
        for answer in answers:
            if answer.question_id == question.id:
                number = quiz.question_ids.index(question.id) + 1
                step = QuizStep(quiz.round_id, number, len(quiz.question_ids))
                return Reply(
                    feedback_card(question, answer.chosen, answer.correct, step, person.language)
                )
        return Reply(stale_card(person.language))

    @verb("quiz.next")
    async def next(self, turn: Turn, payload: RoundStep) -> Reply:
        """The next question of the round (the same one again on a double click)."""
        quiz = await self._own_round(turn.person, payload.round)
        if quiz is None:
            return Reply(stale_card(turn.person.language))
        if quiz.finished:
            return await self.summary(turn, payload)
        return Reply(self._question_card(turn.person, quiz))

    @verb("quiz.summary")
    async def summary(self, turn: Turn, payload: RoundStep) -> Reply:
        """How the round went; missed questions come back later."""
        person = turn.person
        quiz = await self._own_round(person, payload.round)
        if quiz is None or not quiz.finished:
            return Reply(stale_card(person.language))
        answers = await self._learning.answers_in_round(quiz.round_id, person.key)
        missed = tuple(
            question
            for answer in answers
            if not answer.correct and (question := self._question(person, answer.question_id))
        )
        result = QuizResult(quiz.round_id, sum(a.correct for a in answers), len(answers), missed)
        return Reply(summary_card(result, person.language))

    async def start_in_channel(self, person: Person, outbox: Outbox) -> None:
        """Post one question for the whole team; members answer it each for themselves."""
        # General questions only: a channel is not tied to one team of the organisation.
        pool = relevant_questions(
            self._library.for_language(person.language).questions.values(), None
        )
        if not pool:
            await outbox.send(notice_card(*_NONE[person.language]))
            return
        question = self._rng.choice(sorted(pool, key=lambda q: q.id))
        quiz_id = secrets.token_hex(16)
        await self._learning.create_channel_quiz(
            quiz_id, person.conversation_id, question.id, question.version
        )
        stored = await self._learning.channel_quiz(quiz_id)
        assert stored is not None  # just created
        card = await self._shared_card(stored, question, person)
        activity_id = await outbox.send(card)
        if activity_id:
            await self._learning.set_channel_quiz_activity(quiz_id, activity_id)

    async def _shared_card(
        self, quiz: ChannelQuizRecord, question: Question, person: Person
    ) -> dict[str, Any]:
        members = await self._conversations.members(person.conversation_id.split(";")[0])
        return channel_quiz_card(
            quiz.quiz_id,
            question,
            await self._results(quiz),
            person.language,
            refresh_for=tuple(member.member_id for member in members),
        )

    async def _results(self, quiz: ChannelQuizRecord) -> ChannelResults:
        """The counts everyone may see now: none while open, once closed from 5 answers on."""
        shared = shared_results(
            quiz.created_at,
            self._clock(),
            await self._learning.channel_respondents(quiz.quiz_id),
            await self._learning.channel_counts(quiz.quiz_id),
        )
        return ChannelResults(
            shared.respondents or 0,
            dict(shared.counts),
            shared.minimum,
            closed=shared.closed,
            closes_at=shared.closes_at,
        )

    @verb("channel.answer")
    async def channel_answer(self, turn: Turn, payload: ChannelAnswer) -> Reply:
        """One person's answer, while the quiz is open: their own view back to them.

        The shared card is not updated: it shows no counts until the quiz closes, so nothing on
        it changes with one answer (docs/privacy.md, "Channel quizzes").
        """
        person = turn.person
        found = await self._channel_quiz(person, payload.quiz)
        if found is None:
            return Reply(stale_card(person.language))
        quiz, question = found
        if takes_answers(quiz.created_at, self._clock()):
            chosen = self._chosen(question, payload.answer)
            if chosen is None:
                return Reply(stale_card(person.language))
            previous = await self._learning.review(person.key, question.id)
            answer = self._marked(person, question, chosen, previous)
            await self._learning.record_channel_answer(quiz.quiz_id, answer)
        return await self.channel_view(turn, ChannelView(quiz=payload.quiz))

    @verb("channel.view")
    async def channel_view(self, turn: Turn, payload: ChannelView) -> Reply:
        """This person's view: the question, or their answer with the explanation."""
        person = turn.person
        found = await self._channel_quiz(person, payload.quiz)
        if found is None:
            return Reply(stale_card(person.language))
        quiz, question = found
        mine = await self._learning.channel_answer(quiz.quiz_id, person.key)
        own = OwnAnswer(mine.chosen, mine.correct) if mine else None
        results = await self._results(quiz)
        return Reply(channel_quiz_card(quiz.quiz_id, question, results, person.language, own=own))

    async def _channel_quiz(
        self, person: Person, quiz_id: str
    ) -> tuple[ChannelQuizRecord, Question] | None:
        stored = await self._learning.channel_quiz(quiz_id)
        if stored is None:
            return None
        question = self._question(person, stored.question_id)
        if question is None or question.version != stored.question_version:
            return None
        return stored, question
