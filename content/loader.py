"""Read the content library from its folder into one immutable :class:`Library`.

All problems are collected and reported together (:class:`ContentError`); a library with any
problem is never returned, so Paraat never runs on half of it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel, ValidationError

from content.draft import Draft, Entry
from content.language import LANGUAGES, Language
from content.messages import describe, field_path, known_fields
from content.model import (
    Briefing,
    Glossary,
    NoContactRule,
    Organisation,
    PersonalChecklist,
    Place,
    PlacesFile,
    Question,
    QuizFile,
    Scenario,
    TeamProfile,
    Term,
)
from content.problems import ContentError, Problem
from content.rules import check_drafts
from content.yaml_source import SourceFile, YamlProblem, read_yaml

LIBRARY = Path(__file__).with_name("library")
"""The library bundled with Paraat."""

SINGLE_FILES: dict[str, type[BaseModel]] = {
    "organisation.yaml": Organisation,
    "places.yaml": PlacesFile,
    "checklist.yaml": PersonalChecklist,
    "glossary.yaml": Glossary,
}
FOLDERS: dict[str, type[BaseModel]] = {
    "scenarios": Scenario,
    "briefings": Briefing,
    "teams": TeamProfile,
    "quiz": QuizFile,
}
_FIELD_NAMES = known_fields([*SINGLE_FILES.values(), *FOLDERS.values()])


@dataclass(frozen=True)
class LanguageContent:
    """The content in one language."""

    language: Language
    organisation: Organisation | None
    places: Mapping[str, Place]
    checklist: PersonalChecklist | None
    scenarios: Mapping[str, Scenario]
    briefings: Mapping[str, Briefing]
    teams: Mapping[str, TeamProfile]
    questions: Mapping[str, Question]
    glossary: Mapping[str, Term] = field(default_factory=lambda: MappingProxyType({}))
    no_contact: NoContactRule | None = None


@dataclass(frozen=True)
class Library:
    """The whole library: Dutch always, English where written."""

    root: Path
    languages: Mapping[Language, LanguageContent]

    def __getitem__(self, language: Language) -> LanguageContent:
        """The content written in ``language`` (possibly incomplete for English)."""
        return self.languages[language]

    def for_language(self, language: Language) -> LanguageContent:
        """What a user of ``language`` sees: items in their language, Dutch where not translated."""
        dutch = self.languages["nl"]
        own = self.languages.get(language)
        if own is None or own is dutch:
            return dutch

        def merged(field: str) -> Mapping[str, Any]:
            return MappingProxyType({**getattr(dutch, field), **getattr(own, field)})

        return LanguageContent(
            language=language,
            organisation=own.organisation or dutch.organisation,
            places=merged("places"),
            checklist=own.checklist or dutch.checklist,
            scenarios=merged("scenarios"),
            briefings=merged("briefings"),
            teams=merged("teams"),
            questions=merged("questions"),
            glossary=merged("glossary"),
            no_contact=own.no_contact or dutch.no_contact,
        )


def load_library(root: Path = LIBRARY) -> Library:
    """Read and check the library at ``root``.

    Raises:
        ContentError: with every problem found, each with file, line, field and what was expected.
    """
    drafts, problems = read_drafts(root)
    problems.extend(check_drafts(drafts))
    if problems:
        raise ContentError(problems)
    return Library(root, MappingProxyType({d.language: _accept(d) for d in drafts}))


def read_drafts(root: Path) -> tuple[list[Draft], list[Problem]]:
    """Parse and validate every file below ``root``; references are not checked yet."""
    problems: list[Problem] = []
    drafts: list[Draft] = []
    if not (root / "nl").is_dir():
        return [], [Problem(root, 1, "", "expected a folder 'nl' with the Dutch content")]
    for folder in sorted(p for p in root.iterdir() if not p.name.startswith(".")):
        if not folder.is_dir():
            if folder.suffix.lower() != ".md":
                problems.append(Problem(folder, 1, "", _unexpected_file(root)))
            continue
        if folder.name not in LANGUAGES:
            problems.append(
                Problem(
                    folder, 1, "", f"unknown language folder: expected {' or '.join(LANGUAGES)}"
                )
            )
            continue
        draft = Draft(folder.name, folder)
        for path, model in _files(folder, problems):
            _read(path, model, draft, problems)
        drafts.append(draft)
    return drafts, problems


def _unexpected_file(root: Path) -> str:
    return f"unexpected file: content goes in language folders such as {root / 'nl'}"


def _files(folder: Path, problems: list[Problem]) -> Iterator[tuple[Path, type[BaseModel]]]:
    expected = ", ".join([*SINGLE_FILES, *(f"{name}/" for name in FOLDERS)])
    for path in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
        if path.is_file() and path.name in SINGLE_FILES:
            yield path, SINGLE_FILES[path.name]
        elif path.is_dir() and path.name in FOLDERS:
            for inner in sorted(p for p in path.iterdir() if not p.name.startswith(".")):
                if inner.is_file() and inner.suffix == ".yaml":
                    yield inner, FOLDERS[path.name]
                else:
                    problems.append(Problem(inner, 1, "", "expected only .yaml files here"))
        else:
            problems.append(Problem(path, 1, "", f"unexpected here: expected {expected}"))


def _read(path: Path, model: type[BaseModel], draft: Draft, problems: list[Problem]) -> None:
    try:
        source = read_yaml(path)
    except YamlProblem as problem:
        problems.append(Problem(path, problem.line, "", problem.message))
        draft.unreadable_files.add(path)
        return
    if source.data is None:
        problems.append(Problem(path, 1, "", "the file is empty"))
        draft.unreadable_files.add(path)
        return
    try:
        item = model.model_validate(source.data)
    except ValidationError as error:
        draft.unreadable_files.add(path)
        details = error.errors(include_url=False)
        failed = [tuple(detail["loc"]) for detail in details]
        for detail in details:
            location = tuple(detail["loc"])
            if detail["type"] == "too_short" and any(
                len(other) > len(location) and other[: len(location)] == location
                for other in failed
            ):
                continue  # an entry of this list failed; that problem is the one to fix
            problems.append(
                Problem(
                    path,
                    source.line_of(location),
                    field_path(location),
                    describe(detail, _FIELD_NAMES),
                )
            )
        return
    draft.entries.extend(_entries(item, source))


def _entries(item: Any, source: SourceFile) -> Iterator[Entry]:
    if isinstance(item, QuizFile):
        for index, question in enumerate(item.questions):
            yield Entry("question", question.id, question, source, ("questions", index))
    elif isinstance(item, PlacesFile):
        for index, place in enumerate(item.places):
            yield Entry("place", place.id, place, source, ("places", index))
        if item.no_contact is not None:
            yield Entry("no-contact", "no-contact", item.no_contact, source, ("no_contact",))
    elif isinstance(item, Glossary):
        for index, term in enumerate(item.terms):
            yield Entry("term", term.id, term, source, ("terms", index))
    elif isinstance(item, TeamProfile):
        yield Entry("team", item.team, item, source, ())
    elif isinstance(item, Organisation):
        yield Entry("organisation", "organisation", item, source, ())
    elif isinstance(item, PersonalChecklist):
        yield Entry("checklist", item.id, item, source, ())
    elif isinstance(item, Scenario):
        yield Entry("scenario", item.id, item, source, ())
    elif isinstance(item, Briefing):
        yield Entry("briefing", item.id, item, source, ())


def _accept(draft: Draft) -> LanguageContent:
    def by_key(kind: str) -> Mapping[str, Any]:
        return MappingProxyType({entry.key: entry.item for entry in draft.of_kind(kind)})

    organisation = next((e.item for e in draft.of_kind("organisation")), None)
    checklist = next((e.item for e in draft.of_kind("checklist")), None)
    no_contact = next((e.item for e in draft.of_kind("no-contact")), None)
    return LanguageContent(
        language=draft.language,
        organisation=organisation if isinstance(organisation, Organisation) else None,
        places=by_key("place"),
        checklist=checklist if isinstance(checklist, PersonalChecklist) else None,
        scenarios=by_key("scenario"),
        briefings=by_key("briefing"),
        teams=by_key("team"),
        questions=by_key("question"),
        glossary=by_key("term"),
        no_contact=no_contact if isinstance(no_contact, NoContactRule) else None,
    )
