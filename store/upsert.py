"""One upsert for both databases: ``INSERT … ON CONFLICT DO UPDATE`` in their own dialects."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.dml import Insert


def dialect_insert(dialect: str, table: Table) -> postgresql.Insert | sqlite.Insert:
    """An INSERT in the dialect's own flavour, which knows ``ON CONFLICT``."""
    return postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)


def upsert(
    dialect: str,
    table: Table,
    values: Mapping[str, Any],
    *,
    key: Sequence[str],
    update: Sequence[str],
) -> Insert:
    """Insert ``values``; on a clash on the unique ``key`` columns update only ``update``."""
    statement = dialect_insert(dialect, table).values(**values)
    return statement.on_conflict_do_update(
        index_elements=list(key),
        set_={column: statement.excluded[column] for column in update},
    )
