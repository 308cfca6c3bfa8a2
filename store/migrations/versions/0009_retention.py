"""Retention: answers older than the retention become counts per question and month.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the totals per question and calendar month (no person, no team)."""
    op.create_table(
        "question_totals",
        sa.Column("question_id", sa.String(64), primary_key=True),
        sa.Column("month", sa.String(7), primary_key=True),
        sa.Column("answered", sa.Integer, nullable=False),
        sa.Column("right", sa.Integer, nullable=False),
        sa.Column("first_attempts", sa.Integer, nullable=False),
        sa.Column("right_first_time", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    """Drop the totals (the answers they were made of are gone: downgrading loses them)."""
    op.drop_table("question_totals")
