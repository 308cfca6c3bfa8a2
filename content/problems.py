"""A problem in the content library: where it is (file, line, field) and what was expected."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a content file."""

    file: Path
    line: int
    field: str
    message: str
    warning: bool = False
    """A warning is printed by ``paraat content check`` but neither fails it nor stops loading."""

    def __str__(self) -> str:
        """``file:line: field: message``, the form editors and terminals link to."""
        where = f"{self.field}: " if self.field else ""
        kind = "warning: " if self.warning else ""
        return f"{self.file}:{self.line}: {where}{kind}{self.message}"


class ContentError(Exception):
    """The library has problems; all of them are in :attr:`problems`, sorted by place."""

    def __init__(self, problems: list[Problem]) -> None:
        """Collect ``problems`` (at least one)."""
        self.problems = sorted(problems)
        count = len(self.problems)
        lines = "\n".join(str(problem) for problem in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the content:\n{lines}")
