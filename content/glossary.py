"""One word per concept: every staff text uses the glossary's term, never a word it avoids.

The glossary is ``glossary.yaml`` in each language folder. A word it avoids, found in any staff
text of that language, is a warning with the file, the line the word stands on, the field and the
term to use instead. Words are matched case-insensitively at the start of a word, so an avoided
``stroombedrijf`` also catches ``stroombedrijven``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from content.draft import Draft, Entry
from content.model import Term
from content.problems import Problem
from content.readability import located_texts

NOT_CHECKED = frozenset({"term", "organisation"})
"""The glossary itself (it names the words to avoid) and the organisation's names and roles."""


@dataclass(frozen=True)
class Avoided:
    """A word to avoid and the term to use instead."""

    word: str
    term: Term
    pattern: re.Pattern[str]


def avoided_words(terms: Iterable[Term]) -> list[Avoided]:
    """The words the glossary avoids, longest first (so ``back up`` wins over ``back``)."""
    found = [Avoided(word, term, _pattern(word)) for term in terms for word in term.avoid]
    return sorted(found, key=lambda avoided: -len(avoided.word))


def _pattern(word: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(word) + r"[\w-]*", re.IGNORECASE)


def glossary_problems(drafts: Iterable[Draft]) -> Iterator[Problem]:
    """A warning for every avoided word in a staff text, in every language with a glossary."""
    for draft in drafts:
        terms = [entry.item for entry in draft.of_kind("term") if isinstance(entry.item, Term)]
        avoided = avoided_words(terms)
        if not avoided:
            continue
        for entry in draft.entries:
            if entry.kind not in NOT_CHECKED:
                yield from _entry(entry, avoided)


def _entry(entry: Entry, avoided: list[Avoided]) -> Iterator[Problem]:
    for path, text in located_texts(entry.item):
        seen: set[str] = set()
        for item in avoided:
            for match in item.pattern.finditer(text):
                word = match.group(0)
                if word.lower() in seen or _inside_term(text, match, item.term):
                    continue
                seen.add(word.lower())
                problem = entry.problem(
                    f"'{word}': write '{item.term.term}' instead (one word per concept, see "
                    "glossary.yaml)",
                    *path,
                    warning=True,
                )
                line = _line_of_word(entry.source.path, problem.line, item.pattern)
                yield Problem(problem.file, line, problem.field, problem.message, True)


def _inside_term(text: str, match: re.Match[str], term: Term) -> bool:
    """True when the avoided word is part of the term itself (``noodradio`` in ``noodradio's``)."""
    start = text.lower().rfind(term.term.lower(), 0, match.end())
    return start != -1 and start <= match.start() < start + len(term.term)


def _line_of_word(path: Path, field_line: int, pattern: re.Pattern[str]) -> int:
    """The line the word stands on: a long text spans lines, its field starts on the first."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for number in range(field_line, min(len(lines), field_line + 40) + 1):
        if pattern.search(lines[number - 1]):
            return number
    return field_line
