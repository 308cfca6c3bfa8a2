"""From what the store read to what the rules take: the organisation's tree, the processes,
the printed card (version and mark), the attestation that counts."""

from __future__ import annotations

from datetime import date

from content.loader import Library
from readiness.inputs import (
    PrintedCard,
    organisation_units,
    parents_of,
    process_ids,
    scenario_questions,
    team_inputs,
    teams_of,
)
from readiness.rules.disclosure import Unit
from readiness.rules.process import TeamAttestation, process_checks
from store.readiness import ReadinessInputs, StoredUnit, TeamAttestationRecord
from tests.readiness.seed import at


def test_the_imported_organisation_as_a_tree() -> None:
    stored = [
        StoredUnit("publiek", "department", "Publiekszaken", None),
        StoredUnit("hr", "team", "HR", "bedrijf"),
        StoredUnit("bedrijf", "department", "Bedrijfsvoering", None),
        StoredUnit("ict-afd", "department", "ICT-afdeling", "bedrijf"),
        StoredUnit("ict", "team", "ICT", "ict-afd"),
        StoredUnit("bz", "team", "Burgerzaken", "publiek"),
        StoredUnit("los", "team", "Los team", "weg"),  # an unknown parent: at the top
    ]
    tree = organisation_units(stored, None)
    assert tree == (
        Unit("bedrijf", "Bedrijfsvoering", "department", (
            Unit("hr", "HR", "team"),
            Unit("ict-afd", "ICT-afdeling", "department", (Unit("ict", "ICT", "team"),)),
        )),
        Unit("los", "Los team", "team"),
        Unit("publiek", "Publiekszaken", "department", (Unit("bz", "Burgerzaken", "team"),)),
    )  # fmt: skip
    assert parents_of(tree) == {
        "bedrijf": None, "hr": "bedrijf", "ict-afd": "bedrijf", "ict": "ict-afd", "los": None,
        "publiek": None, "bz": "publiek",
    }  # fmt: skip
    assert teams_of(tree) == ["hr", "ict", "los", "bz"]


def test_without_an_import_the_librarys_organisation(bundled: Library) -> None:
    tree = organisation_units((), bundled["nl"].organisation)
    assert "burgerzaken" in teams_of(tree) and "gebouw-en-ict" in parents_of(tree)
    assert organisation_units((), None) == ()


def test_scenario_questions_and_process_ids(bundled: Library) -> None:
    questions = scenario_questions(bundled)
    assert questions and all(bundled["nl"].questions[q].scenarios for q in questions)
    assert process_ids(bundled["nl"].teams["burgerzaken"]) == (
        "overlijden", "geboorte", "reisdocumenten"
    )  # fmt: skip


def record(day: date, mark: str | None, version: int | None = 2) -> TeamAttestationRecord:
    attestation = TeamAttestation(day, "Map", True, True, date(2026, 1, 1), version)
    return TeamAttestationRecord("bz", "m", at(day.isoformat()), attestation, mark)


def inputs(*records: TeamAttestationRecord) -> ReadinessInputs:
    return ReadinessInputs((), (), (), records)


def printed_card_met(bundled: Library, *records: TeamAttestationRecord) -> bool:
    (team,) = team_inputs(
        ["bz"], bundled, inputs(*records), lambda _: PrintedCard(2, "a1b2c3"),
        last_day=date(2026, 12, 6),
    )  # fmt: skip
    checks = process_checks(
        team.processes, team.process_attestations, team.team_attestation,
        card_version=team.card_version, today=date(2026, 12, 6),
    )  # fmt: skip
    return next(c.met for c in checks if c.name == "printed_card")


def test_the_printed_card_is_current_only_with_version_and_mark(bundled: Library) -> None:
    assert printed_card_met(bundled, record(date(2026, 9, 1), "a1b2c3"))
    assert not printed_card_met(bundled, record(date(2026, 9, 1), "ffffff"))  # address changed
    assert not printed_card_met(bundled, record(date(2026, 9, 1), None))
    assert not printed_card_met(bundled, record(date(2026, 9, 1), "a1b2c3", version=1))


def test_the_latest_team_attestation_on_or_before_the_day_counts(bundled: Library) -> None:
    newer_wrong = record(date(2026, 11, 1), "ffffff")
    later = record(date(2026, 12, 7), "a1b2c3")  # after the week: not yet
    assert not printed_card_met(bundled, record(date(2026, 9, 1), "a1b2c3"), newer_wrong, later)
    assert printed_card_met(bundled, newer_wrong, record(date(2026, 11, 2), "a1b2c3"))


def test_a_team_without_a_card_never_has_a_current_printed_card(bundled: Library) -> None:
    (team,) = team_inputs(
        ["bz"], bundled, inputs(record(date(2026, 9, 1), "a1b2c3")), lambda _: None,
        last_day=date(2026, 12, 6),
    )  # fmt: skip
    assert team.team_attestation is not None
    assert team.team_attestation.printed_card_version is None and team.processes == ()
