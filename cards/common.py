"""Small pieces every card uses: headings, actions that change a card in place, sources, words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from microsoft_teams.cards import (
    ExecuteAction,
    Fact,
    FactSet,
    SubmitAction,
    TextBlock,
)

from content.language import Language
from content.model import Source, duration


def heading(text: str) -> TextBlock:
    """The card's title, marked as a heading for screen readers."""
    return TextBlock(text=text, size="Large", weight="Bolder", wrap=True, style="heading")


def subheading(text: str) -> TextBlock:
    """A section title."""
    return TextBlock(text=text, weight="Bolder", wrap=True, spacing="Medium")


def paragraph(text: str, *, subtle: bool = False) -> TextBlock:
    """Running text (Markdown as far as Teams supports it: bold, italic, lists, links)."""
    return TextBlock(text=text, wrap=True, is_subtle=subtle or None)


def bullets(lines: Iterable[str]) -> TextBlock:
    """A bulleted list in one text block."""
    return TextBlock(text="\n".join(f"- {line}" for line in lines), wrap=True)


def facts(pairs: Sequence[tuple[str, str]]) -> FactSet:
    """Label-value pairs."""
    return FactSet(facts=[Fact(title=title, value=value) for title, value in pairs])


def execute(title: str, verb: str, data: Mapping[str, Any]) -> ExecuteAction:
    """An Action.Execute (the card is replaced in place) with an Action.Submit fallback.

    The verb travels in the data too, so the fallback's message carries it. Never put who the
    user is in ``data``: Paraat takes identity from the activity only.
    """
    payload = {**data, "verb": verb}
    return ExecuteAction(
        title=title,
        verb=verb,
        data=payload,
        fallback=SubmitAction(title=title, data=payload),
    )


_SOURCE_WORD: dict[Language, str] = {"nl": "Bron", "en": "Source"}
_SOURCES_WORD: dict[Language, str] = {"nl": "Bronnen", "en": "Sources"}


def sources_block(sources: Sequence[Source], language: Language) -> TextBlock:
    """The sources as links, small and subtle, so staff can check the facts."""
    word = _SOURCE_WORD[language] if len(sources) == 1 else _SOURCES_WORD[language]
    links = ", ".join(f"[{source.title}]({source.url})" for source in sources)
    return TextBlock(text=f"{word}: {links}", wrap=True, size="Small", is_subtle=True)


_UNIT_WORDS: dict[Language, dict[str, tuple[str, str]]] = {
    "nl": {"m": ("minuut", "minuten"), "h": ("uur", "uur"), "d": ("dag", "dagen"),
           "w": ("week", "weken")},
    "en": {"m": ("minute", "minutes"), "h": ("hour", "hours"), "d": ("day", "days"),
           "w": ("week", "weeks")},
}  # fmt: skip


def say_duration(value: str, language: Language) -> str:
    """A duration such as ``3d`` in words: "3 dagen" or "3 days"."""
    duration(value)  # rejects what is not a duration
    amount, unit = int(value[:-1]), value[-1]
    singular, plural = _UNIT_WORDS[language][unit]
    return f"{amount} {singular if amount == 1 else plural}"


_DEPENDENCY_WORDS: dict[Language, dict[str, str]] = {
    "nl": {"power": "stroom", "internet": "internet", "phone": "telefoon",
           "building-access": "toegang tot het gebouw", "applications": "computerprogramma's"},
    "en": {"power": "power", "internet": "internet", "phone": "phone",
           "building-access": "access to the building", "applications": "applications"},
}  # fmt: skip


def say_dependencies(
    dependencies: Sequence[str], applications: Sequence[str], language: Language
) -> str:
    """What a process needs, in words, naming the applications."""
    words = []
    for dependency in dependencies:
        word = _DEPENDENCY_WORDS[language][dependency]
        if dependency == "applications" and applications:
            word = f"{word} ({', '.join(applications)})"
        words.append(word)
    return ", ".join(words)
