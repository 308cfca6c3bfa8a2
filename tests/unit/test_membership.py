"""The organisation's membership list: who is in which team, with clear errors for bad lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from organisation.membership import MembershipError, read_membership

TEAMS = {"ict", "hr"}
OBJECT_ID = "0A1B2C3D-0000-0000-0000-00000000000A"


def test_object_ids_and_user_principal_names(tmp_path: Path) -> None:
    path = tmp_path / "members.csv"
    path.write_text(f"team,member\nict,{OBJECT_ID}\n\nhr, Piet.Jansen@Voorbeeld.nl \n")
    membership = read_membership(path, TEAMS)
    assert membership.team_for(OBJECT_ID.lower()) == "ict"
    assert membership.team_for("someone-else", "piet.jansen@voorbeeld.nl") == "hr"
    assert membership.team_for("someone-else") is None and membership.uses_upn


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("naam,team\n", "members.csv:1: expected the header 'team,member'"),
        ("team,member\nict\n", "members.csv:2: expected two columns"),
        ("team,member\nict,Piet Jansen\n", "members.csv:2: expected an Entra object id or a user"),
        (f"team,member\nict,{OBJECT_ID}\nkantine,a@b.nl\n", "members.csv:3: there is no team"),
    ],
)
def test_a_bad_line_is_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "members.csv"
    path.write_text(text)
    with pytest.raises(MembershipError, match=message.replace(".", r"\.")):
        read_membership(path, TEAMS)
