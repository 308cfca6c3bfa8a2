"""Per-user preferences, keyed by the user key (a keyed hash, never the raw object id)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import bindparam, select

from store.clock import Clock, utc_now
from store.database import Database
from store.tables import User
from store.upsert import upsert


@dataclass(frozen=True)
class UserChoices:
    """What a user chose for themselves (None: not chosen)."""

    language: str | None = None
    team_id: str | None = None


_CHOICES = select(User.language, User.team_id).where(User.user_key == bindparam("p_user_key"))
"""Every turn's read, built once."""


class UserStore:
    """Reads and writes what a user chose for themselves."""

    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        """Use ``database``; ``clock`` gives the time stamps."""
        self._db = database
        self._clock = clock

    async def choices(self, user_key: str) -> UserChoices:
        """The language and team the user chose, in one read (every turn needs both)."""
        async with self._db.reading() as connection:
            row = (await connection.execute(_CHOICES, {"p_user_key": user_key})).first()
        return UserChoices(row.language, row.team_id) if row else UserChoices()

    async def choices_of(self, user_keys: Collection[str]) -> dict[str, UserChoices]:
        """The choices of many users in one read; users who chose nothing are left out."""
        query = select(User.user_key, User.language, User.team_id).where(
            User.user_key.in_(list(user_keys))
        )
        async with self._db.sessions() as session:
            rows = (await session.execute(query)).all()
        return {row.user_key: UserChoices(row.language, row.team_id) for row in rows}

    async def set_language(self, user_key: str, language: str) -> None:
        """Keep the user's language choice."""
        await self._keep(user_key, "language", language)

    async def set_team(self, user_key: str, team_id: str) -> None:
        """Keep the user's team choice."""
        await self._keep(user_key, "team_id", team_id)

    async def _keep(self, user_key: str, column: str, value: str) -> None:
        now = self._clock()
        values = {"user_key": user_key, column: value, "created_at": now, "updated_at": now}
        async with self._db.sessions.begin() as session:
            await session.execute(
                upsert(
                    self._db.dialect,
                    User,
                    values,
                    key=["user_key"],
                    update=[column, "updated_at"],
                )
            )
