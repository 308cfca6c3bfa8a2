"""Read receipts: per personal chat, the last message the person read, as Teams told it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-15
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the read receipts table."""
    op.create_table(
        "read_receipts",
        sa.Column("conversation_id", sa.String(1024), primary_key=True),
        sa.Column("last_read_message_id", sa.BigInteger, nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Drop the read receipts table."""
    op.drop_table("read_receipts")
