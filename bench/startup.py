"""Each bot's start-up and memory: from starting its process until ``/readyz`` answers, and its
resident memory (RSS) then and after the turns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bench.report import markdown_table

MB = 1024 * 1024


@dataclass(frozen=True)
class Lifetime:
    """One bot process: how long it took to be ready, and its memory."""

    bot: str
    startup_seconds: float
    rss_after_startup: int
    """Bytes resident once ready."""
    rss_after_turns: int
    """Bytes resident after every measured turn."""

    def as_json(self) -> dict[str, object]:
        """For results.json."""
        return {
            "bot": self.bot,
            "startup_seconds": round(self.startup_seconds, 3),
            "rss_after_startup_mb": round(self.rss_after_startup / MB, 1),
            "rss_after_turns_mb": round(self.rss_after_turns / MB, 1),
        }


def lifetime_table(lifetimes: Sequence[Lifetime]) -> str:
    """Start-up and memory per bot, with Paraat's as a ratio of the echo bot's."""
    echo = next((life for life in lifetimes if life.bot == "echo"), None)
    rows = []
    for life in lifetimes:
        startup_ratio = life.startup_seconds / echo.startup_seconds if echo else 0.0
        rss_ratio = life.rss_after_startup / echo.rss_after_startup if echo else 0.0
        rows.append(
            [life.bot, f"{life.startup_seconds:.2f}", f"{startup_ratio:.2f}",
             f"{life.rss_after_startup / MB:.0f}", f"{rss_ratio:.2f}",
             f"{life.rss_after_turns / MB:.0f}"]
        )  # fmt: skip
    header = [
        "bot", "start to /readyz s", "÷ echo", "RSS ready MB", "÷ echo", "RSS after turns MB"
    ]  # fmt: skip
    return markdown_table(header, rows)
