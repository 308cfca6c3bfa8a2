"""The imported organisation: departments and teams, members by user key, managers, imports.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the organisation's tables."""
    op.create_table(
        "org_units",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("parent_id", sa.String(64), nullable=True),
    )
    op.create_table(
        "org_members",
        sa.Column("person_key", sa.String(64), primary_key=True),
        sa.Column("team_id", sa.String(64), nullable=False),
        sa.Column("by_upn", sa.Boolean, nullable=False),
    )
    op.create_index("ix_org_members_team_id", "org_members", ["team_id"])
    op.create_table(
        "org_managers",
        sa.Column("object_id", sa.String(64), primary_key=True),
        sa.Column("unit_id", sa.String(64), primary_key=True),
    )
    op.create_table(
        "org_imports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("added", sa.Integer, nullable=False),
        sa.Column("moved", sa.Integer, nullable=False),
        sa.Column("removed", sa.Integer, nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Drop the organisation's tables."""
    op.drop_table("org_imports")
    op.drop_table("org_managers")
    op.drop_index("ix_org_members_team_id", table_name="org_members")
    op.drop_table("org_members")
    op.drop_table("org_units")
