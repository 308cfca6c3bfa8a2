"""Process readiness from the manager's attestations: evidence, dates and BIO's limits."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction

import pytest

from readiness.rules.process import (
    TEAM,
    Check,
    ProcessAttestation,
    TeamAttestation,
    process_checks,
    process_readiness,
    years_before,
)

TODAY = date(2026, 12, 6)
GOOD_PROCESS = ProcessAttestation(
    "aangifte", date(2026, 6, 1), "Draaiboek op de teamsite", True, True, date(2026, 5, 20)
)
GOOD_TEAM = TeamAttestation(date(2026, 6, 1), "Map noodprocedures", True, True, date(2025, 1, 1), 3)


def met(
    processes: tuple[str, ...] = ("aangifte",),
    attestations: tuple[ProcessAttestation, ...] = (GOOD_PROCESS,),
    team: TeamAttestation | None = GOOD_TEAM,
) -> list[str]:
    """The names of the checks met, as ``subject.check``."""
    checks = process_checks(processes, attestations, team, card_version=3, today=TODAY)
    return [f"{c.subject}.{c.name}" for c in checks if c.met]


ALL = [
    "aangifte.targets", "aangifte.fallback", "aangifte.fallback_tested",
    "team.paper_contacts", "team.fallback_location", "team.systems_list", "team.printed_card",
]  # fmt: skip


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        pytest.param({}, ALL, id="everything-attested-and-current"),
        pytest.param({"attestations": (), "team": None}, [], id="nothing-attested"),
        pytest.param(
            {"attestations": (replace(GOOD_PROCESS, attested_on=date(2025, 12, 5)),)},
            ALL[3:],
            id="a-process-attested-more-than-12-months-ago-is-stale",
        ),
        pytest.param(
            {"attestations": (replace(GOOD_PROCESS, attested_on=date(2025, 12, 6)),)},
            ALL,
            id="exactly-12-months-still-counts",
        ),
        pytest.param(
            {"attestations": (replace(GOOD_PROCESS, evidence="  "),)},
            ALL[3:],
            id="without-evidence-nothing-counts",
        ),
        pytest.param(
            {"attestations": (replace(GOOD_PROCESS, fallback_tested_on=date(2025, 12, 5)),)},
            ALL[:2] + ALL[3:],
            id="fallback-tested-more-than-a-year-ago",
        ),
        pytest.param(
            {"attestations": (replace(GOOD_PROCESS, fallback_exists=False),)},
            ALL[:1] + ALL[3:],
            id="no-fallback-cannot-have-been-tested",
        ),
        pytest.param(
            {"team": replace(GOOD_TEAM, systems_list_updated_on=date(2023, 12, 5))},
            ALL[:5] + ALL[6:],
            id="systems-list-older-than-3-years",
        ),
        pytest.param(
            {"team": replace(GOOD_TEAM, printed_card_version=2)},
            ALL[:6],
            id="the-printed-card-is-an-old-version",
        ),
        pytest.param(
            {
                "attestations": (
                    GOOD_PROCESS,
                    replace(GOOD_PROCESS, attested_on=date(2026, 7, 1), targets_known=False),
                )
            },
            ALL[1:],
            id="the-latest-attestation-of-a-process-counts",
        ),  # fmt: skip
        pytest.param(
            {"attestations": (replace(GOOD_PROCESS, attested_on=date(2026, 12, 7)),)},
            ALL[3:],
            id="an-attestation-after-the-day-does-not-count-yet",
        ),
    ],
)
def test_which_checks_are_met(kwargs: dict[str, object], expected: list[str]) -> None:
    assert met(**kwargs) == expected  # type: ignore[arg-type]


def test_three_checks_per_process_and_four_for_the_team_count_the_same() -> None:
    checks = process_checks(
        ("a", "b"), (replace(GOOD_PROCESS, process_id="a"),), GOOD_TEAM, card_version=3,
        today=TODAY,
    )  # fmt: skip
    assert len(checks) == 10 and [c.subject for c in checks].count(TEAM) == 4
    assert process_readiness(checks) == Fraction(7, 10)


def test_no_checks_is_no_readiness() -> None:
    assert process_readiness(()) == 0
    assert process_readiness((Check(TEAM, "printed_card", True),)) == 1


def test_a_leap_day_a_year_back_is_the_28th() -> None:
    assert years_before(date(2028, 2, 29), 1) == date(2027, 2, 28)
