"""Readiness details for a manager's card: what was attested for some teams, and the teams'
first answers per question, counted (no person leaves this module).

Apart from :mod:`store.readiness`, which reads everything the weekly figures need at once, this
reads only the teams of one card.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import case, func, select, union_all

from readiness.rules.questions import STEP, QuestionCount
from store import tables
from store.database import Database
from store.readiness import (
    ProcessAttestationRecord,
    TeamAttestationRecord,
    process_record,
    team_record,
)


class ReadinessDetails:
    """Reads attestations and first answers for a handful of teams."""

    def __init__(self, database: Database) -> None:
        """Read from ``database``."""
        self._db = database

    async def attestations(
        self, team_ids: Collection[str]
    ) -> tuple[tuple[ProcessAttestationRecord, ...], tuple[TeamAttestationRecord, ...]]:
        """Every saved attestation per process and per team of ``team_ids``."""
        if not team_ids:
            return (), ()
        teams = sorted(team_ids)
        process = tables.ProcessAttestationRow
        team = tables.TeamAttestationRow
        async with self._db.sessions() as session, session.begin():
            processes = (
                (await session.execute(select(process).where(process.team_id.in_(teams))))
                .scalars()
                .all()
            )
            whole = (
                (await session.execute(select(team).where(team.team_id.in_(teams)))).scalars().all()
            )
        return tuple(process_record(r) for r in processes), tuple(team_record(r) for r in whole)

    async def counted_answers(
        self,
        team_ids: Collection[str],
        questions: Collection[str],
        *,
        since: datetime,
        until: datetime,
        step: int = STEP,
    ) -> dict[str, list[QuestionCount]]:
        """Per team, its people's first answers to ``questions`` in [since, until), counted as
        :func:`readiness.rules.questions.counted_in_steps` counts them (whole steps of ``step``,
        in the order given, right ones first at the same moment), by question id.

        The counting runs in the database (window functions), so a department with thousands
        of answers returns one row per team and question. A person's team is the imported
        organisation's, else their own choice (as for the weekly figures).
        """
        if not team_ids or not questions:
            return {}
        teams = sorted(team_ids)
        member, user, answer = tables.OrgMember, tables.User, tables.Answer
        people = (
            union_all(
                select(member.person_key.label("key"), member.team_id.label("team")).where(
                    member.team_id.in_(teams)
                ),
                select(user.user_key.label("key"), user.team_id.label("team"))
                .where(user.team_id.in_(teams))
                .where(user.user_key.not_in(select(member.person_key))),
            )
            .cte("people")
            .prefix_with("MATERIALIZED")
        )  # else SQLite scans all answers per branch
        group = (people.c.team, answer.question_id)
        ranked = (
            select(
                people.c.team, answer.question_id, answer.correct,
                func.row_number().over(
                    partition_by=group, order_by=(answer.answered_at, answer.correct.desc())
                ).label("place"),
                func.count().over(partition_by=group).label("given"),
            )
            .join_from(answer, people, answer.user_key == people.c.key)
            .where(answer.first_attempt.is_(True))
            .where(answer.question_id.in_(sorted(questions)))
            .where(answer.answered_at >= since, answer.answered_at < until)
        ).cte("ranked")  # fmt: skip
        counted = (
            select(
                ranked.c.team, ranked.c.question_id, func.count().label("counted"),
                func.sum(case((ranked.c.correct, 1), else_=0)).label("right"),
            )
            .where(ranked.c.place <= ranked.c.given - ranked.c.given % step)
            .group_by(ranked.c.team, ranked.c.question_id)
            .order_by(ranked.c.team, ranked.c.question_id)
        )  # fmt: skip
        async with self._db.sessions() as session, session.begin():
            rows = (await session.execute(counted)).all()
        found: dict[str, list[QuestionCount]] = {}
        for row in rows:
            count = QuestionCount(row.question_id, int(row.counted), int(row.right))
            found.setdefault(row.team, []).append(count)
        return found
