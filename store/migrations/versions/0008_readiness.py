"""Readiness: the managers' attestations per critical process and per team; published weeks.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the attestation and published-week tables."""
    op.create_table(
        "readiness_process_attestations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("team_id", sa.String(64), nullable=False),
        sa.Column("process_id", sa.String(64), nullable=False),
        sa.Column("attested_on", sa.Date, nullable=False),
        sa.Column("attested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attested_by", sa.String(64), nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("targets_known", sa.Boolean, nullable=False),
        sa.Column("fallback_exists", sa.Boolean, nullable=False),
        sa.Column("fallback_tested_on", sa.Date, nullable=True),
    )
    op.create_index(
        "ix_readiness_process_attestations_team",
        "readiness_process_attestations",
        ["team_id", "process_id"],
    )
    op.create_table(
        "readiness_team_attestations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("team_id", sa.String(64), nullable=False),
        sa.Column("attested_on", sa.Date, nullable=False),
        sa.Column("attested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attested_by", sa.String(64), nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("paper_contacts", sa.Boolean, nullable=False),
        sa.Column("fallback_location", sa.Boolean, nullable=False),
        sa.Column("systems_list_updated_on", sa.Date, nullable=True),
        sa.Column("printed_card_version", sa.Integer, nullable=True),
        sa.Column("printed_card_mark", sa.String(16), nullable=True),
    )
    op.create_index(
        "ix_readiness_team_attestations_team_id", "readiness_team_attestations", ["team_id"]
    )
    op.create_table(
        "readiness_weeks",
        sa.Column("week_start", sa.Date, primary_key=True),
        sa.Column("as_of", sa.DateTime(timezone=True), nullable=False),
        sa.Column("groups", sa.Text, nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "readiness_week_states",
        sa.Column("week_start", sa.Date, primary_key=True),
        sa.Column("user_key", sa.String(64), primary_key=True),
        sa.Column("team_id", sa.String(64), nullable=True),
        sa.Column("acknowledged", sa.Boolean, nullable=False),
        sa.Column("knowledge", sa.Float, nullable=True),
        sa.Column("cell", sa.String(64), nullable=False),
        sa.Column("held", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    """Drop the attestation and published-week tables."""
    op.drop_table("readiness_week_states")
    op.drop_table("readiness_weeks")
    op.drop_index(
        "ix_readiness_team_attestations_team_id", table_name="readiness_team_attestations"
    )
    op.drop_table("readiness_team_attestations")
    op.drop_index(
        "ix_readiness_process_attestations_team", table_name="readiness_process_attestations"
    )
    op.drop_table("readiness_process_attestations")
