"""Content as read from one language folder, before the library accepts it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from content.language import Language
from content.messages import field_path
from content.problems import Problem
from content.yaml_source import Location, SourceFile

ONE_PER_FILE = {"scenario": "scenarios", "briefing": "briefings", "team": "teams"}
"""Kinds kept one item per file, the file named after the item's id."""
MANY_PER_FILE = {
    "question": "quiz",
    "place": "places.yaml",
    "organisation": "organisation.yaml",
    "term": "glossary.yaml",
}
"""Kinds kept many to a file (a folder of such files, or one file)."""


@dataclass(frozen=True)
class Entry:
    """One item as read: its kind, key, object, and where it stands."""

    kind: str
    key: str
    item: BaseModel
    source: SourceFile
    location: Location

    def problem(self, message: str, *path: str | int, warning: bool = False) -> Problem:
        """A problem at ``path`` inside this item (a warning does not stop the library)."""
        where = (*self.location, *path)
        return Problem(
            self.source.path, self.source.line_of(where), field_path(where), message, warning
        )


@dataclass
class Draft:
    """Everything read from one language folder, before it is accepted."""

    language: Language
    folder: Path
    entries: list[Entry] = field(default_factory=list)
    unreadable_files: set[Path] = field(default_factory=set)

    def unreadable(self, name: str) -> bool:
        """True when the file ``name`` in this folder exists but could not be read."""
        return self.folder / name in self.unreadable_files

    def of_kind(self, kind: str) -> list[Entry]:
        """The entries of one kind, in reading order."""
        return [entry for entry in self.entries if entry.kind == kind]

    def keys(self, kind: str) -> set[str]:
        """The keys (ids) of one kind."""
        return {entry.key for entry in self.of_kind(kind)}

    def known(self, kind: str) -> set[str] | None:
        """The ids of a kind that references may name, counting a file that could not be read
        by its name (one item per file), or None when such a file could hold any id."""
        ids = self.keys(kind)
        for path in self.unreadable_files:
            if path.parent.name == ONE_PER_FILE.get(kind):
                ids.add(path.stem)
            elif path.parent.name == MANY_PER_FILE.get(kind) or path.name == MANY_PER_FILE.get(
                kind
            ):
                return None  # the lost file may have held the id: say nothing rather than guess
        return ids
