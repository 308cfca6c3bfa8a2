"""The organisation file: one CSV with departments, teams, members and managers.

Every column is described in ``docs/organisation.md``. The reader reports every problem at once,
each as ``file:line: what was expected``, the form editors and terminals link to.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path

from content.model import ID_PATTERN
from organisation.membership import OBJECT_ID, is_upn
from organisation.rules.chart import Chart, Manager, Unit, department_cycles

HEADER = ("kind", "id", "name", "parent", "person")
"""The columns, in this order."""
KINDS = ("department", "team", "member", "manager")
_ID = re.compile(ID_PATTERN)
_NAME_LENGTH = 90


class OrganisationFileError(ValueError):
    """The organisation file has problems; :attr:`problems` has each as ``file:line: …``."""

    def __init__(self, path: Path, problems: list[tuple[int, str]]) -> None:
        """Collect ``problems`` (line, message), at least one."""
        self.problems = [f"{path}:{line}: {message}" for line, message in sorted(problems)]
        count = len(self.problems)
        plural = "s" if count != 1 else ""
        super().__init__(
            f"{count} problem{plural} in the organisation file:\n" + "\n".join(self.problems)
        )


@dataclass(frozen=True)
class Member:
    """A person placed in a team: an Entra object id or a user principal name, lower case."""

    person: str
    team: str
    line: int = 0

    @property
    def by_upn(self) -> bool:
        """True when the person is named by user principal name, not by object id."""
        return OBJECT_ID.match(self.person) is None


@dataclass(frozen=True)
class OrganisationFile:
    """What the file says: the chart, who is in which team, and who manages what."""

    chart: Chart
    members: tuple[Member, ...]
    managers: frozenset[Manager]


def read_organisation_file(path: Path, known_teams: Set[str]) -> OrganisationFile:
    """Read and check the file.

    Args:
        path: The CSV file.
        known_teams: The team ids of the content library's organisation: a team must be one of
            them, since everything staff read is chosen by team.

    Raises:
        OrganisationFileError: naming the file, the line and what was expected, for every
            problem found.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise OrganisationFileError(path, [(0, f"cannot read the file ({error})")]) from None
    reader = _Reader(known_teams)
    rows = csv.reader(text.splitlines())
    header = tuple(cell.strip().lower() for cell in next(rows, []))
    if header != HEADER:
        shown = ",".join(header) or "nothing"
        raise OrganisationFileError(
            path, [(1, f"expected the header '{','.join(HEADER)}', got '{shown}'")]
        )
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row) or row[0].strip().startswith("#"):
            continue
        reader.row(line, [cell.strip() for cell in row])
    return reader.finish(path)


class _Reader:
    """Collects the rows and their problems; the checks that need every row come last."""

    def __init__(self, known_teams: Set[str]) -> None:
        self.known_teams = known_teams
        self.units: dict[str, tuple[int, Unit]] = {}
        self.members: dict[str, Member] = {}
        self.managers: dict[Manager, int] = {}
        self.problems: list[tuple[int, str]] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append((line, message))

    def row(self, line: int, row: list[str]) -> None:
        if len(row) != len(HEADER):
            self.problem(
                line, f"expected {len(HEADER)} columns ({','.join(HEADER)}), got {len(row)}"
            )
            return
        kind, unit_id, name, parent, person = row
        kind = kind.lower()
        if kind in ("department", "team"):
            self.unit(line, kind, unit_id.lower(), name, parent.lower(), person)
        elif kind in ("member", "manager"):
            self.person(line, kind, unit_id, name, parent.lower(), person.lower())
        else:
            self.problem(line, f"expected a kind {', '.join(KINDS)}; got '{kind}'")

    def unit(self, line: int, kind: str, unit_id: str, name: str, parent: str, person: str) -> None:
        if not _ID.match(unit_id) or len(unit_id) > 64:
            self.problem(
                line, f"expected an id of lower-case words joined by hyphens, got '{unit_id}'"
            )
            return
        if not name or len(name) > _NAME_LENGTH:
            self.problem(line, f"expected a name of 1 to {_NAME_LENGTH} characters for '{unit_id}'")
        if person:
            self.problem(line, f"a {kind} row names no person; leave 'person' empty")
        if kind == "team" and not parent:
            self.problem(line, f"team '{unit_id}' needs its department in 'parent'")
        if kind == "team" and unit_id not in self.known_teams:
            self.problem(
                line,
                f"there is no team '{unit_id}' in the content library's organisation "
                "(organisation.yaml); add the team there first",
            )
        if unit_id in self.units:
            earlier = self.units[unit_id][0]
            self.problem(line, f"'{unit_id}' is already a department or team on line {earlier}")
            return
        unit = Unit(unit_id, "team" if kind == "team" else "department", name, parent or None)
        self.units[unit_id] = (line, unit)

    def person(
        self, line: int, kind: str, unit_id: str, name: str, parent: str, person: str
    ) -> None:
        if unit_id or name:
            self.problem(line, f"a {kind} row has no id or name: only 'parent' and 'person'")
        if not parent:
            self.problem(line, f"a {kind} row needs the team or department in 'parent'")
            return
        if kind == "manager":
            if not OBJECT_ID.match(person):
                self.problem(
                    line, f"expected the manager's Entra object id, got '{person or 'nothing'}'"
                )
                return
            self.managers.setdefault(Manager(person, parent), line)
            return
        if not (OBJECT_ID.match(person) or is_upn(person)):
            self.problem(
                line,
                "expected an Entra object id or a user principal name, "
                f"got '{person or 'nothing'}'",
            )
            return
        earlier = self.members.get(person)
        if earlier is not None and earlier.team != parent:
            self.problem(
                line, f"this person is already in team '{earlier.team}' on line {earlier.line}"
            )
            return
        self.members.setdefault(person, Member(person, parent, line))

    def finish(self, path: Path) -> OrganisationFile:
        units = {unit_id: unit for unit_id, (_line, unit) in self.units.items()}
        lines = {unit_id: line for unit_id, (line, _unit) in self.units.items()}
        for unit_id, unit in units.items():
            parent = units.get(unit.parent) if unit.parent else None
            if unit.parent and (parent is None or parent.kind != "department"):
                what = "a team, not a department" if parent else "not a department in the file"
                self.problem(lines[unit_id], f"parent '{unit.parent}' of '{unit_id}' is {what}")
        if not any(unit.kind == "department" for unit in units.values()):
            self.problem(1, "expected at least one department row")
        parents = {i: u.parent for i, u in units.items() if u.kind == "department"}
        for cycle in department_cycles(parents):
            ring = " → ".join([*cycle, cycle[0]])
            self.problem(lines[cycle[0]], f"departments form a cycle: {ring}")
        for member in self.members.values():
            self._check_target(member.line, "member", member.team, units, teams_only=True)
        for manager, line in self.managers.items():
            self._check_target(line, "manager", manager.unit_id, units, teams_only=False)
        if self.problems:
            raise OrganisationFileError(path, self.problems)
        return OrganisationFile(
            Chart(units), tuple(self.members.values()), frozenset(self.managers)
        )

    def _check_target(
        self, line: int, kind: str, target: str, units: dict[str, Unit], *, teams_only: bool
    ) -> None:
        unit = units.get(target)
        if unit is None:
            wanted = "team" if teams_only else "department or team"
            self.problem(line, f"there is no {wanted} '{target}' in the file")
        elif teams_only and unit.kind != "team":
            self.problem(line, f"'{target}' is a department; a member belongs to a team")
