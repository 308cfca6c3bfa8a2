"""The rules across items: unique ids, references that exist, answers that fit, translations."""

from __future__ import annotations

from collections.abc import Iterator

from content.draft import ONE_PER_FILE, Draft, Entry
from content.model import (
    PROFILE_PARTS,
    Briefing,
    Department,
    Organisation,
    PersonalChecklist,
    Question,
    Team,
    TeamProfile,
    duration,
)
from content.problems import Problem


def check_drafts(drafts: list[Draft]) -> list[Problem]:
    """Every problem across the items of all languages (Dutch ids are the reference)."""
    dutch = next((draft for draft in drafts if draft.language == "nl"), None)
    if dutch is None:
        return []
    problems = list(_required(dutch))
    problems.extend(problem for draft in drafts for problem in _check_language(draft, dutch))
    for draft in drafts:
        if draft is not dutch:
            problems.extend(_check_translation(dutch, draft))
    return problems


REQUIRED = {"organisation": "organisation.yaml", "checklist": "checklist.yaml"}


def _required(dutch: Draft) -> Iterator[Problem]:
    for kind, name in REQUIRED.items():
        if not dutch.of_kind(kind) and not dutch.unreadable(name):
            yield Problem(dutch.folder / name, 1, "", f"{name} is missing: the library needs one")


def _check_language(draft: Draft, dutch: Draft) -> Iterator[Problem]:
    yield from _duplicates(draft)
    yield from _file_names(draft)
    teams = _team_ids(dutch)
    scenarios = dutch.known("scenario")
    places = dutch.known("place")
    for entry in draft.entries:
        item = entry.item
        if isinstance(item, Question):
            yield from _question(entry, item, scenarios, teams)
        elif isinstance(item, Briefing):
            yield from _briefing(entry, item, scenarios, teams)
        elif isinstance(item, TeamProfile):
            yield from _team_profile(entry, item, teams, places, draft is dutch)
        elif isinstance(item, Organisation):
            yield from _organisation(entry, item, draft)
        elif isinstance(item, PersonalChecklist):
            yield from _checklist(entry, item)


def _duplicates(draft: Draft) -> Iterator[Problem]:
    first: dict[tuple[str, str], Entry] = {}
    for entry in draft.entries:
        earlier = first.setdefault((entry.kind, entry.key), entry)
        if earlier is not entry:
            where = f"{earlier.source.path}:{earlier.source.line_of(earlier.location)}"
            yield entry.problem(
                f"the {entry.kind} id '{entry.key}' is used twice (first at {where})",
                "team" if entry.kind == "team" else "id",
            )


def _file_names(draft: Draft) -> Iterator[Problem]:
    for entry in draft.entries:
        if entry.kind in ONE_PER_FILE and entry.source.path.stem != entry.key:
            yield entry.problem(
                f"the file name must be the id: rename the file to {entry.key}.yaml "
                "(or change the id)",
                "team" if entry.kind == "team" else "id",
            )


def _team_ids(draft: Draft) -> set[str]:
    organisation = next((e.item for e in draft.of_kind("organisation")), None)
    return (
        {team.id for team in organisation.teams()}
        if isinstance(organisation, Organisation)
        else set()
    )


def _question(
    entry: Entry, question: Question, scenarios: set[str] | None, teams: set[str] | None
) -> Iterator[Problem]:
    option_ids = [option.id for option in question.options]
    for index, option_id in enumerate(option_ids):
        if option_ids.index(option_id) != index:
            yield entry.problem(f"option id '{option_id}' is used twice", "options", index, "id")
    for index, answer in enumerate(question.correct):
        if answer not in option_ids:
            yield entry.problem(
                f"correct answer '{answer}' is not one of the options ({', '.join(option_ids)})",
                "correct",
                index,
            )
    if question.kind == "single" and len(question.correct) != 1:
        yield entry.problem(
            f"a single-choice question has exactly one correct answer, not {len(question.correct)}",
            "correct",
        )
    if not (question.scenarios or question.teams or question.personal):
        yield entry.problem("tag the question with scenarios, teams or personal: true", "id")
    yield from _unknown(entry, "scenarios", question.scenarios, scenarios, "scenario")
    yield from _unknown(entry, "teams", question.teams, teams, "team")


