"""A group's trend over the kept weeks, and a published week read back from its shown groups
only (never the answers or anyone's state), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from content.loader import Library
from readiness.inputs import parents_of
from readiness.rules.disclosure import GroupKind
from readiness.rules.knowledge import FirstAttempt
from readiness.rules.publication import Publication, PublishedGroup, week_end, weekly_publication
from readiness.rules.score import Figures, PersonRecord
from readiness.week import ReadinessFigures, Week, WeekNotKept
from store.database import Database
from store.readiness import ReadinessStore
from tests.readiness import seed
from tests.readiness.seed import at
from tests.readiness.test_report import ORGANISATION
from tests.readiness.test_store import statements


def figures(score: int) -> Figures:
    return Figures(
        members=6, respondents=6, process=score, knowledge=score, reach=score, score=score,
        band="developing",
    )  # fmt: skip


def team(score: int) -> PublishedGroup:
    return PublishedGroup("team", "a1", "A1", "a", 2, figures(score))


def department(score: int) -> PublishedGroup:
    return PublishedGroup("department", "a", "Afdeling A", None, 1, figures(score))


def rest(score: int) -> PublishedGroup:
    return PublishedGroup("other", None, None, "a", 2, figures(score))


MONDAYS = [date(2026, 10, 5) + timedelta(weeks=n) for n in range(10)]
# Nine kept weeks before the week of 7 December; in the third and sixth, team a1 was folded into
# its department (too small on its own) and the rest of the department was shown instead.
EARLIER = tuple(
    (monday, (department(40 + n), rest(30 + n) if n in {2, 5} else team(50 + n)))
    for n, monday in enumerate(MONDAYS[:9])
)
THIS_WEEK = Week(
    ORGANISATION,
    parents_of(ORGANISATION),
    Publication(week_end(MONDAYS[9]), (department(49), team(59)), states={}, cells={}),
    final=True,
    earlier=EARLIER,
)


@pytest.mark.parametrize(
    ("kind", "id", "parent", "weeks", "expected"),
    [
        # The last eight kept weeks and this one: None where the team was folded.
        ("team", "a1", "a", 8, [(1, 51), (2, None), (3, 53), (4, 54), (5, None), (6, 56),
                                (7, 57), (8, 58), (9, 59)]),
        ("team", "a1", "a", 3, [(6, 56), (7, 57), (8, 58), (9, 59)]),
        ("team", "a1", "a", 0, [(9, 59)]),
        ("team", "a1", "a", 20, [(0, 50), (1, 51), (2, None), (3, 53), (4, 54), (5, None),
                                 (6, 56), (7, 57), (8, 58), (9, 59)]),
        ("department", "a", None, 2, [(7, 47), (8, 48), (9, 49)]),
        # The rest of the department, shown only in the weeks the team was folded.
        ("other", None, "a", 4, [(5, 35), (6, None), (7, None), (8, None), (9, None)]),
        # The same id under another parent is another group.
        ("team", "a1", None, 1, [(8, None), (9, None)]),
        ("team", "b1", "b", 1, [(8, None), (9, None)]),
    ],
)  # fmt: skip
def test_a_groups_trend_over_the_kept_weeks(
    kind: GroupKind,
    id: str | None,
    parent: str | None,
    weeks: int,
    expected: list[tuple[int, int | None]],
) -> None:
    assert THIS_WEEK.trend(kind, id, parent, weeks) == tuple(
        (MONDAYS[n], None if score is None else figures(score)) for n, score in expected
    )


def test_a_week_without_earlier_weeks_has_a_trend_of_itself() -> None:
    week = Week(THIS_WEEK.organisation, THIS_WEEK.parents, THIS_WEEK.publication, final=False)
    assert week.trend("team", "a1", "a") == ((MONDAYS[9], figures(59)),)


UNITS = [
    ("a", "department", "Afdeling A", None),
    ("a1", "team", "A1", "a"),
    ("a2", "team", "A2", "a"),
    ("a3", "team", "A3", "a"),
    ("b", "department", "Afdeling B", None),
    ("b1", "team", "B1", "b"),
]


def people(sizes: dict[str, int]) -> list[PersonRecord]:
    answer = (FirstAttempt(at("2026-11-02"), True),)
    return [
        PersonRecord(f"{team}-{n}", team, answer, None)
        for team, count in sizes.items()
        for n in range(count)
    ]


def published(monday: date, a2: int) -> Publication:
    everyone = people({"a1": 6, "a2": a2, "a3": 5, "b1": 5})
    return weekly_publication(ORGANISATION, [], everyone, week_of=monday)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


async def test_a_published_week_is_read_from_its_shown_groups_only(
    database: Database, bundled: Library
) -> None:
    mondays = [date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]
    clock = Clock(at("2026-12-02"))
    store = ReadinessStore(database, clock=clock)
    await seed.organisation(database, UNITS, {"a1-0": "a1"})
    await seed.answers(database, [("a1-0", "q", at("2026-11-10"), True, True)])
    # In the week of 16 November A2 had 3 people: too small, so it was not shown.
    for monday, a2 in zip(mondays, (5, 3, 5), strict=True):
        assert await store.save_week(monday, published(monday, a2), keep_from=date(2026, 9, 1))
    kept = await store.weeks()
    figures_ = ReadinessFigures(store, bundled, lambda _: None, clock=clock)
    with statements(database) as seen:
        week = await figures_.week(date(2026, 11, 25))
    assert len(seen) == 2  # the units and the kept weeks' shown groups
    assert not any("answers" in sql or "readiness_week_states" in sql for sql in seen)
    assert week.final and week.publication.groups == kept[mondays[2]].groups
    assert week.organisation == ORGANISATION and week.parents == parents_of(ORGANISATION)
    assert week.earlier == tuple((m, kept[m].groups) for m in mondays[:2])
    assert [f is not None for _, f in week.trend("team", "a2", "a")] == [True, False, True]
    assert [f is not None for _, f in week.trend("other", None, "a")] == [False, True, False]
    assert week.trend("team", "a1", "a") == tuple(
        (m, kept[m].group("team", "a1", "a")) for m in mondays
    )
    # An earlier kept week sees only the weeks before it.
    assert (await figures_.week(mondays[1])).earlier == ((mondays[0], kept[mondays[0]].groups),)
    # A week before the newest kept one that was never published still cannot be made.
    with pytest.raises(WeekNotKept):
        await figures_.week(date(2026, 11, 2))


async def test_a_week_made_now_carries_the_kept_weeks_before_it(
    database: Database, bundled: Library
) -> None:
    clock = Clock(at("2026-12-09"))
    store = ReadinessStore(database, clock=clock)
    await seed.organisation(database, UNITS, {})
    first = date(2026, 11, 23)
    assert await store.save_week(first, published(first, 5), keep_from=date(2026, 9, 1))
    figures_ = ReadinessFigures(store, bundled, lambda _: None, clock=clock)
    made = await figures_.week(date(2026, 12, 2))  # ended: made and kept now
    assert made.final and made.earlier == ((first, published(first, 5).groups),)
    under_way = await figures_.week(date(2026, 12, 9))
    assert not under_way.final
    assert [monday for monday, _ in under_way.earlier] == [first, date(2026, 11, 30)]
    assert (await figures_.week(date(2026, 12, 2))).publication.groups == made.publication.groups
