"""Who may see the readiness of which part of the organisation: one pure decision.

A manager sees the departments and teams they manage and everything inside them, at any depth;
the administrator at the command line sees everything; everyone else sees nothing. Being a
communications author grants nothing here (docs/privacy.md, "Recipients"). The manager's units
come in as plain ids, so this needs nothing from :mod:`organisation`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from readiness.rules.publication import PublishedGroup


@dataclass(frozen=True)
class Asker:
    """Who asks to see readiness figures.

    Attributes:
        administrator: The functional administrator at the command line (never a Teams user:
            nothing in an activity can make this true).
        manages: The ids of the departments and teams the person is named manager of (their
            scope may be passed whole: what lies inside is found here anyway).
        author: Whether the person is a communications author; it grants nothing here.
    """

    administrator: bool = False
    manages: frozenset[str] = frozenset()
    author: bool = False


ADMINISTRATOR = Asker(administrator=True)
"""The command line: ``paraat readiness report``."""


def may_see(asker: Asker, unit_id: str | None, parents: Mapping[str, str | None]) -> bool:
    """Whether ``asker`` may see the readiness of ``unit_id``.

    Args:
        asker: Who asks.
        unit_id: A department or team; None for the whole organisation.
        parents: Each department's and team's parent department (None at the top).

    Returns:
        True for the administrator; for a manager, when the unit is one they manage or lies
        inside one; False for anything else, an unknown unit and the whole organisation.
    """
    if asker.administrator:
        return True
    if unit_id is None or unit_id not in parents:
        return False
    current: str | None = unit_id
    seen: set[str] = set()
    while current is not None and current not in seen:  # a cycle must not loop forever
        if current in asker.manages:
            return True
        seen.add(current)
        current = parents.get(current)
    return False


def may_see_group(asker: Asker, group: PublishedGroup, parents: Mapping[str, str | None]) -> bool:
    """Whether ``asker`` may see a published row: an ``other`` row belongs to its department
    (at the top, to the organisation)."""
    if group.kind == "organisation":
        return may_see(asker, None, parents)
    if group.kind == "other":
        return may_see(asker, group.parent, parents)
    return may_see(asker, group.id, parents)


def visible(
    asker: Asker, groups: Iterable[PublishedGroup], parents: Mapping[str, str | None]
) -> tuple[PublishedGroup, ...]:
    """The published rows ``asker`` may see, in their order."""
    return tuple(group for group in groups if may_see_group(asker, group, parents))
