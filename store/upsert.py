"""One upsert for both databases: ``INSERT … ON CONFLICT DO UPDATE`` in their own dialects."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.dml import Insert

from store.sql import table
from store.tables import Base


def dialect_insert(dialect: str, model: type[Base]) -> postgresql.Insert | sqlite.Insert:
    """An INSERT into ``model``'s table in the dialect's own flavour, which knows ``ON CONFLICT``.

    Args:
        dialect: ``"postgresql"`` or ``"sqlite"``.
        model: A class from :mod:`store.tables`.

    Returns:
        The dialect's INSERT statement.
    """
    into = table(model)
    return postgresql.insert(into) if dialect == "postgresql" else sqlite.insert(into)


def upsert(
    dialect: str,
    model: type[Base],
    values: Mapping[str, Any],
    *,
    key: Sequence[str],
    update: Sequence[str],
) -> Insert:
    """Insert ``values``; on a clash on the unique ``key`` columns update only ``update``.

    Args:
        dialect: ``"postgresql"`` or ``"sqlite"``.
        model: A class from :mod:`store.tables`.
        values: The row to insert, by column name.
        key: Columns of a unique constraint that decide a clash.
        update: Columns to overwrite from ``values`` on a clash.

    Returns:
        The statement, to execute in a session.
    """
    statement = dialect_insert(dialect, model).values(**values)
    return statement.on_conflict_do_update(
        index_elements=list(key),
        set_={column: statement.excluded[column] for column in update},
    )
