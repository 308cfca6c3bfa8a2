"""A quiz question in a team channel: everyone answers for themselves; results show no names.

The shared card shows the question while it is open, and once it has closed how often each
answer was chosen (when enough people answered; ``learning.rules.channel_results``). Each
person's own view (their answer and the explanation) comes back to them only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
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
    """How often each option was chosen, and by how many people (never who).

    Attributes:
        respondents: How many answered (only shown once closed, from ``minimum`` on).
        counts: How often each option was chosen.
        minimum: The fewest answers counts are shown for.
        closed: Whether the quiz has closed; while open no counts are shown.
        closes_at: When it closes (None: not said).
    """

    respondents: int
    counts: dict[str, int]
    minimum: int = 5
    closed: bool = False
    closes_at: datetime | None = None


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
        "wait": "Je kunt antwoorden tot {closes}. Daarna zie je hier hoe vaak elk antwoord is "
        "gekozen, als minstens {minimum} collega's hebben geantwoord.",
        "wait_open": "Als de vraag sluit, zie je hier hoe vaak elk antwoord is gekozen, als "
        "minstens {minimum} collega's hebben geantwoord.",
        "closed": "Deze vraag is gesloten.",
        "too_few": "Minder dan {minimum} collega's antwoordden, dus er is geen uitslag.",
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
        "wait": "You can answer until {closes}. Then you see here how often each answer was "
        "chosen, if at least {minimum} colleagues answered.",
        "wait_open": "When the question closes, you see here how often each answer was chosen, "
        "if at least {minimum} colleagues answered.",
        "closed": "This question is closed.",
        "too_few": "Fewer than {minimum} colleagues answered, so there are no results.",
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

    While the quiz is open (``results.closed`` false) the card asks the question and shows no
    counts; once closed it shows the right answer, its explanation and, from ``minimum``
    answers on, the counts. ``refresh_for`` lists member ids whose client fetches their own view
    when they open the card (at most :data:`MAX_REFRESH_USERS`).
    """
    text = _TEXT[language]
    options = {option.id: option.text for option in question.options}
    body: list[Any] = [
        TextBlock(text=text["title"], size="Small", is_subtle=True, wrap=True),
        heading(question.question),
    ]
    is_open = not results.closed
    if own is None and is_open:
        body.append(
            ChoiceSetInput(
                id="answer", label=text["label"], is_required=True, error_message=text["error"],
                style="expanded", is_multi_select=question.kind == "multiple" or None, wrap=True,
                choices=[Choice(title=o.text, value=o.id) for o in question.options],
            )
        )  # fmt: skip
    else:
        if own is not None:
            body.append(
                TextBlock(text=text["right"] if own.correct else text["wrong"], weight="Bolder",
                          color="Good" if own.correct else "Attention", wrap=True)
            )  # fmt: skip
        elif not is_open:
            body.append(TextBlock(text=text["closed"], weight="Bolder", wrap=True))
        right = "; ".join(options[c] for c in question.correct)
        body.append(paragraph(f"**{text['correct']}:** {right}"))
        body.append(Container(items=[paragraph(question.explanation)], style="emphasis"))
        body.append(sources_block([question.source], language))
    if is_open and results.closes_at is not None:
        closes = _client_time(results.closes_at)
        body.append(paragraph(text["wait"].format(closes=closes, minimum=results.minimum)))
    elif is_open:
        body.append(paragraph(text["wait_open"].format(minimum=results.minimum)))
    elif results.respondents >= results.minimum:
        body.append(paragraph(text["results"].format(n=results.respondents)))
        body.append(facts([(o.text, str(results.counts.get(o.id, 0))) for o in question.options]))
    else:
        body.append(paragraph(text["too_few"].format(minimum=results.minimum)))
    body.append(paragraph(text["private"], subtle=True))
    answerable = own is None and is_open
    card = AdaptiveCard(
        body=body,
        actions=[execute(text["answer"], ANSWER_VERB, {"quiz": quiz_id})] if answerable else None,
    )
    if refresh_for:
        card.refresh = RefreshDefinition(
            action=ExecuteAction(
                title="", verb=VIEW_VERB, data={"quiz": quiz_id, "verb": VIEW_VERB}
            ),
            user_ids=list(refresh_for[:MAX_REFRESH_USERS]),
        )
    return to_json(card)


def _client_time(moment: datetime) -> str:
    """The moment in the reader's own language and time zone (Adaptive Cards' DATE and TIME)."""
    stamp = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{{{{DATE({stamp}, SHORT)}}}} {{{{TIME({stamp})}}}}"
