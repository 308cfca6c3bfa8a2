"""SharePoint: the pages Paraat keeps on the communication site, with their state and hashes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the SharePoint targets table."""
    op.create_table(
        "sharepoint_targets",
        sa.Column("site", sa.String(400), primary_key=True),
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("page_id", sa.Integer),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("target_hash", sa.String(64)),
        sa.Column("draft_hash", sa.String(64)),
        sa.Column("item_hash", sa.String(64)),
        sa.Column("promoted", sa.Boolean, nullable=False),
        sa.Column("news", sa.Boolean, nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Drop the SharePoint targets table."""
    op.drop_table("sharepoint_targets")
