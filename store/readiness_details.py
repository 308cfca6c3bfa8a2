"""Readiness details for a manager's card: what was attested for some teams, and the teams'
first answers per question (no person leaves this module: order and outcome only).

Apart from :mod:`store.readiness`, which reads everything the weekly figures need at once, this
reads only the teams of one card.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select

from readiness.rules.questions import QuestionAttempt
from store import tables
from store.clock import aware
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

    async def first_answers(
        self,
        team_ids: Collection[str],
        questions: Collection[str],
        *,
        since: datetime,
        until: datetime,
    ) -> dict[str, list[QuestionAttempt]]:
        """Per team, the first answers its people gave to ``questions`` in [since, until).

        A person's team is the imported organisation's, else their own choice (as for the
        weekly figures).
        """
        if not team_ids or not questions:
            return {}
        teams = sorted(team_ids)
        member, user, answer = tables.OrgMember, tables.User, tables.Answer
        async with self._db.sessions() as session, session.begin():
            imported = (
                await session.execute(
                    select(member.person_key, member.team_id).where(member.team_id.in_(teams))
                )
            ).all()
            chosen = (
                await session.execute(
                    select(user.user_key, user.team_id)
                    .where(user.team_id.in_(teams))
                    .where(user.user_key.not_in(select(member.person_key)))
                )
            ).all()
            team_of: dict[str, str] = {row[0]: row[1] for row in [*chosen, *imported] if row[1]}
            if not team_of:
                return {}
            rows = (
                await session.execute(
                    select(answer.user_key, answer.question_id, answer.answered_at, answer.correct)
                    .where(answer.first_attempt.is_(True))
                    .where(answer.question_id.in_(sorted(questions)))
                    .where(answer.answered_at >= since, answer.answered_at < until)
                    .where(answer.user_key.in_(sorted(team_of)))
                )
            ).all()
        found: dict[str, list[QuestionAttempt]] = {}
        for row in rows:
            attempt = QuestionAttempt(row.question_id, aware(row.answered_at), bool(row.correct))
            found.setdefault(team_of[row.user_key], []).append(attempt)
        return found
