"""The rules' inputs from what the store read and what the library says.

Pure: the departments and teams as :class:`~readiness.rules.disclosure.Unit` trees, the
scenario questions, and per team its critical processes, card version and attestations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from content.loader import Library
from content.model import Department, Organisation, TeamProfile
from readiness.rules.disclosure import Unit
from readiness.rules.publication import TeamInputs
from store.readiness import ReadinessInputs, StoredUnit, TeamAttestationRecord


@dataclass(frozen=True)
class PrintedCard:
    """The version a team's outage card printed now carries (decision #34).

    Attributes:
        version: The team profile's version.
        mark: The short hash over everything printed on the card.
    """

    version: int
    mark: str


CardOf = Callable[[str], PrintedCard | None]
"""The current printed card of a team, or None when it has none (wired from ``printing``)."""


def scenario_questions(library: Library) -> frozenset[str]:
    """The ids of the questions about a scenario: only their first attempts count."""
    return frozenset(q.id for q in library["nl"].questions.values() if q.scenarios)


def process_ids(profile: TeamProfile) -> tuple[str, ...]:
    """The ids of a team's critical processes; one without an id is known by its place."""
    return tuple(
        process.id or f"process-{number}"
        for number, process in enumerate(profile.processes, start=1)
    )


def organisation_units(
    stored: Sequence[StoredUnit], library_organisation: Organisation | None
) -> tuple[Unit, ...]:
    """The top departments (and teams) with what they hold: the import, else the library's."""
    if stored:
        return _tree(stored)
    if library_organisation is None:
        return ()
    return tuple(_department(d) for d in library_organisation.departments)


def parents_of(units: Iterable[Unit], parent: str | None = None) -> dict[str, str | None]:
    """Each department's and team's parent department (None at the top)."""
    found: dict[str, str | None] = {}
    for unit in units:
        found[unit.id] = parent
        found |= parents_of(unit.units, unit.id)
    return found


def teams_of(units: Iterable[Unit]) -> list[str]:
    """Every team's id, depth first."""
    found: list[str] = []
    for unit in units:
        found.extend([unit.id] if unit.kind == "team" else teams_of(unit.units))
    return found


def team_inputs(
    team_ids: Iterable[str],
    library: Library,
    read: ReadinessInputs,
    card_of: CardOf,
    *,
    last_day: date,
) -> tuple[TeamInputs, ...]:
    """Per team: its processes from its profile, its card's version, what its managers attested.

    The team attestation that counts is the latest made on or before ``last_day``. Its printed
    card counts as current only when version **and** mark are today's card's (decision #34):
    the rules compare versions only, so a different mark is given to them as no version.
    """
    profiles = library["nl"].teams
    found: list[TeamInputs] = []
    for team_id in team_ids:
        profile = profiles.get(team_id)
        card = card_of(team_id)
        latest = _latest((t for t in read.team_attestations if t.team_id == team_id), last_day)
        team = None
        if latest is not None:
            current = (
                card is not None
                and latest.attestation.printed_card_version == card.version
                and latest.printed_card_mark == card.mark
            )
            printed = latest.attestation.printed_card_version if current else None
            team = replace(latest.attestation, printed_card_version=printed)
        found.append(
            TeamInputs(
                team_id,
                processes=process_ids(profile) if profile else (),
                card_version=card.version if card else 0,
                process_attestations=tuple(
                    p.attestation for p in read.process_attestations if p.team_id == team_id
                ),
                team_attestation=team,
            )
        )
    return tuple(found)


def _latest(
    records: Iterable[TeamAttestationRecord], last_day: date
) -> TeamAttestationRecord | None:
    made = [r for r in records if r.attestation.attested_on <= last_day]
    return max(made, key=lambda r: (r.attestation.attested_on, r.attested_at), default=None)


def _tree(stored: Sequence[StoredUnit]) -> tuple[Unit, ...]:
    known = {unit.id for unit in stored}
    children: dict[str | None, list[StoredUnit]] = {}
    for unit in stored:
        parent = unit.parent if unit.parent in known else None
        children.setdefault(parent, []).append(unit)

    def build(unit: StoredUnit, trail: frozenset[str]) -> Unit:
        if unit.kind == "team":
            return Unit(unit.id, unit.name, "team")
        below = [c for c in _ordered(children.get(unit.id, [])) if c.id not in trail]
        return Unit(
            unit.id, unit.name, "department", tuple(build(c, trail | {c.id}) for c in below)
        )

    return tuple(build(unit, frozenset({unit.id})) for unit in _ordered(children.get(None, [])))


def _ordered(units: Iterable[StoredUnit]) -> list[StoredUnit]:
    return sorted(units, key=lambda u: (u.name.casefold(), u.id))


def _department(department: Department) -> Unit:
    teams = tuple(Unit(t.id, t.name, "team") for t in department.teams)
    below = tuple(_department(d) for d in department.departments)
    return Unit(department.id, department.name, "department", teams + below)
