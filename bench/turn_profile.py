"""Where one turn's time goes in the bot's process: a help message and a quiz answer, each
profiled on its own (cProfile started and stopped around just those turns, see
:class:`bench.server.Commands`) and split into named parts (:mod:`bench.profile_split`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.profile_split import Part, functions_of, split
from bench.report import markdown_table

WAITING = "waiting: the event loop idle (for the load generator, the connector, PostgreSQL)"
PARAAT = "Paraat's own code: edge, router, features, stores, cards"
OTHER = "everything else: Python's built-ins and standard library"

TURN_PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (WAITING, ("select.epoll", "select.select", "/selectors.py")),
    (
        "database: SQLAlchemy, SQLite itself, asyncpg",
        ("/sqlalchemy/", "/aiosqlite/", "/asyncpg/", "greenlet", "_queue.SimpleQueue", "sqlite3"),
    ),
    ("Agents SDK: adapter, turn context, activity handling", ("/microsoft_agents/",)),
    (
        "pydantic: the SDK's activity models, Paraat's card models and payloads",
        ("/pydantic/", "pydantic_core", "/microsoft_teams/"),
    ),
    (
        "HTTP: aiohttp server and client (the reply to the connector), URLs",
        ("/aiohttp/", "/yarl/", "/multidict/", "/propcache/", "_socket", "/ssl.py"),
    ),
    ("logging", ("/logging/",)),
    ("JSON encoding and decoding", ("/json/", "_json")),
    ("asyncio: tasks, futures, callbacks", ("/asyncio/", "_contextvars", "_asyncio")),
)
"""Each part with the markers that place a function in it, checked in this order."""


@dataclass(frozen=True)
class TurnProfile:
    """One scenario's turns under the profiler."""

    scenario: str
    turns: int
    parts: tuple[Part, ...]
    top: tuple[tuple[str, float], ...]
    """The functions with the most own time (location, share of the whole), largest first."""

    @property
    def busy_ms_per_turn(self) -> float:
        """Profiled time per turn, the loop's idle time left out (slowed by the profiler)."""
        busy = sum(part.seconds for part in self.parts if part.name != WAITING)
        return 1000 * busy / self.turns if self.turns else 0.0

    def as_json(self) -> dict[str, object]:
        """For results.json."""
        return {
            "scenario": self.scenario,
            "turns": self.turns,
            "busy_ms_per_turn": round(self.busy_ms_per_turn, 3),
            "parts": {p.name: round(p.share, 4) for p in self.parts},
            "top": [[location, round(share, 4)] for location, share in self.top],
        }


def turn_profile(scenario: str, turns: int, path: Path, project: Path, top: int = 8) -> TurnProfile:
    """The profile in ``path`` of ``turns`` turns of ``scenario``, split into parts."""
    functions = functions_of(path)
    parts = split(functions, str(project), TURN_PARTS, PARAAT, OTHER)
    busy = [(loc, own) for loc, own in functions if not any(m in loc for m in TURN_PARTS[0][1])]
    total = sum(own for _, own in functions) or 1.0
    heaviest = sorted(busy, key=lambda item: item[1], reverse=True)[:top]
    short = tuple((_short(loc, project), own / total) for loc, own in heaviest)
    return TurnProfile(scenario, turns, tuple(parts), short)


def _short(location: str, project: Path) -> str:
    for prefix in (f"{project}/.venv/lib/", f"{project}/"):
        location = location.replace(prefix, "")
    if "site-packages/" in location:
        location = location.split("site-packages/", 1)[1]
    return location


def profile_table(profile: TurnProfile) -> str:
    """The parts of one scenario's turns, largest first."""
    rows = [[part.name, f"{part.share:.0%}"] for part in profile.parts if part.share >= 0.005]
    return markdown_table([f"`{profile.scenario}`: part", "share of its time"], rows)
