"""Learning: quiz rounds, answers, reviews, acknowledgements, checklist ticks, channel quizzes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _at(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    """Create the learning tables and the user's team."""
    with op.batch_alter_table("users") as users:
        users.add_column(sa.Column("team_id", sa.String(64)))
    op.create_table(
        "quiz_rounds",
        sa.Column("round_id", sa.String(32), primary_key=True),
        sa.Column("user_key", sa.String(64), nullable=False),
        sa.Column("conversation_id", sa.String(1024), nullable=False),
        sa.Column("question_ids", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("right", sa.Integer(), nullable=False),
        _at("created_at"),
        _at("finished_at", nullable=True),
    )
    op.create_index("ix_quiz_rounds_user_key", "quiz_rounds", ["user_key"])
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_key", sa.String(64), nullable=False),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("question_version", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.String(32), nullable=False),
        sa.Column("chosen", sa.String(64), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=False),
        sa.Column("first_attempt", sa.Boolean(), nullable=False),
        _at("answered_at"),
        sa.UniqueConstraint("round_id", "user_key", "question_id"),
    )
    op.create_index("ix_answers_user_key", "answers", ["user_key"])
    op.create_index("ix_answers_round_id", "answers", ["round_id"])
    op.create_table(
        "reviews",
        sa.Column("user_key", sa.String(64), primary_key=True),
        sa.Column("question_id", sa.String(64), primary_key=True),
        sa.Column("box", sa.Integer(), nullable=False),
        _at("due_at"),
        _at("last_answered_at"),
    )
    op.create_table(
        "acknowledgements",
        sa.Column("user_key", sa.String(64), primary_key=True),
        sa.Column("briefing_id", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer(), primary_key=True),
        _at("read_at"),
    )
    op.create_table(
        "checklist_ticks",
        sa.Column("user_key", sa.String(64), primary_key=True),
        sa.Column("checklist_id", sa.String(64), primary_key=True),
        sa.Column("item_id", sa.String(64), primary_key=True),
        _at("ticked_at"),
    )
    op.create_table(
        "channel_quizzes",
        sa.Column("quiz_id", sa.String(32), primary_key=True),
        sa.Column("conversation_id", sa.String(1024), nullable=False),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("question_version", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.String(256)),
        _at("created_at"),
    )


def downgrade() -> None:
    """Drop the learning tables and the user's team."""
    for table in (
        "channel_quizzes", "checklist_ticks", "acknowledgements", "reviews", "answers",
        "quiz_rounds",
    ):  # fmt: skip
        op.drop_table(table)
    with op.batch_alter_table("users") as users:
        users.drop_column("team_id")
