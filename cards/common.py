"""Small pieces every card uses: headings, folds, actions that change a card in place, sources,
words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from microsoft_teams.cards import (
    CardElement,
    Column,
    ColumnSet,
    Container,
    ExecuteAction,
    Fact,
    FactSet,
    SubmitAction,
    TargetElement,
    TextBlock,
    ToggleVisibilityAction,
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


@dataclass(frozen=True)
class Fold:
    """A part of a card shown under a title bar; a tap on the bar opens or closes it.

    ``key`` names the part's elements and must be unique in the card. ``opened``: it starts
    open. ``quiet``: a small, plain bar (for sources) instead of a grey one.
    """

    key: str
    title: str
    items: Sequence[Any]
    opened: bool = False
    quiet: bool = False


# Inputs in a folded part are still sent by the card's buttons (Action.ToggleVisibility only
# hides them); inside an Action.ShowCard they would not be.
def folds(parts: Sequence[Fold]) -> list[Container]:
    """Each part as its title bar and its body; opening one part closes the others."""
    elements: list[Container] = []
    for part in parts:
        others = [other for other in parts if other.key != part.key]
        elements.append(_title_bar(part, others))
        elements.append(
            Container(
                id=part.key,
                items=list(part.items),
                is_visible=_shown(part.opened),
                spacing="Small",
            )
        )
    return elements


def _title_bar(part: Fold, others: Sequence[Fold]) -> Container:
    """The bar that opens ``part`` (or closes it again) and closes ``others``."""
    if part.quiet:
        title = TextBlock(text=part.title, wrap=True, size="Small", is_subtle=True)
    else:
        title = TextBlock(text=part.title, wrap=True, weight="Bolder")
    columns = [
        Column(width="stretch", items=[title], vertical_content_alignment="Center"),
        Column(width="auto", items=_marks(part), vertical_content_alignment="Center"),
    ]
    return Container(
        items=[ColumnSet(columns=columns)],
        style=None if part.quiet else "emphasis",
        spacing="Medium" if part.quiet else "Small",
        select_action=ToggleVisibilityAction(
            title=part.title, target_elements=_targets(part, others)
        ),
    )


def _marks(part: Fold) -> list[CardElement]:
    """▸ while ``part`` is closed, ▾ while it is open: its bar swaps them."""
    look: dict[str, Any] = {"size": "Small", "is_subtle": True} if part.quiet else {"size": "Large"}
    return [
        TextBlock(id=f"{part.key}.closed", text="▸", is_visible=_shown(not part.opened), **look),
        TextBlock(id=f"{part.key}.open", text="▾", is_visible=_shown(part.opened), **look),
    ]


def _shown(shown: bool) -> bool | None:
    """``isVisible`` as the card says it: left out when shown (the default), else false."""
    return None if shown else False


def _targets(part: Fold, others: Sequence[Fold]) -> list[TargetElement]:
    """Toggle ``part`` and its marks; close ``others``."""
    targets = [
        TargetElement(element_id=element)
        for element in (part.key, f"{part.key}.closed", f"{part.key}.open")
    ]
    for other in others:
        targets += [
            TargetElement(element_id=other.key, is_visible=False),
            TargetElement(element_id=f"{other.key}.closed", is_visible=True),
            TargetElement(element_id=f"{other.key}.open", is_visible=False),
        ]
    return targets


_SOURCE_WORD: dict[Language, str] = {"nl": "Bron", "en": "Source"}
_SOURCES_WORD: dict[Language, str] = {"nl": "Bronnen", "en": "Sources"}
SOURCES_KEY = "sources"


def sources_block(sources: Sequence[Source], language: Language) -> TextBlock:
    """The sources as links, small and subtle, so staff can check the facts."""
    word = _SOURCE_WORD[language] if len(sources) == 1 else _SOURCES_WORD[language]
    links = ", ".join(f"[{source.title}]({source.url})" for source in sources)
    return TextBlock(text=f"{word}: {links}", wrap=True, size="Small", is_subtle=True)


def sources_fold(sources: Sequence[Source], language: Language) -> Fold:
    """The sources folded under one "Bronnen" bar: a link per line, titled in ``language``."""
    title = _SOURCE_WORD[language]
    if len(sources) > 1:
        title = f"{_SOURCES_WORD[language]} ({len(sources)})"
    links = "\n".join(f"- [{source_label(source, language)}]({source.url})" for source in sources)
    return Fold(
        SOURCES_KEY,
        title,
        [TextBlock(text=links, wrap=True, size="Small")],
        quiet=True,
    )


_OTHER_LANGUAGE: dict[Language, str] = {"nl": "in het Engels", "en": "in Dutch"}


def source_label(source: Source, language: Language) -> str:
    """The source's title when it is written in ``language``, else its site and its language.

    A Dutch card citing an English page shows "denkvooruit.nl (in het Engels)", so the reader
    knows where the link goes and what language waits there.
    """
    if source_language(source) == language:
        return source.title
    return f"{site_name(str(source.url))} ({_OTHER_LANGUAGE[language]})"


_ENGLISH_HOSTS = ("english.", "en.")
_ENGLISH_WORDS = frozenset(
    "the a an and to for with what does do how your you are this from about".split()
)
_DUTCH_WORDS = frozenset(
    "de het een en van voor met wat hoe je jouw uw bij geen naar zonder niet ook op te zijn "
    "er als wordt nog na dit kun kan".split()
)
_WORD = re.compile(r"[a-zà-ÿ']+")


def source_language(source: Source) -> Language:
    """The language a source is in, as its address and title tell; Dutch unless they say English.

    English: an English site or folder (``english.``, ``en.``, ``/en/``), or a title with more
    English than Dutch small words ("the", "of", "what" against "de", "van", "wat").
    """
    parts = urlsplit(str(source.url))
    host = (parts.hostname or "").lower()
    if host.startswith(_ENGLISH_HOSTS) or parts.path.lower().startswith("/en/"):
        return "en"
    words = _WORD.findall(source.title.lower())
    english = sum(word in _ENGLISH_WORDS for word in words)
    dutch = sum(word in _DUTCH_WORDS for word in words)
    return "en" if english > dutch else "nl"


def site_name(url: str) -> str:
    """The site of ``url`` as people write it: ``english.denkvooruit.nl`` gives denkvooruit.nl."""
    host = (urlsplit(url).hostname or url).lower()
    for prefix in ("www.", *_ENGLISH_HOSTS):
        host = host.removeprefix(prefix)
    return host


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
