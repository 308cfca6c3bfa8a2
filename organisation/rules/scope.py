"""A manager's scope: the departments and teams they are responsible for, and nothing else.

A manager of a department is responsible for everything inside it, at any depth. Staff who
manage nothing, and people Paraat does not know, have an empty scope: they see no figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from organisation.rules.chart import Chart, Manager


@dataclass(frozen=True)
class Scope:
    """What one person may see figures of.

    Attributes:
        departments: Department ids, the sub-departments included.
        teams: Team ids, those inside the departments included.
    """

    departments: frozenset[str] = frozenset()
    teams: frozenset[str] = frozenset()

    @property
    def is_manager(self) -> bool:
        """True when the person is responsible for at least one department or team."""
        return bool(self.departments or self.teams)

    def covers(self, unit_id: str) -> bool:
        """True when ``unit_id`` (a department or a team) is within the scope."""
        return unit_id in self.departments or unit_id in self.teams


NO_SCOPE = Scope()
"""The scope of staff who manage nothing, and of anyone unknown."""


def scope_of(chart: Chart, managers: Iterable[Manager], object_id: str | None) -> Scope:
    """The departments and teams the person with ``object_id`` manages, transitively.

    Args:
        chart: The organisation's departments and teams.
        managers: Who manages which department or team.
        object_id: The person's Entra object id (from the activity, never from card data).

    Returns:
        Their scope; :data:`NO_SCOPE` for staff, an unknown person or no id at all.
    """
    if not object_id:
        return NO_SCOPE
    wanted = object_id.strip().lower()
    departments: set[str] = set()
    teams: set[str] = set()
    for manager in managers:
        unit = chart.units.get(manager.unit_id)
        if manager.object_id != wanted or unit is None:
            continue
        for inside in (unit, *chart.below(unit.id)):
            (departments if inside.kind == "department" else teams).add(inside.id)
    return Scope(frozenset(departments), frozenset(teams))
