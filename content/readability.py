"""How easy a Dutch text is to read: the Flesch-Douma score, and the staff texts of an item.

Flesch-Douma is Flesch's reading ease refitted for Dutch (206.835 − 0.93 × words per sentence −
77 × syllables per word). 60 or more reads as plain language (about B1); see docs/content.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import textstat
from pydantic import BaseModel, HttpUrl

from content.draft import Draft
from content.problems import Problem

MINIMUM_SCORE = 60.0
"""Every Dutch item scores at least this."""
LONGEST_SENTENCE = 25
"""No sentence in a staff text has more words than this."""

# Fields that are identifiers, dates or links, never read as sentences.
_NOT_PROSE = frozenset(
    {
        "id", "version", "kind", "url", "publisher", "mtpd", "rto", "rpo", "depends_on",
        "correct", "scenarios", "teams", "scenario", "audience", "partners", "team",
        "avoid", "times", "item", "hash", "checks",
    }
)  # fmt: skip
_MARKDOWN = re.compile(r"[*_#>`]|\[([^\]]*)\]\([^)]*\)")
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|\n+")


def flesch_douma(text: str) -> float:
    """The Flesch-Douma reading ease of ``text`` (higher is easier)."""
    textstat.set_lang("nl")
    return float(textstat.flesch_reading_ease(plain(text)))


def plain(text: str) -> str:
    """Markdown reduced to its words; list items and lines end a sentence."""
    lines = [_MARKDOWN.sub(r"\1", line).strip(" -•\t") for line in text.splitlines()]
    sentences = []
    for line in lines:
        if line:
            sentences.append(line if line[-1] in ".!?:" else f"{line}.")
    return " ".join(sentences)


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (Markdown removed)."""
    return [part for part in _SENTENCE_END.split(plain(text)) if part.strip()]


def staff_texts(item: BaseModel) -> Iterator[str]:
    """Every text of ``item`` that staff read: no ids, links, sources or durations."""
    for _path, text in located_texts(item):
        yield text


def located_texts(item: BaseModel, path: tuple[str | int, ...] = ()) -> Iterator[TextAt]:
    """:func:`staff_texts` with the field path of each text inside ``item``."""
    for name, value in item:
        if name in _NOT_PROSE or name in ("source", "sources"):
            continue
        yield from _texts(value, (*path, name))


TextAt = tuple[tuple[str | int, ...], str]


def _texts(value: object, path: tuple[str | int, ...]) -> Iterator[TextAt]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel) and not isinstance(value, HttpUrl):
        yield from located_texts(value, path)
    elif isinstance(value, tuple | list):
        for index, element in enumerate(value):
            yield from _texts(element, (*path, index))


def item_text(item: BaseModel) -> str:
    """All staff texts of ``item`` as one text, each part its own sentence(s)."""
    return " ".join(plain(text) for text in staff_texts(item))


JARGON = ("MTPD", "RTO", "RPO", "BIO", "BIA", "BCM", "VTH", "ICT-continuïteit")
"""Abbreviations staff should not have to know; write them out in plain Dutch."""
_JARGON = re.compile(r"\b(" + "|".join(re.escape(word) for word in JARGON) + r")\b")


def readability_problems(drafts: Iterable[Draft]) -> Iterator[Problem]:
    """Dutch items that are not plain language: low Flesch-Douma, long sentences, jargon."""
    for draft in drafts:
        if draft.language != "nl":
            continue
        for entry in draft.entries:
            if entry.kind == "organisation":
                continue  # names and roles, not prose
            texts = list(located_texts(entry.item))
            score = flesch_douma(" ".join(plain(text) for _path, text in texts))
            if score < MINIMUM_SCORE:
                yield entry.problem(
                    f"not plain enough (B1): Flesch-Douma {score:.0f}, needs {MINIMUM_SCORE:.0f} "
                    "or more; use shorter sentences and shorter words"
                )
            for path, text in texts:
                for sentence in sentences(text):
                    if len(sentence.split()) > LONGEST_SENTENCE:
                        yield entry.problem(
                            f"sentence of {len(sentence.split())} words (at most "
                            f"{LONGEST_SENTENCE}): {sentence[:60]}…",
                            *path,
                        )
                for word in sorted(set(_JARGON.findall(text))):
                    yield entry.problem(f"'{word}' is jargon: write it out in plain words", *path)
