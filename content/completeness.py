"""Warnings about a library that loads but is not finished: a team without a fallback location, a
question whose profile item changed, an item without its English version.

These never stop a running Paraat (a municipality adds its own items one by one); ``paraat content
check`` prints them with file and line, and the test suite holds the bundled library to none.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

from content.draft import ONE_PER_FILE, Draft, Entry
from content.model import PROFILE_PARTS, Briefing, ProfileCheck, Question, TeamProfile
from content.problems import Problem

TRANSLATED = ("question", "team", "briefing", "term", "place", "no-contact")
"""Kinds that every other language has too (scenarios and the checklist are required by the rules
that stop loading; these are warned about, so a municipality can add its own Dutch first)."""


def fingerprint(profile: TeamProfile, part: str) -> str | None:
    """A short hash of one item of ``profile``: a process (by id), ``contacts`` or ``places``.

    None when the profile has no such item. Any change to the item's words or numbers changes it.
    """
    if part == "contacts":
        data: object = [contact.model_dump(mode="json") for contact in profile.contacts]
    elif part == "places":
        data = {
            "location": profile.location,
            "fallback_location": profile.fallback_location,
            "assembly_point": profile.assembly_point,
            "partners": list(profile.partners),
        }
    else:
        process = profile.process(part)
        if process is None:
            return None
        data = process.model_dump(mode="json")
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def completeness_problems(drafts: list[Draft]) -> Iterator[Problem]:
    """Warnings for every language; Dutch is the reference."""
    dutch = next((draft for draft in drafts if draft.language == "nl"), None)
    if dutch is None:
        return
    profiles = {e.key: e.item for e in dutch.of_kind("team") if isinstance(e.item, TeamProfile)}
    for entry in dutch.entries:
        if isinstance(entry.item, TeamProfile):
            yield from _profile(entry, entry.item)
        elif isinstance(entry.item, Question):
            yield from _checks(entry, entry.item, profiles)
    for draft in drafts:
        if draft is not dutch:
            yield from _missing_translations(dutch, draft)


def _profile(entry: Entry, profile: TeamProfile) -> Iterator[Problem]:
    if profile.fallback_location is None:
        yield entry.problem(
            "add fallback_location: where the team works when its building is dark or closed "
            "(another building than the location)",
            "location",
            warning=True,
        )
    for index, process in enumerate(profile.processes):
        if process.id is None:
            yield entry.problem(
                "give the process an id, so quiz questions can refer to it",
                "processes",
                index,
                "name",
                warning=True,
            )


def _checks(
    entry: Entry, question: Question, profiles: dict[str, TeamProfile]
) -> Iterator[Problem]:
    for index, check in enumerate(question.checks):
        yield from _check(entry, question, index, check, profiles)


def _check(
    entry: Entry,
    question: Question,
    index: int,
    check: ProfileCheck,
    profiles: dict[str, TeamProfile],
) -> Iterator[Problem]:
    where = ("checks", index, "item")
    if check.team not in question.teams:
        yield entry.problem(
            f"the question tests the profile of '{check.team}': add it to teams",
            *where,
            warning=True,
        )
    profile = profiles.get(check.team)
    if profile is None:
        yield entry.problem(f"there is no team profile '{check.team}'", *where, warning=True)
        return
    now = fingerprint(profile, check.part)
    if now is None:
        known = ", ".join([*(p.id for p in profile.processes if p.id), *PROFILE_PARTS])
        yield entry.problem(
            f"the profile of '{check.team}' has no '{check.part}' (any more): the question may "
            f"test something that is gone; refer to one of {known}",
            *where,
            warning=True,
        )
    elif check.hash is None:
        yield entry.problem(
            f"add hash: {now} (the profile item as it is now), so a later change to it is noticed",
            *where,
            warning=True,
        )
    elif check.hash != now:
        yield entry.problem(
            f"{check.item} changed since this question was written: check that the question "
            f"and its answer still fit the profile, then set hash: {now}",
            "checks",
            index,
            "hash",
            warning=True,
        )


def _missing_translations(dutch: Draft, other: Draft) -> Iterator[Problem]:
    present = {(entry.kind, entry.key) for entry in other.entries}
    lost = {path.name for path in other.unreadable_files}
    for entry in dutch.entries:
        if entry.kind not in TRANSLATED or (entry.kind, entry.key) in present:
            continue
        if isinstance(entry.item, Briefing) and entry.item.for_all_staff:
            continue  # a core item: the rules that stop loading already say so
        home = _home(entry)
        if home.rsplit("/", 1)[-1] in lost:
            continue  # that file could not be read: its own problem says why
        yield entry.problem(
            f"no {other.language} version yet ({other.language} users see the Dutch text): "
            f"add it to {other.language}/{home}",
            "team" if entry.kind == "team" else "id",
            warning=True,
        )


def _home(entry: Entry) -> str:
    folder = ONE_PER_FILE.get(entry.kind)
    if folder:
        return f"{folder}/{entry.key}.yaml"
    if entry.kind == "question":
        return f"quiz/{entry.source.path.name}"
    return entry.source.path.name
