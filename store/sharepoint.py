"""The pages Paraat keeps on the SharePoint site: one row per page, written after every step.

Each step of a publish is recorded as soon as it succeeded (the page's id once found or
created, the draft's hash, the promotion, the publication), so a run that stops halfway
resumes where it was and never creates a page twice.
"""

from __future__ import annotations

from sqlalchemy import select

from store import tables
from store.clock import Clock, utc_now
from store.database import Database
from store.sql import table
from store.upsert import upsert
from sync.rules.plan import Recorded, State

_TARGETS = table(tables.SharePointTarget)
_FIELDS = (
    "name", "page_id", "state", "target_hash", "draft_hash", "item_hash", "promoted", "news",
    "error", "updated_at",
)  # fmt: skip


class SharePointStore:
    """Reads and writes the recorded state of the site's pages."""

    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        """Use ``database``; ``clock`` gives the time stamps."""
        self._db = database
        self._clock = clock

    async def targets(self, site: str) -> list[Recorded]:
        """Every page recorded for ``site`` (its URL), in key order."""
        query = select(_TARGETS).where(_TARGETS.c.site == site).order_by(_TARGETS.c.key)
        async with self._db.sessions() as session:
            rows = (await session.execute(query)).mappings().all()
        return [
            Recorded(
                key=row["key"],
                name=row["name"],
                page_id=row["page_id"],
                state=State(row["state"]),
                target_hash=row["target_hash"],
                draft_hash=row["draft_hash"],
                item_hash=row["item_hash"],
                promoted=bool(row["promoted"]),
                news=bool(row["news"]),
                error=row["error"],
            )  # fmt: skip
            for row in rows
        ]

    async def save(self, site: str, record: Recorded) -> None:
        """Keep ``record`` as the page's state on ``site`` (insert or replace)."""
        values = {
            "site": site, "key": record.key, "name": record.name, "page_id": record.page_id,
            "state": record.state.value, "target_hash": record.target_hash,
            "draft_hash": record.draft_hash, "item_hash": record.item_hash,
            "promoted": record.promoted, "news": record.news, "error": record.error,
            "updated_at": self._clock(),
        }  # fmt: skip
        statement = upsert(
            self._db.dialect, tables.SharePointTarget, values, key=("site", "key"), update=_FIELDS
        )
        async with self._db.sessions.begin() as session:
            await session.execute(statement)
