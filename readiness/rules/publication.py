"""Weekly readiness figures that never single anyone out, not even across weeks.

Each week's figures are published once and kept for the trend. Whoever compares weeks learns
what changed in between, so a week is checked together with every publication still visible
(:func:`readiness.rules.secrecy.singled_out`): when some combination of all their figures would
be about 1 to 4 people, the news of the changed people around them is *held*: the week is
published with those people as they were last published, and their news waits until enough
others changed too. Process readiness is about arrangements, not people, and is never held.
(docs/privacy.md, "The same rule over time"; docs/readiness.md.)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

from readiness.rules.disclosure import (
    MINIMUM_GROUP,
    ORGANISATION,
    Group,
    GroupKind,
    Unit,
    cells,
    disclose,
)
from readiness.rules.process import (
    ProcessAttestation,
    TeamAttestation,
    process_checks,
    process_readiness,
)
from readiness.rules.score import (
    DEFAULT_WEIGHTS,
    Figures,
    PersonRecord,
    PersonState,
    Weights,
    figures,
    person_state,
)
from readiness.rules.secrecy import Cut, singled_out

ZONE = ZoneInfo("Europe/Amsterdam")
"""Weeks run from Monday 00:00 to Monday 00:00 in the organisation's time zone."""


@dataclass(frozen=True)
class TeamInputs:
    """What the manager attested for one team, and what the team's outage card is now.

    Attributes:
        team_id: The team.
        processes: The ids of its critical processes (from its profile).
        card_version: The current version of its outage card.
        process_attestations: Every attestation per process (the latest valid one counts).
        team_attestation: The latest attestation about the team as a whole, or None.
    """

    team_id: str
    processes: tuple[str, ...]
    card_version: int
    process_attestations: tuple[ProcessAttestation, ...] = ()
    team_attestation: TeamAttestation | None = None


@dataclass(frozen=True)
class PublishedGroup:
    """One shown row of a week's figures.

    Attributes:
        kind: ``organisation``, ``department``, ``team`` or ``other``.
        id: The department's or team's id; None for the organisation and ``other``.
        name: Its name; None for the organisation and ``other``.
        parent: The department it lies in; None at the top.
        depth: 0 for the organisation, 1 inside it, and so on.
        figures: Its figures.
    """

    kind: GroupKind
    id: str | None
    name: str | None
    parent: str | None
    depth: int
    figures: Figures

    @property
    def key(self) -> tuple[GroupKind, str | None, str | None]:
        """What identifies the row from week to week."""
        return self.kind, self.id, self.parent


@dataclass(frozen=True)
class Publication:
    """A week's published figures, and what they were made of.

    Attributes:
        as_of: The end of the week the figures are for.
        groups: The shown groups with their figures (the only part anyone is shown).
        states: Each person's state as used for the figures (kept to compare the next week
            with; never shown).
        cells: Each person's cell in these figures (kept likewise).
        held: People whose newer state waits because too few others in their cell changed.
    """

    as_of: datetime
    groups: tuple[PublishedGroup, ...]
    states: Mapping[str, PersonState]
    cells: Mapping[str, str]
    held: frozenset[str] = field(default_factory=frozenset)

    def group(self, kind: GroupKind, id: str | None, parent: str | None = None) -> Figures | None:
        """The figures of a shown group, or None when it is not shown this week."""
        return next((g.figures for g in self.groups if g.key == (kind, id, parent)), None)


def week_end(day: date) -> datetime:
    """The end of the week (Monday 00:00 in Europe/Amsterdam, as UTC) that ``day`` lies in."""
    monday = day - timedelta(days=day.weekday()) + timedelta(days=7)
    return datetime.combine(monday, time(0), ZONE).astimezone(UTC)


def process_by_team(teams: Iterable[TeamInputs], today: date) -> dict[str, Fraction]:
    """Each team's process readiness (0 to 1) on ``today``."""
    return {
        team.team_id: process_readiness(
            process_checks(
                team.processes,
                team.process_attestations,
                team.team_attestation,
                card_version=team.card_version,
                today=today,
            )
        )
        for team in teams
    }


