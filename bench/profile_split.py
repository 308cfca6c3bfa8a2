"""Where a profiled process spent its time, in a few named parts instead of 2,000 functions.

Each function's own time (cProfile's ``tottime``) goes to the first part whose markers occur in
its file or name; the parts add up to the whole profiled time. The profiler sees the main
thread only: SQLite's own work runs in aiosqlite's thread, so the database part is the hand-over
to that thread and SQLAlchemy around it, and the time the loop waited for it counts as waiting.
"""

from __future__ import annotations

import pstats
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

WAITING = "waiting: the event loop idle (for Teams' answers, the database thread)"
PARAAT = "Paraat's own code: delivery, outbox, sender"
OTHER = "everything else: Python's built-ins and standard library, called from all of the above"

PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (WAITING, ("select.epoll", "select.select", "/selectors.py")),
    (
        "database: SQLAlchemy, the hand-over to aiosqlite's thread",
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


def part_of(location: str, project: str) -> str:
    """The part a function belongs to.

    Args:
        location: Its file and name, e.g. ``/…/aiohttp/client.py:_request`` or
            ``~:<method 'poll' of 'select.epoll' objects>`` for a built-in.
        project: The project's folder: its code outside installed packages and the
            benchmark is Paraat's.
    """
    for name, markers in PARTS:
        if any(marker in location for marker in markers):
            return name
    ours = location.startswith(project) and "/site-packages/" not in location
    if ours and not location.startswith(f"{project}/bench/"):
        return PARAAT
    return OTHER


def split(functions: Iterable[tuple[str, float]], project: str) -> list[Part]:
    """Own time per part, largest first.

    Args:
        functions: Each function's location (see :func:`part_of`) and own time in seconds.
        project: The project's folder.
    """
    seconds: dict[str, float] = {}
    for location, own in functions:
        name = part_of(location, project)
        seconds[name] = seconds.get(name, 0.0) + own
    total = sum(seconds.values())
    parts = [Part(name, time, time / total if total else 0.0) for name, time in seconds.items()]
    return sorted(parts, key=lambda part: part.seconds, reverse=True)


def split_profile(path: Path, project: Path) -> list[Part]:
    """:func:`split` of the cProfile statistics in ``path``."""
    stats = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    functions = [(f"{file}:{name}", float(timing[2])) for (file, _, name), timing in stats.items()]
    return split(functions, str(project))
