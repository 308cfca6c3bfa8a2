"""Where the bot is installed: conversation references and members, kept across restarts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select, update

from store.clock import Clock, aware, utc_now
from store.database import Database
from store.sql import rowcount
from store.tables import Conversation, ConversationMember
from store.upsert import dialect_insert, upsert


@dataclass(frozen=True)
class ConversationRecord:
    """What Paraat keeps of a conversation it was added to."""

    conversation_id: str
    scope: str
    service_url: str
    reference: str
    tenant_id: str | None = None
    user_aad_object_id: str | None = None
    team_id: str | None = None
    channel_id: str | None = None


@dataclass(frozen=True)
class MemberRecord:
    """A member of a team or group chat: channel account id and Entra object id."""

    member_id: str
    aad_object_id: str | None = None


@dataclass(frozen=True)
class StoredConversation:
    """A conversation as stored, with its state."""

    record: ConversationRecord
    active: bool
    installed_at: datetime
    removed_at: datetime | None


class ConversationStore:
    """Records installs and removals; a repeated event changes nothing twice."""

    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        """Use ``database``; ``clock`` gives the time stamps."""
        self._db = database
        self._clock = clock

    @property
    def database(self) -> Database:
        """The database the conversations are kept in."""
        return self._db

    async def save_active(self, record: ConversationRecord) -> bool:
        """Insert or refresh a conversation as active; True when it was not active before.

        Each step is one atomic statement, so when two events for the same install race
        (Teams sends both ``installationUpdate`` and ``conversationUpdate``), one wins.
        """
        now = self._clock()
        fields = dict(record.__dict__)
        fields.pop("conversation_id")
        insert = (
            dialect_insert(self._db.dialect, Conversation)
            .values(
                conversation_id=record.conversation_id,
                **fields,
                active=True,
                installed_at=now,
                updated_at=now,
                removed_at=None,
            )
            .on_conflict_do_nothing(index_elements=["conversation_id"])
        )
        this = Conversation.conversation_id == record.conversation_id
        reactivate = (
            update(Conversation)
            .where(this, Conversation.active.is_(False))
            .values(**fields, active=True, updated_at=now, removed_at=None)
        )
        refresh = update(Conversation).where(this).values(**fields, updated_at=now)
        async with self._db.sessions.begin() as session:
            if rowcount(await session.execute(insert)):
                return True
            if rowcount(await session.execute(reactivate)):
                return True
            await session.execute(refresh)
        return False

    async def mark_removed(self, conversation_id: str, team_id: str | None = None) -> None:
        """Mark a conversation inactive, and with ``team_id`` every channel of that team."""
        now = self._clock()
        match = Conversation.conversation_id == conversation_id
        if team_id:
            match = or_(match, Conversation.team_id == team_id)
        statement = (
            update(Conversation)
            .where(match, Conversation.active.is_(True))
            .values(active=False, removed_at=now, updated_at=now)
        )
        async with self._db.sessions.begin() as session:
            await session.execute(statement)

    async def save_members(
        self, conversation_id: str, members: Iterable[MemberRecord], *, active: bool
    ) -> None:
        """Record members joining (``active``) or leaving a conversation."""
        now = self._clock()
        async with self._db.sessions.begin() as session:
            for member in members:
                values = {
                    "conversation_id": conversation_id,
                    "member_id": member.member_id,
                    "aad_object_id": member.aad_object_id,
                    "active": active,
                    "updated_at": now,
                }
                await session.execute(
                    upsert(
                        self._db.dialect,
                        ConversationMember,
                        values,
                        key=["conversation_id", "member_id"],
                        update=["aad_object_id", "active", "updated_at"],
                    )
                )

    async def get(self, conversation_id: str) -> StoredConversation | None:
        """The stored conversation, or None."""
        async with self._db.sessions() as session:
            row = await session.scalar(
                select(Conversation).where(Conversation.conversation_id == conversation_id)
            )
        return _stored(row) if row else None

    async def all(self, *, active_only: bool = False) -> list[StoredConversation]:
        """Every stored conversation, oldest install first."""
        query = select(Conversation).order_by(Conversation.id)
        if active_only:
            query = query.where(Conversation.active.is_(True))
        async with self._db.sessions() as session:
            rows = (await session.scalars(query)).all()
        return [_stored(row) for row in rows]

    async def members(self, conversation_id: str) -> list[MemberRecord]:
        """The active members of a conversation."""
        query = (
            select(ConversationMember)
            .where(
                ConversationMember.conversation_id == conversation_id,
                ConversationMember.active.is_(True),
            )
            .order_by(ConversationMember.id)
        )
        async with self._db.sessions() as session:
            rows = (await session.scalars(query)).all()
        return [MemberRecord(row.member_id, row.aad_object_id) for row in rows]


def _stored(row: Conversation) -> StoredConversation:
    record = ConversationRecord(
        conversation_id=row.conversation_id,
        scope=row.scope,
        service_url=row.service_url,
        reference=row.reference,
        tenant_id=row.tenant_id,
        user_aad_object_id=row.user_aad_object_id,
        team_id=row.team_id,
        channel_id=row.channel_id,
    )
    removed_at = aware(row.removed_at) if row.removed_at else None
    return StoredConversation(record, row.active, aware(row.installed_at), removed_at)
