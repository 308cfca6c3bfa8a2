"""A quiz question in a team channel: everyone answers for themselves; results show no names.

The shared card shows the question and, once enough people answered, how often each answer was
chosen. Each person's own view (their answer and the explanation) comes back to them only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from microsoft_teams.cards import (
    AdaptiveCard,
    Choice,
    ChoiceSetInput,
    Container,
    ExecuteAction,
    RefreshDefinition,
    TextBlock,
)

from cards.common import execute, facts, heading, paragraph, sources_block
from cards.render import to_json
from content.language import Language
from content.model import Question

ANSWER_VERB = "channel.answer"
VIEW_VERB = "channel.view"
MAX_REFRESH_USERS = 60
"""Teams refreshes a card for at most 60 listed users."""


@dataclass(frozen=True)
class ChannelResults:
    """How often each option was chosen, and by how many people (never who)."""

    respondents: int
    counts: dict[str, int]
    minimum: int = 5


@dataclass(frozen=True)
class OwnAnswer:
    """The viewing person's own answer."""

    chosen: tuple[str, ...]
    correct: bool


_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "title": "Quizvraag voor het team",
        "label": "Jouw antwoord (alleen jij ziet wat je kiest)",
        "error": "Kies eerst een antwoord.",
        "answer": "Antwoord",
        "results": "{n} collega's antwoordden:",
        "wait": "De uitslag komt als {minimum} collega's hebben geantwoord. Nu: {n}.",
        "right": "✔ Jij had het goed.",
        "wrong": "✘ Jij had het niet goed.",
        "correct": "Het goede antwoord",
        "private": "Niemand ziet wie wat antwoordde.",
    },
    "en": {
        "title": "Quiz question for the team",
        "label": "Your answer (only you see what you choose)",
        "error": "Please choose an answer first.",
        "answer": "Answer",
        "results": "{n} colleagues answered:",
        "wait": "The results show once {minimum} colleagues have answered. Now: {n}.",
        "right": "✔ You got it right.",
        "wrong": "✘ You did not get it right.",
        "correct": "The right answer",
        "private": "Nobody sees who answered what.",
    },
}


def channel_quiz_card(
    quiz_id: str,
    question: Question,
    results: ChannelResults,
    language: Language,
    *,
    own: OwnAnswer | None = None,
    refresh_for: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The shared card (``own`` None) or one person's view of it.

    ``refresh_for`` lists member ids whose client fetches their own view when they open the card
    (at most :data:`MAX_REFRESH_USERS`).
    """
    text = _TEXT[language]
    options = {option.id: option.text for option in question.options}
    body: list[Any] = [
        TextBlock(text=text["title"], size="Small", is_subtle=True, wrap=True),
        heading(question.question),
    ]
    if own is None:
        body.append(
            ChoiceSetInput(
                id="answer", label=text["label"], is_required=True, error_message=text["error"],
                style="expanded", is_multi_select=question.kind == "multiple" or None, wrap=True,
                choices=[Choice(title=o.text, value=o.id) for o in question.options],
            )
        )  # fmt: skip
    else:
        body.append(
            TextBlock(text=text["right"] if own.correct else text["wrong"], weight="Bolder",
                      color="Good" if own.correct else "Attention", wrap=True)
        )  # fmt: skip
        right = "; ".join(options[c] for c in question.correct)
        body.append(paragraph(f"**{text['correct']}:** {right}"))
        body.append(Container(items=[paragraph(question.explanation)], style="emphasis"))
        body.append(sources_block([question.source], language))
    if results.respondents >= results.minimum:
        body.append(paragraph(text["results"].format(n=results.respondents)))
        body.append(facts([(o.text, str(results.counts.get(o.id, 0))) for o in question.options]))
    else:
        body.append(paragraph(text["wait"].format(minimum=results.minimum, n=results.respondents)))
    body.append(paragraph(text["private"], subtle=True))
    card = AdaptiveCard(
        body=body,
        actions=[execute(text["answer"], ANSWER_VERB, {"quiz": quiz_id})] if own is None else None,
    )
    if refresh_for:
        card.refresh = RefreshDefinition(
            action=ExecuteAction(
                title="", verb=VIEW_VERB, data={"quiz": quiz_id, "verb": VIEW_VERB}
            ),
            user_ids=list(refresh_for[:MAX_REFRESH_USERS]),
        )
    return to_json(card)
