"""Channel answers in their own column: ``answers.channel_quiz_id`` instead of ``round_id``.

Until now an answer to a channel quiz was kept with the quiz's id as its ``round_id``. It moves
to ``channel_quiz_id``, and ``round_id`` is left for personal rounds (so it may be empty).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_UNIQUE = "uq_answers_channel_quiz_id"
_INDEX = "ix_answers_channel_quiz_id"

_answers = sa.table(
    "answers", sa.column("round_id", sa.String), sa.column("channel_quiz_id", sa.String)
)
_channel_quizzes = sa.table("channel_quizzes", sa.column("quiz_id", sa.String))


def upgrade() -> None:
    """Add ``channel_quiz_id`` and move every channel answer into it."""
    # SQLite cannot alter a column in place: batch mode copies the table.
    with op.batch_alter_table("answers") as answers:
        answers.add_column(sa.Column("channel_quiz_id", sa.String(32)))
        answers.alter_column("round_id", existing_type=sa.String(32), nullable=True)
        answers.create_index(_INDEX, ["channel_quiz_id"])
        answers.create_unique_constraint(_UNIQUE, ["channel_quiz_id", "user_key", "question_id"])
    # Both sides of SET read the row as it was, so round_id is copied before it is cleared.
    op.execute(
        _answers.update()
        .where(_answers.c.round_id.in_(sa.select(_channel_quizzes.c.quiz_id)))
        .values(channel_quiz_id=_answers.c.round_id, round_id=None)
    )


def downgrade() -> None:
    """Put channel answers back under ``round_id`` and drop ``channel_quiz_id``."""
    op.execute(
        _answers.update()
        .where(_answers.c.channel_quiz_id.is_not(None))
        .values(round_id=_answers.c.channel_quiz_id, channel_quiz_id=None)
    )
    with op.batch_alter_table("answers") as answers:
        answers.drop_constraint(_UNIQUE, type_="unique")
        answers.drop_index(_INDEX)
        answers.drop_column("channel_quiz_id")
        answers.alter_column("round_id", existing_type=sa.String(32), nullable=False)
