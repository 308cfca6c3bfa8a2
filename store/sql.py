"""Typed bridges to SQLAlchemy where its own annotations are wider than what Paraat uses."""

from __future__ import annotations

from typing import Any

from sqlalchemy import CursorResult, Result, Table

from store.tables import Base


def table(model: type[Base]) -> Table:
    """The table of a mapped class (SQLAlchemy annotates it as any ``FromClause``).

    Args:
        model: A class from :mod:`store.tables`.

    Returns:
        Its :class:`~sqlalchemy.Table`.

    Raises:
        TypeError: when the class is mapped to something other than a table.
    """
    mapped = model.__table__
    if not isinstance(mapped, Table):
        raise TypeError(f"{model.__name__} is not mapped to a table")
    return mapped


def rowcount(result: Result[Any]) -> int:
    """How many rows an INSERT, UPDATE or DELETE changed.

    Args:
        result: What ``session.execute`` returned for that statement.

    Returns:
        The number of rows the statement changed.

    Raises:
        TypeError: for the result of a query, which has no row count.
    """
    if not isinstance(result, CursorResult):
        raise TypeError("only the result of an INSERT, UPDATE or DELETE has a row count")
    return result.rowcount
