"""The content model: what Paraat tells staff, as immutable typed objects.

Every kind is read from YAML (see ``content/library/README.md``); unknown fields are errors, so
a typo in a field name is caught instead of silently ignored. Length limits keep every text small
enough for an Adaptive Card.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
)

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DURATION_PATTERN = r"^[1-9][0-9]*(m|h|d|w)$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
"""Lower-case words joined by hyphens, e.g. ``burgerzaken`` or ``stroom-72-uur``."""


def _clean(text: str) -> str:
    return text.strip()


Title = Annotated[str, AfterValidator(_clean), StringConstraints(min_length=1, max_length=90)]
Line = Annotated[str, AfterValidator(_clean), StringConstraints(min_length=1, max_length=200)]
Paragraph = Annotated[str, AfterValidator(_clean), StringConstraints(min_length=1, max_length=600)]
Body = Annotated[str, AfterValidator(_clean), StringConstraints(min_length=1, max_length=1500)]
QuestionText = Annotated[
    str, AfterValidator(_clean), StringConstraints(min_length=1, max_length=300)
]
Duration = Annotated[str, StringConstraints(pattern=DURATION_PATTERN)]
"""A period such as ``30m``, ``4h``, ``3d`` or ``2w``."""

_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def duration(value: str) -> timedelta:
    """A :data:`Duration` as a ``timedelta``."""
    match = re.fullmatch(DURATION_PATTERN, value)
    if not match:
        raise ValueError(f"not a duration: {value!r}")
    return timedelta(**{_UNITS[match.group(1)]: int(value[:-1])})


class Item(BaseModel):
    """Base of every content object: immutable, and no fields beyond the documented ones."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(Item):
    """A public source for the facts in an item."""

    title: Title
    url: HttpUrl
    publisher: Title | None = None


Sources = Annotated[tuple[Source, ...], Field(min_length=1)]


class Phases(Item):
    """What fails, and what people notice, as an outage goes on."""

    first_hour: tuple[Line, ...] = Field(min_length=1)
    after_4_hours: tuple[Line, ...] = Field(min_length=1)
    after_24_hours: tuple[Line, ...] = Field(min_length=1)
    after_72_hours: tuple[Line, ...] = Field(min_length=1)


class Scenario(Item):
    """An outage scenario, e.g. 72 hours without power and internet."""

    id: Id
    version: int = Field(ge=1)
    title: Title
    summary: Paragraph
    phases: Phases
    advice: tuple[Line, ...] = Field(min_length=1, max_length=8)
    sources: Sources


class Section(Item):
    """A part of a briefing: a heading and Markdown text."""

    heading: Title
    body: Body


class Briefing(Item):
    """A short explanation for all staff (``audience: all``) or for named teams."""

    id: Id
    version: int = Field(ge=1)
    title: Title
    summary: Paragraph
    scenario: Id | None = None
    audience: Literal["all"] | tuple[Id, ...]
    sections: tuple[Section, ...] = Field(min_length=1, max_length=8)
    key_actions: tuple[Line, ...] = Field(min_length=1, max_length=6)
    sources: Sources

    @property
    def for_all_staff(self) -> bool:
        """True for a briefing to everyone, which must also exist in English."""
        return self.audience == "all"


class Option(Item):
    """One answer option of a quiz question."""

    id: Id
    text: Line


PROFILE_PARTS = ("contacts", "places")
"""Parts of a team profile a question can refer to besides its processes (``team/contacts``)."""
REF_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$"


class ProfileCheck(Item):
    """What a question tests in a team profile: ``team/process-id``, ``team/contacts`` or
    ``team/places`` (location, fallback location, assembly point and partners).

    ``hash`` is the fingerprint of that item when the question was written; ``paraat content
    check`` warns when the item has changed since, or is gone.
    """

    item: Annotated[str, StringConstraints(pattern=REF_PATTERN, max_length=129)]
    hash: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8}$")] | None = None

    @property
    def team(self) -> str:
        """The team id of the referenced profile."""
        return self.item.split("/", 1)[0]

    @property
    def part(self) -> str:
        """The process id, or ``contacts`` / ``places``."""
        return self.item.split("/", 1)[1]


class Question(Item):
    """A quiz question with its options, right answer(s), explanation and source."""

    id: Id
    version: int = Field(default=1, ge=1)
    kind: Literal["single", "multiple"] = "single"
    question: QuestionText
    options: tuple[Option, ...] = Field(min_length=2, max_length=5)
    correct: tuple[Id, ...] = Field(min_length=1)
    explanation: Paragraph
    source: Source
    difficulty: int = Field(default=1, ge=1, le=3)
    scenarios: tuple[Id, ...] = ()
    teams: tuple[Id, ...] = ()
    personal: bool = False
    checks: tuple[ProfileCheck, ...] = ()


