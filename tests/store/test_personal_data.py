"""Erasing one's data leaves the published readiness weeks as they were seen, owned by nobody."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from store.database import Database
from store.personal_data import PersonalDataStore
from store.tables import ReadinessWeekState

ME, COLLEAGUE = "a" * 64, "b" * 64
WEEKS = (date(2026, 11, 16), date(2026, 11, 23))


async def test_published_weeks_keep_the_persons_states_under_random_keys(
    database: Database,
) -> None:
    async with database.sessions.begin() as session:
        for week in WEEKS:
            for key in (ME, COLLEAGUE):
                session.add(
                    ReadinessWeekState(
                        week_start=week, user_key=key, team_id="ict", acknowledged=True,
                        knowledge=0.5, cell="team:ict", held=False,
                    )
                )  # fmt: skip
    erased = await PersonalDataStore(database).erase(ME)
    async with database.sessions() as session:
        keys = (await session.scalars(select(ReadinessWeekState.user_key))).all()
    assert erased.detached == 2 and len(keys) == 4
    assert ME not in keys and keys.count(COLLEAGUE) == 2
    erased_keys = [key for key in keys if key.startswith("erased:")]
    assert len(set(erased_keys)) == 2  # not linked to each other either
