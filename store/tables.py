"""SQLAlchemy tables. Alembic migrations in ``store/migrations`` create them; keep both in step."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Base class of every table."""


class Conversation(Base):
    """A conversation the bot is in (personal chat, team channel or group chat).

    ``reference`` is the SDK's conversation reference as JSON, kept so Paraat can send
    proactively later; ``active`` turns false when the app is removed.
    """

    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(1024), unique=True)
    scope: Mapped[str] = mapped_column(String(16))
    tenant_id: Mapped[str | None] = mapped_column(String(64))
    user_aad_object_id: Mapped[str | None] = mapped_column(String(64), index=True)
    team_id: Mapped[str | None] = mapped_column(String(1024), index=True)
    channel_id: Mapped[str | None] = mapped_column(String(1024))
    service_url: Mapped[str] = mapped_column(String(1024))
    reference: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean)
    installed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ConversationMember(Base):
    """A member of a team or group chat, as the channel reported them."""

    __tablename__ = "conversation_members"
    __table_args__ = (UniqueConstraint("conversation_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(1024), index=True)
    member_id: Mapped[str] = mapped_column(String(256))
    aad_object_id: Mapped[str | None] = mapped_column(String(64), index=True)
    active: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class User(Base):
    """A staff member, known only by a keyed hash of their Entra object id."""

    __tablename__ = "users"

    user_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    language: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
