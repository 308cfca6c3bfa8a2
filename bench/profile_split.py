"""Where a profiled process spent its time, in a few named parts instead of 2,000 functions.

Each function's own time (cProfile's ``tottime``) goes to the first part whose markers occur in
its file or name; the parts add up to the whole profiled time. The profiler sees the main
thread only; SQLite runs on it (``store/database.py``), so the database part is SQLAlchemy and
SQLite's own work.
"""

from __future__ import annotations

import pstats
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

WAITING = "waiting: the event loop idle (for Teams' answers)"
PARAAT = "Paraat's own code: delivery, outbox, sender"
OTHER = "everything else: Python's built-ins and standard library, called from all of the above"

PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (WAITING, ("select.epoll", "select.select", "/selectors.py")),
    (
        "database: SQLAlchemy and SQLite",
        ("/sqlalchemy/", "/aiosqlite/", "greenlet", "_queue.SimpleQueue", "sqlite3"),
    ),
    (
        "Agents SDK and pydantic: the activity and the connector client",
        ("/microsoft_agents/", "/pydantic/", "pydantic_core", "/opentelemetry/"),
    ),
    (
        "HTTP client: aiohttp, URLs, sockets",
        ("/aiohttp/", "/yarl/", "/multidict/", "/propcache/", "_socket", "/ssl.py"),
    ),
    ("JSON encoding and decoding", ("/json/", "_json")),
    ("asyncio: tasks, futures, callbacks", ("/asyncio/", "_contextvars", "_asyncio")),
)
"""Each part with the markers that place a function in it, checked in this order."""


@dataclass(frozen=True)
class Part:
    """One part of the profiled time."""

    name: str
    seconds: float
    share: float
    """Fraction of the whole profiled time."""


Parts = tuple[tuple[str, tuple[str, ...]], ...]


def part_of(
    location: str, project: str, parts: Parts = PARTS, paraat: str = PARAAT, other: str = OTHER
) -> str:
    """The part a function belongs to.

    Args:
        location: Its file and name, e.g. ``/…/aiohttp/client.py:_request`` or
            ``~:<method 'poll' of 'select.epoll' objects>`` for a built-in.
        project: The project's folder: its code outside installed packages and the
            benchmark is Paraat's.
        parts: The named parts and their markers, checked in order.
        paraat: The name of Paraat's own part; ``other``: of everything else.
    """
    for name, markers in parts:
        if any(marker in location for marker in markers):
            return name
    ours = location.startswith(project) and "/site-packages/" not in location
    if ours and not location.startswith(f"{project}/bench/"):
        return paraat
    return other


def split(
    functions: Iterable[tuple[str, float]],
    project: str,
    parts: Parts = PARTS,
    paraat: str = PARAAT,
    other: str = OTHER,
) -> list[Part]:
    """Own time per part, largest first.

    Args:
        functions: Each function's location (see :func:`part_of`) and own time in seconds.
        project: The project's folder.
        parts: As for :func:`part_of`; ``paraat`` and ``other`` name the remaining parts.
    """
    seconds: dict[str, float] = {}
    for location, own in functions:
        name = part_of(location, project, parts, paraat, other)
        seconds[name] = seconds.get(name, 0.0) + own
    total = sum(seconds.values())
    found = [Part(name, time, time / total if total else 0.0) for name, time in seconds.items()]
    return sorted(found, key=lambda part: part.seconds, reverse=True)


def functions_of(path: Path) -> list[tuple[str, float]]:
    """Each function's location and own time in the cProfile statistics in ``path``."""
    stats = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    return [(f"{file}:{name}", float(timing[2])) for (file, _, name), timing in stats.items()]


def split_profile(
    path: Path, project: Path, parts: Parts = PARTS, paraat: str = PARAAT, other: str = OTHER
) -> list[Part]:
    """:func:`split` of the cProfile statistics in ``path``."""
    return split(functions_of(path), str(project), parts, paraat, other)
