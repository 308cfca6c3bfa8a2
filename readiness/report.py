"""The rows of a readiness report: every department and team someone may see, each with its
figures or as too small to show, never a person.

Rows follow the organisation (a department, what it holds, then its ``other`` people when those
are shown). A unit the week's publication holds no figures for is too small to show: the
rules left it out, alone or folded into its parent.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from readiness.access import Asker, may_see
from readiness.rules.disclosure import GroupKind, Unit
from readiness.rules.score import Figures
from readiness.week import Week


class UnknownUnit(LookupError):
    """No department or team has this id."""


@dataclass(frozen=True)
class ReportRow:
    """One row of the report.

    Attributes:
        kind: ``organisation``, ``department``, ``team`` or ``other`` (the rest of a
            department: people in its teams that are too small to show).
        id: The department's or team's id; None for the organisation and ``other``.
        name: Its name; None for the organisation and ``other``.
        parent: The department it lies in; None at the top.
        depth: 0 for the organisation, 1 inside it, and so on.
        figures: Its figures; None: too small to show.
    """

    kind: GroupKind
    id: str | None
    name: str | None
    parent: str | None
    depth: int
    figures: Figures | None

    @property
    def shown(self) -> bool:
        """Whether the row has figures."""
        return self.figures is not None


def report_rows(week: Week, asker: Asker, unit_id: str | None = None) -> tuple[ReportRow, ...]:
    """The rows ``asker`` may see, of the whole organisation or of ``unit_id`` and what it holds.

    Raises:
        UnknownUnit: when ``unit_id`` is neither a department nor a team.
        PermissionError: when ``asker`` may not see ``unit_id`` (or the organisation).
    """
    if unit_id is not None and unit_id not in week.parents:
        raise UnknownUnit(unit_id)
    if not may_see(asker, unit_id, week.parents):
        raise PermissionError("not allowed to see the readiness of this part")
    if unit_id is None:
        top = ReportRow(
            "organisation", None, None, None, 0, week.publication.group("organisation", None)
        )
        rows = [top, *_walk(week, week.organisation, None, 1)]
        rest = week.publication.group("other", None, None)
        if rest is not None:
            rows.append(ReportRow("other", None, None, None, 1, rest))
    else:
        unit, parent, depth = _find(week.organisation, unit_id, None, 1)
        rows = list(_walk(week, (unit,), parent, depth))
    return tuple(row for row in rows if _allowed(asker, row, week))


def _allowed(asker: Asker, row: ReportRow, week: Week) -> bool:
    unit = row.parent if row.kind == "other" else row.id
    return may_see(asker, unit, week.parents)


def _walk(
    week: Week, units: tuple[Unit, ...], parent: str | None, depth: int
) -> Iterator[ReportRow]:
    for unit in units:
        figures = week.publication.group(unit.kind, unit.id, parent)
        yield ReportRow(unit.kind, unit.id, unit.name, parent, depth, figures)
        if unit.kind == "department":
            yield from _walk(week, unit.units, unit.id, depth + 1)
            rest = week.publication.group("other", None, unit.id)
            if rest is not None:
                yield ReportRow("other", None, None, unit.id, depth + 1, rest)


def _find(
    units: tuple[Unit, ...], unit_id: str, parent: str | None, depth: int
) -> tuple[Unit, str | None, int]:
    for unit in units:
        if unit.id == unit_id:
            return unit, parent, depth
        if unit.units:
            try:
                return _find(unit.units, unit_id, unit.id, depth + 1)
            except UnknownUnit:
                continue
    raise UnknownUnit(unit_id)
