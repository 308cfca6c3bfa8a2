"""A week's readiness figures from the database: read the inputs, then the rules decide.

The figures are always made for the whole organisation, whoever asks and whatever part they
look at: what may be shown depends on everyone, so a part is cut from the whole publication
afterwards (:mod:`readiness.report`), never computed on its own.

A week that has ended is published once: the first time anyone asks, it is made against the
kept weeks of the trend period (the rules' ``history``) and kept; after that it is read back as
it was, so everyone sees the same figures. The week under way is made against the kept weeks
too, but not kept: it is not final.

Reading a kept week back is what managers do most (their card, the report), so it reads only
what is shown: the organisation's units and the kept weeks' shown groups, two queries, never the
answers or anyone's state. Those are read only to make a week (the rules' ``history`` needs the
states of the kept weeks).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from content.loader import Library
from readiness.inputs import (
    CardOf,
    organisation_units,
    parents_of,
    scenario_questions,
    team_inputs,
    teams_of,
)
from readiness.rules.disclosure import GroupKind, Unit
from readiness.rules.knowledge import WINDOW
from readiness.rules.publication import (
    ZONE,
    Publication,
    PublishedGroup,
    week_end,
    weekly_publication,
)
from readiness.rules.score import DEFAULT_WEIGHTS, Figures, Weights
from store.clock import Clock, utc_now
from store.readiness import ReadinessStore

TREND_WEEKS: Final = 13
"""Published weeks are kept, and checked against, this many weeks (docs/privacy.md)."""


class WeekNotKept(LookupError):
    """An ended week older than the newest kept one that was never published: making it now
    could not be checked against the weeks published after it."""


@dataclass(frozen=True)
class Week:
    """A week's publication with the organisation it was made over.

    Attributes:
        organisation: The top departments (and teams) with what they hold.
        parents: Each department's and team's parent department (None at the top).
        publication: The week's figures, as the rules publish them. A kept week read back
            carries its shown groups only (no one's state: those are never shown).
        final: True for a week that has ended (published and kept); False for the week under
            way, whose figures may still change.
        earlier: The kept weeks before this one within the trend period, oldest first, as
            (Monday, shown groups).
    """

    organisation: tuple[Unit, ...]
    parents: Mapping[str, str | None]
    publication: Publication
    final: bool
    earlier: tuple[tuple[date, tuple[PublishedGroup, ...]], ...] = ()

    @property
    def first_day(self) -> date:
        """The Monday the week starts on."""
        return (self.publication.as_of.astimezone(ZONE) - timedelta(days=7)).date()

    def trend(
        self, kind: GroupKind, id: str | None, parent: str | None = None, weeks: int = 8
    ) -> tuple[tuple[date, Figures | None], ...]:
        """A group's figures in the last ``weeks`` kept weeks before this one and in this one,
        oldest first, by Monday; None for a week it was not shown in (too small, or folded
        into its parent). Weeks no one asked for while they were the last ended week were
        never published and are not there."""
        key = (kind, id, parent)
        before = self.earlier[-weeks:] if weeks > 0 else ()
        return (
            *(
                (monday, next((g.figures for g in groups if g.key == key), None))
                for monday, groups in before
            ),
            (self.first_day, self.publication.group(kind, id, parent)),
        )


class ReadinessFigures:
    """Makes the week's publication from the store, the library and the current cards."""

    def __init__(
        self,
        store: ReadinessStore,
        library: Library,
        card_of: CardOf,
        weights: Weights = DEFAULT_WEIGHTS,
        clock: Clock = utc_now,
    ) -> None:
        """Read from ``store``; profiles and questions from ``library``; ``card_of`` gives each
        team's current printed card (injected: readiness does not import printing)."""
        self._store = store
        self._library = library
        self._card_of = card_of
        self._weights = weights
        self._clock = clock

    async def week(self, week_of: date) -> Week:
        """The figures of the week ``week_of`` lies in (events up to its end).

        Raises:
            WeekNotKept: for an ended week that was never published and is older than the
                newest kept week, or older than the trend period.
        """
        until = week_end(week_of)
        start = _monday(week_of)
        shown = await self._store.shown_weeks(since=start - timedelta(weeks=TREND_WEEKS))
        kept = {w.week_start: w for w in shown.weeks}
        if start in kept:
            organisation = organisation_units(shown.units, self._library["nl"].organisation)
            publication = Publication(kept[start].as_of, kept[start].groups, states={}, cells={})
            earlier = tuple((w.week_start, w.groups) for w in shown.weeks if w.week_start < start)
            return Week(organisation, parents_of(organisation), publication, True, earlier)
        now = self._clock()
        if (kept and start < max(kept)) or until < now - timedelta(weeks=TREND_WEEKS):
            raise WeekNotKept(start.isoformat())
        return await self._made(week_of, start, until, now)

    async def _made(self, week_of: date, start: date, until: datetime, now: datetime) -> Week:
        """The week made from the inputs against the kept weeks with their states (the rules'
        history), and kept when it has ended."""
        kept = await self._store.weeks(since=start - timedelta(weeks=TREND_WEEKS))
        if kept and start <= max(kept):
            # Published meanwhile (or a later week was): read back what was published.
            return await self.week(week_of)
        read = await self._store.inputs(
            scenario_questions(self._library), until=until, since=until - WINDOW
        )
        organisation = organisation_units(read.units, self._library["nl"].organisation)
        parents = parents_of(organisation)
        earlier = tuple((monday, publication.groups) for monday, publication in kept.items())
        last_day = (until.astimezone(ZONE) - timedelta(days=1)).date()
        teams = team_inputs(
            teams_of(organisation), self._library, read, self._card_of, last_day=last_day
        )
        publication = weekly_publication(
            organisation, teams, read.people, week_of=week_of, history=list(kept.values()),
            weights=self._weights,
        )  # fmt: skip
        final = until <= now
        if final and not await self._store.save_week(start, publication, keep_from=_keep_from(now)):
            # Someone else published the week meanwhile: theirs is what was seen.
            return await self.week(week_of)
        return Week(organisation, parents, publication, final, earlier)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _keep_from(now: datetime) -> date:
    """The first day of the oldest week still in the trend period."""
    return _monday(now.astimezone(ZONE).date()) - timedelta(weeks=TREND_WEEKS)