def _briefing(
    entry: Entry, briefing: Briefing, scenarios: set[str] | None, teams: set[str] | None
) -> Iterator[Problem]:
    if (
        scenarios is not None
        and briefing.scenario is not None
        and briefing.scenario not in scenarios
    ):
        yield entry.problem(f"there is no scenario '{briefing.scenario}'", "scenario")
    if briefing.audience != "all":
        yield from _unknown(entry, "audience", briefing.audience, teams, "team")


def _team_profile(
    entry: Entry,
    profile: TeamProfile,
    teams: set[str] | None,
    places: set[str] | None,
    dutch: bool,
) -> Iterator[Problem]:
    if dutch and teams is not None and profile.team not in teams:
        yield entry.problem(f"there is no team '{profile.team}' in organisation.yaml", "team")
    yield from _unknown(entry, "partners", profile.partners, places, "place in places.yaml")
    for index, process in enumerate(profile.processes):
        if duration(process.rto) > duration(process.mtpd):
            yield entry.problem(
                f"rto ({process.rto}) is longer than mtpd ({process.mtpd}): recovery must come "
                "before the disruption becomes intolerable",
                "processes",
                index,
                "rto",
            )
        if "applications" in process.depends_on and not process.applications:
            yield entry.problem(
                "depends_on names applications: list them under applications",
                "processes",
                index,
                "depends_on",
            )
        yield from _data_loss(entry, index, process.depends_on, process.rpo)
    yield from _process_ids(entry, profile)
    if profile.fallback_location is not None and _same_place(
        profile.fallback_location, profile.location
    ):
        yield entry.problem(
            "the fallback location is the building that may be dark: name another place",
            "fallback_location",
        )


def _data_loss(
    entry: Entry, index: int, depends_on: tuple[str, ...], rpo: str | None
) -> Iterator[Problem]:
    uses_systems = "applications" in depends_on
    if uses_systems and rpo is None:
        yield entry.problem(
            "this process uses applications: say how much data may be lost (rpo, e.g. 1d)",
            "processes",
            index,
            "rpo",
        )
    elif not uses_systems and "internet" not in depends_on and rpo is not None:
        yield entry.problem(
            "this process uses no system, so no data can be lost: leave rpo out",
            "processes",
            index,
            "rpo",
        )


def _process_ids(entry: Entry, profile: TeamProfile) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, process in enumerate(profile.processes):
        if process.id is None:
            continue
        if process.id in seen:
            yield entry.problem(
                f"the process id '{process.id}' is used twice", "processes", index, "id"
            )
        if process.id in PROFILE_PARTS:
            yield entry.problem(
                f"'{process.id}' is kept for the profile's {process.id}: choose another process id",
                "processes",
                index,
                "id",
            )
        seen.add(process.id)


def _same_place(one: str, other: str) -> bool:
    """True when both name the same building (the part before the first comma)."""

    def building(text: str) -> str:
        return " ".join(text.split(",", 1)[0].lower().split())

    return building(one) == building(other)


def _organisation(entry: Entry, organisation: Organisation, draft: Draft) -> Iterator[Problem]:
    seen: set[str] = set()
    profiles = draft.known("team") or set()
    for team, path in _teams_with_paths(organisation.departments, ("departments",)):
        if team.id in seen:
            yield entry.problem(f"the team id '{team.id}' is used twice", *path, "id")
        seen.add(team.id)
        if draft.language == "nl" and team.id not in profiles:
            yield entry.problem(f"team '{team.id}' has no profile: add teams/{team.id}.yaml", *path)


def _teams_with_paths(
    departments: tuple[Department, ...], path: tuple[str | int, ...]
) -> Iterator[tuple[Team, tuple[str | int, ...]]]:
    for index, department in enumerate(departments):
        here = (*path, index)
        for team_index, team in enumerate(department.teams):
            yield team, (*here, "teams", team_index)
        yield from _teams_with_paths(department.departments, (*here, "departments"))