def weekly_publication(
    organisation: Sequence[Unit],
    teams: Sequence[TeamInputs],
    people: Sequence[PersonRecord],
    *,
    week_of: date,
    history: Sequence[Publication] = (),
    weights: Weights = DEFAULT_WEIGHTS,
    minimum: int = MINIMUM_GROUP,
) -> Publication:
    """The figures of the week that ``week_of`` lies in, from dated inputs.

    Events after the week's end do not count, so a week can be made (again) later. The
    attestations count as on the week's last day.

    Args:
        organisation: The departments and teams.
        teams: The attestations and card version per team.
        people: Everyone in the organisation, with their dated answers and acknowledgement.
        week_of: A day in the week.
        history: The publications anyone can still see, oldest first.
        weights: How the parts add up to the score.
        minimum: The fewest people a figure may be about.
    """
    as_of = week_end(week_of)
    last_day = (as_of.astimezone(ZONE) - timedelta(days=1)).date()
    states = {record.key: person_state(record, as_of=as_of) for record in people}
    return publish(
        organisation,
        states,
        process_by_team(teams, last_day),
        as_of=as_of,
        history=history,
        weights=weights,
        minimum=minimum,
    )


def publish(
    organisation: Sequence[Unit],
    current: Mapping[str, PersonState],
    process: Mapping[str, Fraction],
    *,
    as_of: datetime,
    history: Sequence[Publication] = (),
    weights: Weights = DEFAULT_WEIGHTS,
    minimum: int = MINIMUM_GROUP,
) -> Publication:
    """The figures to publish now: ``current``, except the news that would single anyone out.

    The news of a person is held back (they count as they were last published) while this
    publication and those before it together would say something about fewer than ``minimum``
    people (:func:`readiness.rules.secrecy.singled_out`). What is held is the news of the
    changed people in the cells of those people (of everyone changed, if that is not enough);
    it comes out once enough others there changed too.

    Args:
        organisation: The departments and teams.
        current: Everyone's state now, by user key.
        process: Each team's process readiness (0 to 1); not about people, never held.
        as_of: The moment the figures are for.
        history: The publications anyone can still see, oldest first (empty for the first
            publication, which holds nothing back). Those no one can see any more (deleted
            after the trend period) may be left out.
        weights: How the parts add up to the score.
        minimum: The fewest people a figure (or a change between two) may be about.
    """
    used = dict(current)
    held: set[str] = set()
    latest = history[-1] if history else None
    seen = [Cut(p.states, p.cells, bool(p.groups)) for p in history]
    while True:
        groups = disclose(organisation, used, minimum)
        placed = _placed(groups, used)
        if latest is None:
            break
        found = singled_out([*seen, Cut(used, placed, bool(groups))], minimum)
        if not found:
            break
        changed = {
            key
            for key in used.keys() | latest.states.keys()
            if used.get(key) != latest.states.get(key)
        }
        if not changed:
            # Nothing left to hold (the organisation itself changed): the last figures stay.
            return replace(latest, as_of=as_of, held=frozenset(held))
        near = {latest.cells.get(k) for k in found} | {placed.get(k) for k in found}
        waiting = {
            k for k in changed if latest.cells.get(k) in near or placed.get(k) in near
        } or changed
        for key in waiting:  # each round holds at least one more person, so this ends
            held.add(key)
            if key in latest.states:
                used[key] = latest.states[key]
            else:
                del used[key]
    return Publication(
        as_of=as_of,
        groups=tuple(_published(group, used, process, weights) for group in groups),
        states=used,
        cells=placed,
        held=frozenset(held),
    )


def _placed(groups: Sequence[Group], states: Mapping[str, PersonState]) -> dict[str, str]:
    shown_cells = cells(groups)
    return {key: shown_cells.get(key, ORGANISATION) for key in states}


def trend(
    now: Publication, then: Publication, key: tuple[GroupKind, str | None, str | None]
) -> int | None:
    """How many points a group's score rose (negative: fell) from ``then`` to ``now``; None
    unless it was shown both times. Made of shown figures only, so it shows nothing new."""
    before, after = then.group(*key), now.group(*key)
    return None if before is None or after is None else after.score - before.score


def _published(
    group: Group, states: Mapping[str, PersonState], process: Mapping[str, Fraction],
    weights: Weights,
) -> PublishedGroup:  # fmt: skip
    shown = figures((states[key] for key in group.people), process, weights)
    return PublishedGroup(group.kind, group.id, group.name, group.parent, group.depth, shown)
