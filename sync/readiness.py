"""What publishing needs to put the readiness figures on the site: the rows of the week that
ended last, as ``paraat readiness report`` shows them.

``sync`` and ``readiness`` are features on one floor and may not import each other, so the rows
are handed in: :class:`ReadinessSource` is built from ``readiness`` by ``wiring`` (for the bot)
and ``cli`` (for ``paraat sync sharepoint``); tests hand in a fake. Without a source a run
leaves the readiness list as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from content.language import Language


@dataclass(frozen=True)
class ReadinessRow:
    """One row of the readiness report, plain: a group's figures, or none (too small to show).

    Attributes:
        kind: ``organisation``, ``department``, ``team`` or ``other`` (the rest of a
            department).
        id: The department's or team's id; None for the organisation and ``other``.
        name: Its name; None for the organisation and ``other``.
        parent: The department it lies in; None at the top.
        depth: 0 for the organisation, 1 inside it, and so on.
        score: The score (0 to 100); None: too small to show (then every figure is None).
        band: The score's band in words (``vastgelegd``); None when too small to show.
        process: The process part (0 to 100).
        knowledge: The knowledge part (0 to 100).
        reach: The reach part (0 to 100).
    """

    kind: str
    id: str | None
    name: str | None
    parent: str | None
    depth: int
    score: int | None = None
    band: str | None = None
    process: int | None = None
    knowledge: int | None = None
    reach: int | None = None

    @property
    def shown(self) -> bool:
        """Whether the row has figures."""
        return self.score is not None


@dataclass(frozen=True)
class ReadinessWeek:
    """The rows of one published week.

    Attributes:
        monday: The Monday the week starts on.
        rows: Every row, in the report's order (a department, what it holds, its others).
    """

    monday: date
    rows: tuple[ReadinessRow, ...]


class ReadinessSource(Protocol):
    """Gives the readiness rows of the week that ended last, with the rules' suppression."""

    async def week(self, language: Language) -> ReadinessWeek | None:
        """The last ended week's rows as the administrator's report shows them, the bands in
        ``language``; None when there is no such week to show (the list is left as it is)."""
        ...
