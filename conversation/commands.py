"""What staff can type: how a command is declared, every feature's commands in one catalogue, and
a tolerant parser."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cards.help import HelpEntry
from cards.menu import MenuButton
from content.language import Language

RUN = 0.85
"""Typed text this close to a command (difflib ratio) runs it: "chekclist" is the checklist."""
SUGGEST = 0.75
"""Text this close gets "did you mean ...?" instead: "qiuz" could be a typo, or something else."""


@dataclass(frozen=True)
class CommandSpec:
    """A text command: its canonical name, the words that call it, and its help per language.

    Attributes:
        name: The canonical name (also what menu buttons send).
        words: The words per language; the first is the one the help card shows.
        description: One line for the help card, per language.
        needs_team: In a personal chat, the person's team must be known first: Paraat asks for
            it (the ``choose-team`` command) and then runs this command.
        button: The label of its button on the welcome card, if it has one.
        topic_words: Words of a free question this command answers ("wat als de stroom
            uitvalt?" shows the team's outage card).
    """

    name: str
    words: Mapping[Language, tuple[str, ...]]
    description: Mapping[Language, str]
    needs_team: bool = False
    button: Mapping[Language, str] | None = None
    topic_words: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Command:
    """What the user asked for: a known command (``name``) with its argument, or unknown text."""

    name: str | None
    argument: str = ""
    suggestion: str | None = None


def normalise(text: str) -> str:
    """Lower case, no accents, single spaces, no punctuation around words (keeps a lone '?')."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    if folded.strip() == "?":
        return "?"
    return " ".join(re.sub(r"[^\w\s?]", " ", folded).replace("?", " ").split())


class Catalogue:
    """The commands of every feature, in the order the features were registered."""

    def __init__(self, specs: Iterable[CommandSpec]) -> None:
        """Collect ``specs``; a name or a word used twice is an error in the declarations.

        Raises:
            ValueError: naming the command or word declared twice.
        """
        self.specs = tuple(specs)
        self._by_name: dict[str, CommandSpec] = {}
        self._words: dict[str, str] = {}
        self._topics: dict[str, str] = {}
        for spec in self.specs:
            if spec.name in self._by_name:
                raise ValueError(f"the command {spec.name!r} is declared twice")
            self._by_name[spec.name] = spec
            for word in {w for words in spec.words.values() for w in words}:
                if word in self._words:
                    raise ValueError(f"{word!r} calls both {self._words[word]!r} and {spec.name!r}")
                self._words[word] = spec.name
            self._topics.update(dict.fromkeys(spec.topic_words, spec.name))
        # Longest phrase first, so "mijn team" wins over "team".
        self._phrases = sorted(self._words, key=len, reverse=True)
        self._single = [word for word in self._words if " " not in word]

    def known(self, name: str) -> bool:
        """True when ``name`` is a canonical command name."""
        return name in self._by_name

    def spec(self, name: str) -> CommandSpec:
        """The declaration of a canonical command name."""
        return self._by_name[name]

    def parse(self, text: str) -> Command:
        """Read a command from typed text; tolerate case, accents, punctuation and small typos."""
        said = normalise(text)
        if not said:
            return Command(None)
        for phrase in self._phrases:
            if said == phrase or said.startswith(phrase + " "):
                return Command(self._words[phrase], said[len(phrase) :].strip())
        for word in said.split():
            if word in self._topics:
                return Command(self._topics[word])
        head, _, rest = said.partition(" ")
        for candidate, pool, argument in ((said, self._phrases, ""), (head, self._single, rest)):
            close = difflib.get_close_matches(candidate, pool, n=1, cutoff=SUGGEST)
            if close:
                similarity = difflib.SequenceMatcher(None, candidate, close[0]).ratio()
                if similarity >= RUN:  # a plain typo: do what was meant
                    return Command(self._words[close[0]], argument)
                return Command(None, suggestion=close[0])
        return Command(None)

    def help_entries(self, language: Language) -> list[HelpEntry]:
        """The commands as the help card lists them, in ``language``."""
        return [HelpEntry(s.words[language][0], s.description[language]) for s in self.specs]

    def menu(self, language: Language) -> list[MenuButton]:
        """The buttons of the welcome card, in ``language``."""
        return [MenuButton(s.button[language], s.name) for s in self.specs if s.button]
