"""Campaigns: the campaigns, who did what to them, their runs and the outbox of recipients.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the campaign tables."""
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("content_kind", sa.String(16), nullable=False),
        sa.Column("briefing_id", sa.String(64)),
        sa.Column("text", sa.Text),
        sa.Column("acknowledge", sa.Boolean, nullable=False),
        sa.Column("audience", sa.String(300), nullable=False),
        sa.Column("first_at", _MOMENT),
        sa.Column("repeat", sa.String(100)),
        sa.Column("state", sa.String(16), nullable=False, index=True),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("approved_by", sa.String(200)),
        sa.Column("next_run_at", _MOMENT, index=True),
        sa.Column("created_at", _MOMENT, nullable=False),
        sa.Column("updated_at", _MOMENT, nullable=False),
    )
    op.create_table(
        "campaign_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("campaign_id", sa.Integer, nullable=False, index=True),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("detail", sa.Text),
        sa.Column("at", _MOMENT, nullable=False),
    )
    op.create_table(
        "campaign_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("campaign_id", sa.Integer, nullable=False, index=True),
        sa.Column("planned_at", _MOMENT, nullable=False),
        sa.Column("started_at", _MOMENT, nullable=False),
        sa.Column("finished_at", _MOMENT),
        sa.UniqueConstraint("campaign_id", "planned_at"),
    )
    op.create_table(
        "campaign_outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("run_id", sa.Integer, nullable=False, index=True),
        sa.Column("campaign_id", sa.Integer, nullable=False, index=True),
        sa.Column("recipient", sa.String(300), nullable=False),
        sa.Column("service_url", sa.String(1024), nullable=False),
        sa.Column("tenant_id", sa.String(64)),
        sa.Column("conversation_id", sa.String(1024)),
        sa.Column("user_object_id", sa.String(64)),
        sa.Column("channel_id", sa.String(1024)),
        sa.Column("team_id", sa.String(64)),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("not_before", _MOMENT, nullable=False),
        sa.Column("lease_owner", sa.String(64)),
        sa.Column("lease_until", _MOMENT),
        sa.Column("in_flight", sa.Boolean, nullable=False),
        sa.Column("uncertain", sa.Boolean, nullable=False),
        sa.Column("message_id", sa.String(256)),
        sa.Column("last_status", sa.Integer),
        sa.Column("sent_at", _MOMENT),
        sa.UniqueConstraint("run_id", "recipient"),
    )
    op.create_table(
        "campaign_acks",
        sa.Column("campaign_id", sa.Integer, primary_key=True),
        sa.Column("user_key", sa.String(64), primary_key=True),
        sa.Column("read_at", _MOMENT, nullable=False),
    )
    # The workers' query: pending rows of a run that may be sent now.
    op.create_index("ix_campaign_outbox_claim", "campaign_outbox", ["status", "not_before"])


def downgrade() -> None:
    """Drop the campaign tables."""
    op.drop_index("ix_campaign_outbox_claim", "campaign_outbox")
    for name in (
        "campaign_acks",
        "campaign_outbox",
        "campaign_runs",
        "campaign_events",
        "campaigns",
    ):
        op.drop_table(name)
