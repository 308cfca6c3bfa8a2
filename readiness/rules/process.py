"""Process readiness: what a team's manager attested about its outage arrangements.

Each critical process has three checks, the team as a whole four; each check counts the same
(docs/readiness.md, "Process readiness"). A check is met only by an attestation that has an
evidence note and is at most :data:`VALID_YEARS` old; the dates inside it (the last test of the
fallback, the last update of the systems list) have their own limits from BIO.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Final, Literal

VALID_YEARS: Final = 1
"""An attestation counts for 12 months; after that it is stale and counts as nothing."""

FALLBACK_TEST_YEARS: Final = 1
"""BIO 5.30.01: continuity plans are tested every year."""

SYSTEMS_LIST_YEARS: Final = 3
"""BIO 5.30.02: the list of critical systems is updated at least every 3 years."""

TEAM: Final = "team"
"""The subject of the checks about the team as a whole."""

CheckName = Literal[
    "targets",
    "fallback",
    "fallback_tested",
    "paper_contacts",
    "fallback_location",
    "systems_list",
    "printed_card",
]
PROCESS_CHECKS: Final[tuple[CheckName, ...]] = ("targets", "fallback", "fallback_tested")
TEAM_CHECKS: Final[tuple[CheckName, ...]] = (
    "paper_contacts",
    "fallback_location",
    "systems_list",
    "printed_card",
)


@dataclass(frozen=True)
class ProcessAttestation:
    """What a manager attested about one critical process, on one day.

    Attributes:
        process_id: The process (its id in the team's profile).
        attested_on: The day it was attested.
        evidence: Where the evidence is: a link or a short note. Without it nothing counts.
        targets_known: MTPD, RTO and (where it applies) RPO are set for the process.
        fallback_exists: A way of working without power or internet is written down.
        fallback_tested_on: When that fallback was last tested; None: never.
    """

    process_id: str
    attested_on: date
    evidence: str
    targets_known: bool
    fallback_exists: bool
    fallback_tested_on: date | None


@dataclass(frozen=True)
class TeamAttestation:
    """What a manager attested about the team as a whole, on one day.

    Attributes:
        attested_on: The day it was attested.
        evidence: Where the evidence is. Without it nothing counts.
        paper_contacts: A paper list of whom to call exists.
        fallback_location: The team knows where it works when its building is closed.
        systems_list_updated_on: When the list of critical systems was last updated.
        printed_card_version: The version of the team's outage card that hangs printed.
    """

    attested_on: date
    evidence: str
    paper_contacts: bool
    fallback_location: bool
    systems_list_updated_on: date | None
    printed_card_version: int | None


@dataclass(frozen=True)
class Check:
    """One check of process readiness and whether it is met.

    Attributes:
        subject: The process id, or :data:`TEAM`.
        name: Which check.
        met: Whether a valid attestation shows it.
    """

    subject: str
    name: CheckName
    met: bool


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _within(moment: date | None, today: date, years: int) -> bool:
    return moment is not None and years_before(today, years) <= moment <= today


def _valid(attested_on: date, evidence: str, today: date) -> bool:
    return bool(evidence.strip()) and _within(attested_on, today, VALID_YEARS)


def process_checks(
    processes: Sequence[str],
    attestations: Iterable[ProcessAttestation],
    team: TeamAttestation | None,
    *,
    card_version: int,
    today: date,
) -> tuple[Check, ...]:
    """Every check of a team on ``today``: three per critical process, then four for the team.

    Args:
        processes: The ids of the team's critical processes (from its profile).
        attestations: Attestations per process, any number and any age; per process the latest
            one made on or before ``today`` counts. Those of other processes are ignored.
        team: The latest attestation about the team as a whole, or None.
        card_version: The current version of the team's outage card.
        today: The day the checks are for (the end of a week for a weekly snapshot).
    """
    latest: dict[str, ProcessAttestation] = {}
    for attestation in attestations:
        if attestation.attested_on > today:
            continue
        known = latest.get(attestation.process_id)
        if known is None or attestation.attested_on >= known.attested_on:
            latest[attestation.process_id] = attestation
    checks: list[Check] = []
    for process_id in processes:
        found = latest.get(process_id)
        valid = found is not None and _valid(found.attested_on, found.evidence, today)
        met = {
            "targets": valid and found is not None and found.targets_known,
            "fallback": valid and found is not None and found.fallback_exists,
            "fallback_tested": valid
            and found is not None
            and found.fallback_exists
            and _within(found.fallback_tested_on, today, FALLBACK_TEST_YEARS),
        }
        checks += [Check(process_id, name, met[name]) for name in PROCESS_CHECKS]
    valid_team = team is not None and _valid(team.attested_on, team.evidence, today)
    team_met = {
        "paper_contacts": valid_team and team is not None and team.paper_contacts,
        "fallback_location": valid_team and team is not None and team.fallback_location,
        "systems_list": valid_team
        and team is not None
        and _within(team.systems_list_updated_on, today, SYSTEMS_LIST_YEARS),
        "printed_card": valid_team
        and team is not None
        and team.printed_card_version == card_version,
    }
    checks += [Check(TEAM, name, team_met[name]) for name in TEAM_CHECKS]
    return tuple(checks)


def process_readiness(checks: Sequence[Check]) -> Fraction:
    """The share of checks met, from 0 to 1 (exact, so hand-worked examples match)."""
    if not checks:
        return Fraction(0)
    return Fraction(sum(check.met for check in checks), len(checks))
