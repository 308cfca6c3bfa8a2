"""Initial schema: conversations, their members, users.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the first tables."""
    op.create_table(
        "conversations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("conversation_id", sa.String(1024), nullable=False, unique=True),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("tenant_id", sa.String(64)),
        sa.Column("user_aad_object_id", sa.String(64)),
        sa.Column("team_id", sa.String(1024)),
        sa.Column("channel_id", sa.String(1024)),
        sa.Column("service_url", sa.String(1024), nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("installed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_conversations_user_aad_object_id", "conversations", ["user_aad_object_id"])
    op.create_index("ix_conversations_team_id", "conversations", ["team_id"])
    op.create_table(
        "conversation_members",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("conversation_id", sa.String(1024), nullable=False),
        sa.Column("member_id", sa.String(256), nullable=False),
        sa.Column("aad_object_id", sa.String(64)),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("conversation_id", "member_id"),
    )
    op.create_index(
        "ix_conversation_members_conversation_id", "conversation_members", ["conversation_id"]
    )
    op.create_index(
        "ix_conversation_members_aad_object_id", "conversation_members", ["aad_object_id"]
    )
    op.create_table(
        "users",
        sa.Column("user_key", sa.String(64), primary_key=True),
        sa.Column("language", sa.String(8)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Drop the first tables."""
    op.drop_table("users")
    op.drop_table("conversation_members")
    op.drop_table("conversations")