class QuizFile(Item):
    """A YAML file of quiz questions."""

    questions: tuple[Question, ...] = Field(min_length=1)


Dependency = Literal["power", "internet", "phone", "building-access", "applications"]


class Process(Item):
    """A critical process of a team and how it keeps going during an outage.

    ``rpo`` (how much data may be lost) only applies to a process that uses applications; a
    process that runs on paper, people and keys has none and leaves it out.
    """

    id: Id | None = None
    name: Title
    mtpd: Duration
    rto: Duration
    rpo: Duration | None = None
    depends_on: tuple[Dependency, ...] = Field(min_length=1)
    applications: tuple[Title, ...] = ()
    fallback: Paragraph


class ContactRole(Item):
    """A role to keep on the team's paper contact list (roles, never people's names)."""

    role: Title
    why: Line


class TeamProfile(Item):
    """What an outage means for one team: its critical processes, contacts and places."""

    team: Id
    version: int = Field(ge=1)
    summary: Paragraph
    processes: tuple[Process, ...] = Field(min_length=1)
    contacts: tuple[ContactRole, ...] = Field(min_length=1)
    location: Line
    fallback_location: Line | None = None
    """Where the team works when ``location`` is dark or closed (its uitwijklocatie)."""
    assembly_point: Line
    partners: tuple[Id, ...] = ()
    sources: tuple[Source, ...] = ()

    def process(self, process_id: str) -> Process | None:
        """The process with this id, or None."""
        return next((p for p in self.processes if p.id == process_id), None)


class Team(Item):
    """A team in the organisation."""

    id: Id
    name: Title
    manager_role: Title


class Department(Item):
    """A department: teams and, optionally, sub-departments."""

    id: Id
    name: Title
    manager_role: Title
    teams: tuple[Team, ...] = ()
    departments: tuple[Department, ...] = ()


class Organisation(Item):
    """The municipality's structure (the bundled one is fictional and says so)."""

    name: Title
    fictional: bool
    note: Paragraph | None = None
    departments: tuple[Department, ...] = Field(min_length=1)

    def teams(self) -> list[Team]:
        """Every team, depth first."""
        found: list[Team] = []

        def walk(departments: tuple[Department, ...]) -> None:
            for department in departments:
                found.extend(department.teams)
                walk(department.departments)

        walk(self.departments)
        return found

    def team(self, team_id: str) -> Team | None:
        """The team with this id, or None."""
        return next((team for team in self.teams() if team.id == team_id), None)


class ChecklistItem(Item):
    """One thing to have or arrange at home."""

    id: Id
    text: Line
    why: Line | None = None


class ChecklistGroup(Item):
    """A group of checklist items, e.g. water and food."""

    id: Id
    title: Title
    items: tuple[ChecklistItem, ...] = Field(min_length=1)


class PersonalChecklist(Item):
    """The personal 72-hour checklist: emergency kit and plan."""

    id: Id
    version: int = Field(ge=1)
    title: Title
    intro: Paragraph
    groups: tuple[ChecklistGroup, ...] = Field(min_length=1)
    sources: Sources


class NoContactRule(Item):
    """What every colleague does when phone and internet are gone and nobody can be reached."""

    where: Line
    times: tuple[
        Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")], ...
    ] = Field(min_length=1)
    what: Paragraph


class Place(Item):
    """A noodsteunpunt (emergency support point) or a partner organisation."""

    id: Id
    kind: Literal["noodsteunpunt", "partner"]
    name: Title
    address: Line
    what: Paragraph


class PlacesFile(Item):
    """The YAML file of places, and the organisation's rule for when all contact is lost."""

    fictional: bool
    no_contact: NoContactRule | None = None
    places: tuple[Place, ...] = Field(min_length=1)


class Term(Item):
    """One word per concept: the word staff texts use, what it means, and words to avoid."""

    id: Id
    term: Title
    meaning: Paragraph
    avoid: tuple[Title, ...] = ()
    sources: tuple[Source, ...] = ()
    """For a term whose meaning states a fact (a regional grid operator, a frequency)."""


class Glossary(Item):
    """The library's glossary (``glossary.yaml``); ``paraat content check`` warns about every
    avoided word in a staff text."""

    terms: tuple[Term, ...] = Field(min_length=1)
