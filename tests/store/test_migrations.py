"""The migrations build exactly the schema the tables describe, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from store.database import Database
from store.learning import LearningStore, RecordedAnswer
from store.migrate import alembic_config, current_revision, head_revision, upgrade
from store.receipts import ReceiptStore
from store.tables import Base
from testkit.postgres import PostgresServer, unique_database_name

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

# The answers and quizzes as revision 0002 had them: a channel answer's quiz id in round_id.
OLD_ANSWERS = sa.table(
    "answers",
    sa.column("user_key", sa.String), sa.column("question_id", sa.String),
    sa.column("question_version", sa.Integer), sa.column("round_id", sa.String),
    sa.column("chosen", sa.String), sa.column("correct", sa.Boolean),
    sa.column("first_attempt", sa.Boolean), sa.column("answered_at", sa.DateTime(timezone=True)),
)  # fmt: skip
OLD_CHANNEL_QUIZZES = sa.table(
    "channel_quizzes",
    sa.column("quiz_id", sa.String), sa.column("conversation_id", sa.String),
    sa.column("question_id", sa.String), sa.column("question_version", sa.Integer),
    sa.column("created_at", sa.DateTime(timezone=True)),
)  # fmt: skip


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database, not migrated at all: one test run per database kind."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'paraat.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    name = unique_database_name()
    url = server.create_database(name)
    try:
        yield url
    finally:
        server.drop_database(name)


async def test_upgraded_database_matches_the_tables(database: Database) -> None:
    async with database.engine.connect() as connection:
        differences = await connection.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata)
        )
    assert differences == []


async def test_upgrade_is_at_head_and_repeatable(database_url: str, database: Database) -> None:
    assert await current_revision(database_url) == head_revision()
    await asyncio.to_thread(upgrade, database_url)  # a second run changes nothing
    async with database.engine.connect() as connection:
        tables = await connection.run_sync(lambda sync: set(inspect(sync).get_table_names()))
    assert {"conversations", "conversation_members", "users"} <= tables


async def test_an_empty_database_has_no_revision(tmp_path: object) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/empty.db"
    assert await current_revision(url) is None


async def at_0002_with_a_round_and_a_channel_answer(url: str) -> None:
    """Migrate ``url`` to 0002 and store one answer in a round and one to a channel quiz."""
    await asyncio.to_thread(upgrade, url, "0002")
    database = Database(url)
    answer = {
        "user_key": "u1", "question_version": 1, "correct": True, "first_attempt": True,
        "answered_at": NOW,
    }  # fmt: skip
    try:
        async with database.engine.begin() as connection:
            await connection.execute(
                OLD_CHANNEL_QUIZZES.insert().values(
                    quiz_id="cq1", conversation_id="19:channel", question_id="q2",
                    question_version=1, created_at=NOW,
                )
            )  # fmt: skip
            await connection.execute(
                OLD_ANSWERS.insert(),
                [
                    answer | {"question_id": "q1", "round_id": "r1", "chosen": "a"},
                    answer | {"question_id": "q2", "round_id": "cq1", "chosen": "b"},
                ],
            )
    finally:
        await database.close()


async def stored_answers(url: str) -> list[tuple[str, str | None, str | None]]:
    """(question, round id, channel quiz id) of every answer, oldest first."""
    database = Database(url)
    query = sa.text("SELECT question_id, round_id, channel_quiz_id FROM answers ORDER BY id")
    try:
        async with database.engine.connect() as connection:
            return [(row[0], row[1], row[2]) for row in await connection.execute(query)]
    finally:
        await database.close()


async def test_upgrade_moves_channel_answers_to_their_own_column(empty_url: str) -> None:
    await at_0002_with_a_round_and_a_channel_answer(empty_url)
    await asyncio.to_thread(upgrade, empty_url)
    assert await stored_answers(empty_url) == [("q1", "r1", None), ("q2", None, "cq1")]
    database = Database(empty_url)
    try:
        learning = LearningStore(database)
        [in_round] = await learning.answers_in_round("r1", "u1")
        assert in_round == RecordedAnswer("q1", ("a",), True, True)
        assert await learning.answers_in_round("cq1", "u1") == []
        assert await learning.channel_answer("cq1", "u1") == RecordedAnswer(
            "q2", ("b",), True, True
        )
        assert await learning.channel_counts("cq1") == {"b": 1}
    finally:
        await database.close()


async def test_downgrade_puts_channel_answers_back(empty_url: str) -> None:
    await at_0002_with_a_round_and_a_channel_answer(empty_url)
    await asyncio.to_thread(upgrade, empty_url)
    await asyncio.to_thread(command.downgrade, alembic_config(empty_url), "0002")
    database = Database(empty_url)
    query = sa.text("SELECT question_id, round_id FROM answers ORDER BY id")
    try:
        async with database.engine.connect() as connection:
            rows = [(row[0], row[1]) for row in await connection.execute(query)]
            columns = await connection.run_sync(
                lambda sync: {column["name"] for column in inspect(sync).get_columns("answers")}
            )
    finally:
        await database.close()
    assert rows == [("q1", "r1"), ("q2", "cq1")]
    assert "channel_quiz_id" not in columns
    await asyncio.to_thread(upgrade, empty_url)  # and up again
    assert await stored_answers(empty_url) == [("q1", "r1", None), ("q2", None, "cq1")]


async def table_names(url: str) -> set[str]:
    """The tables in the database at ``url``."""
    database = Database(url)
    try:
        async with database.engine.connect() as connection:
            return await connection.run_sync(lambda sync: set(inspect(sync).get_table_names()))
    finally:
        await database.close()


async def test_read_receipts_come_with_0005_and_go_with_its_downgrade(empty_url: str) -> None:
    await asyncio.to_thread(upgrade, empty_url, "0004")
    assert "read_receipts" not in await table_names(empty_url)
    await asyncio.to_thread(upgrade, empty_url, "0005")
    assert "read_receipts" in await table_names(empty_url)
    database = Database(empty_url)
    try:
        assert await ReceiptStore(database).record("a:chat-1", 1_765_000_000_001)
    finally:
        await database.close()
    await asyncio.to_thread(command.downgrade, alembic_config(empty_url), "0004")
    assert "read_receipts" not in await table_names(empty_url)
    assert "campaign_acks" in await table_names(empty_url)  # 0004's own tables stay
