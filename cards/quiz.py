"""Quiz cards: a question, the feedback that replaces it, and the round's summary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from microsoft_teams.cards import (
    Action,
    AdaptiveCard,
    Choice,
    ChoiceSetInput,
    Container,
    TextBlock,
)

from cards.common import bullets, execute, heading, paragraph, sources_block
from cards.menu import MenuButton, command_action
from cards.render import to_json
from content.language import Language
from content.model import Question

ANSWER_VERB = "quiz.answer"
NEXT_VERB = "quiz.next"
SUMMARY_VERB = "quiz.summary"
ANSWER_INPUT = "answer"


@dataclass(frozen=True)
class QuizStep:
    """Where a question stands in its round: the round's id, its number and the round's size."""

    round_id: str
    number: int
    total: int


@dataclass(frozen=True)
class QuizResult:
    """The end of a round."""

    round_id: str
    right: int
    total: int
    missed: tuple[Question, ...] = ()


_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "count": "Vraag {number} van {total}",
        "pick_one": "Kies één antwoord",
        "pick_all": "Kies alle goede antwoorden",
        "required": "Kies eerst een antwoord.",
        "answer": "Antwoord",
        "right": "✔ Goed!",
        "wrong": "✘ Niet goed",
        "yours": "Jouw antwoord",
        "correct": "Het goede antwoord",
        "next": "Volgende vraag",
        "score": "Bekijk je score",
        "summary": "Je had {right} van de {total} vragen goed.",
        "all_right": "Alles goed. Knap gedaan!",
        "again": "Deze vragen krijg je later nog een keer:",
        "round": "Nog een ronde",
        "progress": "Mijn voortgang",
        "title": "Quiz",
        "done": "Klaar!",
    },
    "en": {
        "count": "Question {number} of {total}",
        "pick_one": "Choose one answer",
        "pick_all": "Choose all the right answers",
        "required": "Please choose an answer first.",
        "answer": "Answer",
        "right": "✔ Right!",
        "wrong": "✘ Not right",
        "yours": "Your answer",
        "correct": "The right answer",
        "next": "Next question",
        "score": "See your score",
        "summary": "You got {right} of the {total} questions right.",
        "all_right": "All right. Well done!",
        "again": "You will get these questions again later:",
        "round": "Another round",
        "progress": "My progress",
        "title": "Quiz",
        "done": "Done!",
    },
}


def question_card(question: Question, step: QuizStep, language: Language) -> dict[str, Any]:
    """A question with its options; answering replaces the card with the feedback."""
    text = _TEXT[language]
    multiple = question.kind == "multiple"
    choices = ChoiceSetInput(
        id=ANSWER_INPUT,
        label=text["pick_all"] if multiple else text["pick_one"],
        is_required=True,
        error_message=text["required"],
        style="expanded",
        is_multi_select=multiple or None,
        wrap=True,
        choices=[Choice(title=option.text, value=option.id) for option in question.options],
    )
    body: list[Any] = [
        TextBlock(text=text["count"].format(number=step.number, total=step.total),
                  size="Small", is_subtle=True, wrap=True),
        heading(question.question),
        choices,
    ]  # fmt: skip
    action = execute(
        text["answer"],
        ANSWER_VERB,
        {"round": step.round_id, "question": question.id, "version": question.version},
    )
    return to_json(AdaptiveCard(body=body, actions=[action]))


def feedback_card(
    question: Question,
    chosen: Sequence[str],
    correct: bool,
    step: QuizStep,
    language: Language,
) -> dict[str, Any]:
    """Right or wrong (in words and a mark, never colour alone), the explanation and the source."""
    text = _TEXT[language]
    options = {option.id: option.text for option in question.options}
    body: list[Any] = [
        TextBlock(text=text["count"].format(number=step.number, total=step.total),
                  size="Small", is_subtle=True, wrap=True),
        TextBlock(text=text["right"] if correct else text["wrong"], size="Large",
                  weight="Bolder", color="Good" if correct else "Attention", wrap=True,
                  style="heading"),
        paragraph(question.question),
        paragraph(f"**{text['yours']}:** " + "; ".join(options[c] for c in chosen if c in options)),
    ]  # fmt: skip
    if not correct:
        right = "; ".join(options[c] for c in question.correct)
        body.append(paragraph(f"**{text['correct']}:** {right}"))
    body.append(Container(items=[paragraph(question.explanation)], style="emphasis"))
    body.append(sources_block([question.source], language))
    last = step.number >= step.total
    action = execute(
        text["score"] if last else text["next"],
        SUMMARY_VERB if last else NEXT_VERB,
        {"round": step.round_id, "after": step.number},
    )
    return to_json(AdaptiveCard(body=body, actions=[action]))


def summary_card(result: QuizResult, language: Language) -> dict[str, Any]:
    """How the round went, and which questions come back later."""
    text = _TEXT[language]
    body: list[Any] = [
        heading(text["done"]),
        paragraph(text["summary"].format(right=result.right, total=result.total)),
    ]
    if result.missed:
        body.append(paragraph(text["again"]))
        body.append(bullets(question.question for question in result.missed))
    else:
        body.append(paragraph(text["all_right"]))
    actions: list[Action] = [
        command_action(MenuButton(text["round"], "quiz")),
        command_action(MenuButton(text["progress"], "progress")),
    ]
    return to_json(AdaptiveCard(body=body, actions=actions))
