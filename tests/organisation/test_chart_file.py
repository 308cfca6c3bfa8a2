"""The organisation file: the documented example reads, and every mistake names file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from content.loader import Library
from organisation.chart_file import OrganisationFileError, read_organisation_file

EXAMPLE = Path(__file__).parents[2] / "docs" / "organisation-example.csv"
TEAMS = {"ict", "hr", "burgerzaken"}
OID = "0a1b2c3d-0000-4000-8000-00000000000a"
HEADER = "kind,id,name,parent,person\n"
BASE = HEADER + "department,bedrijfsvoering,Bedrijfsvoering,,\nteam,ict,ICT,bedrijfsvoering,\n"


def read(tmp_path: Path, text: str) -> None:
    path = tmp_path / "org.csv"
    path.write_text(text, encoding="utf-8")
    read_organisation_file(path, TEAMS)


def test_the_example_is_the_bundled_organisation(bundled: Library) -> None:
    organisation = bundled["nl"].organisation
    assert organisation is not None
    read = read_organisation_file(EXAMPLE, {team.id for team in organisation.teams()})
    assert {t.id for t in read.chart.teams()} == {t.id for t in organisation.teams()}
    assert read.chart.units["gebouw-en-ict"].parent == "bedrijfsvoering"
    assert read.chart.units["ict"].parent == "gebouw-en-ict"
    assert read.chart.units["sociaal-domein"].name == "Zorg, Werk en Inkomen"
    assert any(member.by_upn for member in read.members)
    # Every department and team in the example has a manager.
    assert {m.unit_id for m in read.managers} == set(read.chart.units)


def test_members_and_managers_are_read_case_blind(tmp_path: Path) -> None:
    path = tmp_path / "org.csv"
    path.write_text(
        "Kind, ID ,Name,Parent,Person\n"
        "Department,Bedrijfsvoering,Bedrijfsvoering,,\nTEAM,ICT,ICT,BEDRIJFSVOERING,\n"
        + f"# een opmerking, met een komma\nmember,,,ict,{OID.upper()}\n\n"
        + "MEMBER,,,ict, Piet@Voorbeeld.NL \n"
        + f"manager,,,bedrijfsvoering,{OID}\n"
    )
    read = read_organisation_file(path, TEAMS)
    assert [(m.person, m.team, m.by_upn) for m in read.members] == [
        (OID, "ict", False),
        ("piet@voorbeeld.nl", "ict", True),
    ]
    assert [(m.object_id, m.unit_id) for m in read.managers] == [(OID, "bedrijfsvoering")]
    assert read.chart.units["ict"].parent == "bedrijfsvoering"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("team,member\n", "org.csv:1: expected the header 'kind,id,name,parent,person'"),
        (BASE + "team,hr,HR\n", "org.csv:4: expected 5 columns"),
        (BASE + "afdeling,x,X,,\n", "org.csv:4: expected a kind department, team, member"),
        (BASE + "team,Team HR,HR,bedrijfsvoering,\n", "org.csv:4: expected an id of lower-case"),
        (BASE + "team,kantine,Kantine,bedrijfsvoering,\n", "org.csv:4: there is no team 'kantine'"),
        (BASE + "team,hr,HR,,\n", "org.csv:4: team 'hr' needs its department"),
        (BASE + "team,hr,HR,directie,\n", "org.csv:4: parent 'directie' of 'hr' is not a"),
        (BASE + "team,hr,HR,ict,\n", "org.csv:4: parent 'ict' of 'hr' is a team"),
        (BASE + "department,ict,ICT,,\n", "org.csv:4: 'ict' is already a department or team on"),
        (BASE + f"member,,,kantine,{OID}\n", "org.csv:4: there is no team 'kantine' in the file"),
        (
            BASE + f"member,,,bedrijfsvoering,{OID}\n",
            "org.csv:4: 'bedrijfsvoering' is a department",
        ),
        (BASE + "member,,,ict,Piet Jansen\n", "org.csv:4: expected an Entra object id or a user"),
        (BASE + "manager,,,ict,piet@voorbeeld.nl\n", "org.csv:4: expected the manager's Entra"),
        (BASE + f"manager,,,directie,{OID}\n", "org.csv:4: there is no department or team 'dir"),
        (BASE + f"member,ict,,ict,{OID}\n", "org.csv:4: a member row has no id or name"),
        (
            BASE + f"team,hr,HR,bedrijfsvoering,\nmember,,,ict,{OID}\nmember,,,hr,{OID}\n",
            "org.csv:6: this person is already in team 'ict' on line 5",
        ),
        (HEADER + "team,ict,ICT,bedrijfsvoering,\n", "org.csv:1: expected at least one department"),
    ],
)
def test_a_mistake_is_named_with_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(OrganisationFileError) as raised:
        read(tmp_path, text)
    assert any(message in problem for problem in raised.value.problems), raised.value.problems


def test_a_cycle_of_departments_is_refused(tmp_path: Path) -> None:
    text = HEADER + (
        "department,a,A,c,\n"
        "department,b,B,a,\n"
        "department,c,C,b,\n"
        "department,d,D,,\n"
        "team,ict,ICT,d,\n"
    )
    with pytest.raises(OrganisationFileError) as raised:
        read(tmp_path, text)
    assert raised.value.problems == [
        f"{tmp_path / 'org.csv'}:2: departments form a cycle: a → c → b → a"
    ]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = BASE + "team,kantine,Kantine,bedrijfsvoering,\nmember,,,ict,niemand\n"
    with pytest.raises(OrganisationFileError) as raised:
        read(tmp_path, text)
    assert [p.split(": ")[0].rsplit(":", 1)[1] for p in raised.value.problems] == ["4", "5"]
    assert str(raised.value).startswith("2 problems in the organisation file:")


def test_a_file_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    with pytest.raises(OrganisationFileError, match="org.csv:0: cannot read the file"):
        read_organisation_file(tmp_path / "org.csv", TEAMS)