def _checklist(entry: Entry, checklist: PersonalChecklist) -> Iterator[Problem]:
    seen: set[str] = set()
    for group_index, group in enumerate(checklist.groups):
        for item_index, item in enumerate(group.items):
            if item.id in seen:
                yield entry.problem(
                    f"the checklist item id '{item.id}' is used twice",
                    "groups",
                    group_index,
                    "items",
                    item_index,
                    "id",
                )
            seen.add(item.id)


def _unknown(
    entry: Entry, field: str, values: tuple[str, ...], known: set[str] | None, what: str
) -> Iterator[Problem]:
    if known is None:
        return  # the file that may define them could not be read: that is the problem to fix
    for index, value in enumerate(values):
        if value not in known:
            yield entry.problem(f"there is no {what} '{value}'", field, index)


def _check_translation(dutch: Draft, other: Draft) -> Iterator[Problem]:
    translated = _present(other)
    for entry in dutch.entries:
        if _is_core(entry) and (entry.kind, entry.key) not in translated:
            yield entry.problem(
                f"this is a core item and has no {other.language} version: add it to "
                f"{other.language}/{_home(entry)}",
                "id",
            )
    originals = _present(dutch)
    by_key = {(entry.kind, entry.key): entry for entry in dutch.entries}
    for entry in other.entries:
        if (entry.kind, entry.key) not in originals:
            yield entry.problem(
                f"there is no Dutch {entry.kind} with the id '{entry.key}' to translate",
                "team" if entry.kind == "team" else "id",
            )
        elif (original := by_key.get((entry.kind, entry.key))) is not None:
            yield from _same_shape(original, entry)


def _same_shape(original: Entry, translation: Entry) -> Iterator[Problem]:
    """A translation says the same thing: same answers, tags, processes and durations."""
    dutch, other = original.item, translation.item
    if isinstance(dutch, Question) and isinstance(other, Question):
        fields: tuple[str, ...] = ("kind", "correct", "scenarios", "teams", "personal")
        yield from _differences(translation, dutch, other, fields)
        if [o.id for o in dutch.options] != [o.id for o in other.options]:
            yield translation.problem(
                "the options must have the same ids, in the same order, as in the Dutch "
                f"question ({', '.join(o.id for o in dutch.options)})",
                "options",
            )
        items = [check.item for check in dutch.checks]
        if other.checks and [check.item for check in other.checks] != items:
            yield translation.problem(
                "checks must name the same profile items as the Dutch question "
                f"({', '.join(items)})",
                "checks",
            )
    elif isinstance(dutch, TeamProfile) and isinstance(other, TeamProfile):
        yield from _differences(translation, dutch, other, ("partners",))
        shape = [(p.id, p.mtpd, p.rto, p.rpo, p.depends_on) for p in dutch.processes]
        if shape != [(p.id, p.mtpd, p.rto, p.rpo, p.depends_on) for p in other.processes]:
            yield translation.problem(
                "the processes must match the Dutch profile: same ids, order, durations and "
                "depends_on (only the words are translated)",
                "processes",
            )
    elif isinstance(dutch, Briefing) and isinstance(other, Briefing):
        yield from _differences(translation, dutch, other, ("audience", "scenario"))


def _differences(
    translation: Entry, dutch: object, other: object, fields: tuple[str, ...]
) -> Iterator[Problem]:
    for name in fields:
        expected = getattr(dutch, name)
        if getattr(other, name) != expected:
            shown = ", ".join(expected) if isinstance(expected, tuple) else expected
            yield translation.problem(f"must be the same as in the Dutch version ({shown})", name)


def _present(draft: Draft) -> set[tuple[str, str]]:
    """(kind, id) of every item, counting a one-per-file item that could not be read."""
    present = {(entry.kind, entry.key) for entry in draft.entries}
    for path in draft.unreadable_files:
        present.update(
            (kind, path.stem) for kind, folder in ONE_PER_FILE.items() if path.parent.name == folder
        )
    return present


def _is_core(entry: Entry) -> bool:
    item = entry.item
    return entry.kind in ("scenario", "checklist") or (
        isinstance(item, Briefing) and item.for_all_staff
    )


def _home(entry: Entry) -> str:
    folder = ONE_PER_FILE.get(entry.kind)
    return f"{folder}/{entry.key}.yaml" if folder else f"{entry.source.path.name}"
