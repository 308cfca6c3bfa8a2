"""The readiness figures on the site: one item per row of ``paraat readiness report`` in the
list :data:`READINESS_LIST`, for the week that ended last.

An item is a target like a page (``readiness:<row>``), found on the site by its column
:data:`KEY_FIELD` (``organisation``, ``unit:<id>``, ``other:<department>``, ``other`` at the
top), so a new week or a changed figure updates the same item. Its hash covers every field
written, so a run with nothing changed writes nothing. A row too small to show carries no
number at all, only the words :data:`TOO_SMALL`; a person is never a row.

Dutch only: the list is one table for the whole organisation, and its column names are Dutch.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sync.readiness import ReadinessRow
from sync.rules.pages import digest

READINESS_LIST = "Paraatheid"
"""The list's title (and its URL segment, ``<site>/Lists/Paraatheid``)."""
KEY_FIELD = "ParaatKey"
"""The column holding each item's key, by which Paraat finds it."""
ITEM_KINDS = frozenset({"readiness"})
"""Target kinds that are items in a list."""
TOO_SMALL = "te klein om te tonen"
"""What a row too small to show says instead of figures (as the manager's card in Teams)."""
COLUMNS = (
    "Title", KEY_FIELD, "Week", "Soort", "Afdeling", "Volgorde", "Score", "Niveau", "Proces",
    "Kennis", "Bereik",
)  # fmt: skip
"""The list's columns (their internal names), created once by hand (docs/operations.md)."""

_KINDS = {"organisation": "organisatie", "department": "afdeling", "team": "team",
          "other": "overig"}  # fmt: skip
_WHOLE = "Hele organisatie"
_OTHERS = "Overige mensen van {unit}"
_OTHERS_TOP = "Overige mensen"


@dataclass(frozen=True)
class ItemSpec:
    """One list item as it should be on the site.

    Attributes:
        key: Unique per item: ``readiness:<its key>``.
        name: Its key in the list's :data:`KEY_FIELD` column, e.g. ``unit:burgerzaken``.
        title: Its title: the department's or team's name.
        fields: Every column written, by internal name.
    """

    key: str
    name: str
    title: str
    fields: Mapping[str, Any]

    language = "nl"
    """The list is Dutch only."""
    news = False
    """An item is never a news post (so an action's spec reads alike for every target)."""

    @property
    def item_hash(self) -> str:
        """The hash of what is written (the item is its own content item)."""
        return self.hash

    @property
    def hash(self) -> str:
        """The hash of every field written."""
        return digest(dict(self.fields))


def is_item_key(key: str) -> bool:
    """True for the key of a list item."""
    return key.split(":", 1)[0] in ITEM_KINDS


def row_key(row: ReadinessRow) -> str:
    """A row's key in the list: ``organisation``, ``unit:<id>``, ``other:<department>`` or
    ``other`` (the rest of the organisation)."""
    if row.kind == "organisation":
        return "organisation"
    if row.kind == "other":
        return f"other:{row.parent}" if row.parent else "other"
    return f"unit:{row.id}"


def readiness_items(monday: date, rows: tuple[ReadinessRow, ...]) -> list[ItemSpec]:
    """One item per row, in the report's order.

    Args:
        monday: The week's Monday.
        rows: The rows, as the administrator's report shows them (two rows with one key are
            caught by the plan, before anything is written).
    """
    names = {row.id: row.name or row.id for row in rows if row.id is not None}
    items: list[ItemSpec] = []
    for order, row in enumerate(rows, start=1):
        key = row_key(row)
        title = _title(row, names)
        department = names.get(row.parent, row.parent) if row.parent else None
        fields: dict[str, Any] = {
            "Title": title, KEY_FIELD: key, "Week": monday.isoformat(), "Soort": _KINDS[row.kind],
            "Afdeling": department, "Volgorde": order,
        }  # fmt: skip
        if row.score is None:
            # Too small to show: no figure at all, not even a part.
            fields |= {"Score": None, "Niveau": TOO_SMALL, "Proces": None, "Kennis": None,
                       "Bereik": None}  # fmt: skip
        else:
            fields |= {"Score": row.score, "Niveau": row.band, "Proces": row.process,
                       "Kennis": row.knowledge, "Bereik": row.reach}  # fmt: skip
        items.append(ItemSpec(f"readiness:{key}", key, title, fields))
    return items


def _title(row: ReadinessRow, names: Mapping[str, str]) -> str:
    if row.kind == "organisation":
        return _WHOLE
    if row.kind == "other":
        return _OTHERS.format(unit=names.get(row.parent, row.parent)) if row.parent else _OTHERS_TOP
    return row.name or row.id or ""
