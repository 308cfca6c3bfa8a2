"""What staff can type: the command catalogue and a tolerant parser (Dutch and English)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from cards.help import HelpEntry
from cards.menu import MenuButton
from content.language import Language


@dataclass(frozen=True)
class CommandSpec:
    """A command: its canonical name, the words that call it, and its help text per language."""

    name: str
    words: dict[Language, tuple[str, ...]]
    description: dict[Language, str]
    available: bool
    button: dict[Language, str] | None = None


CATALOGUE: tuple[CommandSpec, ...] = (
    CommandSpec(
        "quiz",
        {"nl": ("quiz", "toets"), "en": ("quiz", "test")},
        {
            "nl": "5 vragen over uitval, voor jouw team",
            "en": "5 questions on outages, for your team",
        },
        available=True,
        button={"nl": "Quiz", "en": "Quiz"},
    ),
    CommandSpec(
        "briefing",
        {"nl": ("briefing", "uitleg"), "en": ("briefing",)},
        {"nl": "de laatste uitleg voor jouw team", "en": "the latest briefing for your team"},
        available=True,
        button={"nl": "Briefing", "en": "Briefing"},
    ),
    CommandSpec(
        "team",
        {"nl": ("mijn team", "team"), "en": ("my team", "team")},
        {
            "nl": "wat uitval betekent voor jouw team",
            "en": "what an outage means for your team",
        },
        available=True,
        button={"nl": "Mijn team", "en": "My team"},
    ),
    CommandSpec(
        "checklist",
        {"nl": ("checklist", "noodpakket"), "en": ("checklist", "emergency kit")},
        {
            "nl": "jouw lijst voor 72 uur zonder stroom",
            "en": "your list for 72 hours without power",
        },
        available=True,
        button={"nl": "Checklist", "en": "Checklist"},
    ),
    CommandSpec(
        "choose-team",
        {"nl": ("kies team", "ander team"), "en": ("choose team", "change team")},
        {"nl": "kies of verander je team", "en": "choose or change your team"},
        available=True,
    ),
    CommandSpec(
        "progress",
        {"nl": ("voortgang",), "en": ("progress",)},
        {"nl": "hoe ver jij bent", "en": "how far you have come"},
        available=True,
    ),
    CommandSpec(
        "data",
        {"nl": ("mijn gegevens",), "en": ("my data",)},
        {"nl": "je gegevens inzien of wissen", "en": "see or erase your data"},
        available=False,
    ),
    CommandSpec(
        "language",
        {"nl": ("taal",), "en": ("language",)},
        {
            "nl": "kies je taal: taal nederlands of taal english",
            "en": "choose your language: language english or language nederlands",
        },
        available=True,
    ),
    CommandSpec(
        "help",
        {"nl": ("hulp", "help", "?"), "en": ("help", "?")},
        {"nl": "dit overzicht", "en": "this list"},
        available=True,
        button={"nl": "Hulp", "en": "Help"},
    ),
)

_BY_NAME = {spec.name: spec for spec in CATALOGUE}

_LANGUAGE_WORDS: dict[str, Language] = {
    "nederlands": "nl",
    "dutch": "nl",
    "nl": "nl",
    "ned": "nl",
    "english": "en",
    "engels": "en",
    "en": "en",
    "eng": "en",
}


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


def _all_words() -> dict[str, str]:
    return {
        word: spec.name for spec in CATALOGUE for words in spec.words.values() for word in words
    }


OUTAGE_WORDS = frozenset(
    {
        "stroom", "stroomstoring", "stroomuitval", "uitval", "uitvalt", "storing",
        "internet", "netwerk", "power", "outage", "blackout",
    }
)  # fmt: skip
"""Words of a free question about an outage ("wat als de stroom uitvalt?"): the team's card."""


RUN = 0.85
"""Typed text this close to a command (difflib ratio) runs it: "chekclist" is the checklist."""
SUGGEST = 0.75
"""Text this close gets "did you mean ...?" instead: "qiuz" could be a typo, or something else."""


def parse(text: str) -> Command:
    """Read a command from typed text; tolerate case, accents, punctuation and small typos."""
    said = normalise(text)
    if not said:
        return Command(None)
    words = _all_words()
    # Longest phrase first, so "mijn team" wins over "team".
    for phrase in sorted(words, key=len, reverse=True):
        if said == phrase or said.startswith(phrase + " "):
            return Command(words[phrase], said[len(phrase) :].strip())
    if OUTAGE_WORDS & set(said.split()):
        return Command("team")
    head, _, rest = said.partition(" ")
    single = [word for word in words if " " not in word]
    for candidate, pool, argument in ((said, words, ""), (head, single, rest)):
        close = difflib.get_close_matches(candidate, pool, n=1, cutoff=SUGGEST)
        if close:
            similarity = difflib.SequenceMatcher(None, candidate, close[0]).ratio()
            if similarity >= RUN:  # a plain typo: do what was meant
                return Command(words[close[0]], argument)
            return Command(None, suggestion=close[0])
    return Command(None)


def language_choice(argument: str) -> Language | None:
    """The language a ``taal``/``language`` argument names, if any (typos tolerated)."""
    word = normalise(argument)
    if word in _LANGUAGE_WORDS:
        return _LANGUAGE_WORDS[word]
    close = difflib.get_close_matches(word, _LANGUAGE_WORDS, n=1, cutoff=0.7)
    return _LANGUAGE_WORDS[close[0]] if close else None


def known(name: str) -> bool:
    """True when ``name`` is a canonical command name."""
    return name in _BY_NAME


def spec(name: str) -> CommandSpec:
    """The catalogue entry for a canonical command name."""
    return _BY_NAME[name]


def help_entries(language: Language) -> list[HelpEntry]:
    """The catalogue as the help card lists it, in ``language``."""
    return [
        HelpEntry(s.words[language][0], s.description[language], s.available) for s in CATALOGUE
    ]


def menu(language: Language) -> list[MenuButton]:
    """The buttons of the welcome card, in ``language``."""
    return [MenuButton(s.button[language], s.name) for s in CATALOGUE if s.button]
