"""The team's outage card: what an outage means for *my* team, and what we do instead."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from microsoft_teams.cards import Action, AdaptiveCard

from cards.common import (
    Fold,
    bullets,
    facts,
    folds,
    heading,
    paragraph,
    say_dependencies,
    say_duration,
    sources_fold,
    subheading,
)
from cards.menu import MenuButton, command_action
from cards.render import to_json
from content.language import Language
from content.model import Place, Process, Team, TeamProfile

PROCESS_PREFIX = "p"

_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "title": "Uitval bij {team}",
        "processes": "Ons belangrijkste werk",
        "needs": "Heeft nodig",
        "max": "Mag hooguit stilliggen",
        "restart": "Weer aan de slag binnen",
        "loss": "Gegevens kwijt, hooguit",
        "instead": "Zo gaan we door",
        "contacts": "Bel deze mensen (de nummers staan op papier)",
        "where": "Waar?",
        "location": "Werkplek",
        "fallback": "Uitwijklocatie",
        "assembly": "Verzamelplek",
        "partners": "Hulp in de buurt",
        "quiz": "Quiz over mijn team",
        "print": "Afdrukken",
    },
    "en": {
        "title": "An outage at {team}",
        "processes": "Our most important work",
        "needs": "Needs",
        "max": "May stop for at most",
        "restart": "Running again within",
        "loss": "Data lost, at most",
        "instead": "How we carry on",
        "contacts": "Call these people (the numbers are on paper)",
        "where": "Where?",
        "location": "Workplace",
        "fallback": "Fallback location",
        "assembly": "Assembly point",
        "partners": "Help nearby",
        "quiz": "Quiz on my team",
        "print": "Print",
    },
}


def team_card(
    team: Team, profile: TeamProfile, places: Sequence[Place], language: Language
) -> dict[str, Any]:
    """The outage card of ``team``; ``places`` are the partners the profile names.

    Each process is folded under its name, so the card fits a phone; whom to call and where to
    go stay in view.
    """
    text = _TEXT[language]
    body: list[Any] = [heading(text["title"].format(team=team.name)), paragraph(profile.summary)]
    body.append(subheading(text["processes"]))
    body += folds(
        [
            Fold(f"{PROCESS_PREFIX}{number}", process.name, _process_details(process, language))
            for number, process in enumerate(profile.processes, start=1)
        ]
    )
    body.append(subheading(text["contacts"]))
    body.append(bullets(f"**{contact.role}**: {contact.why}" for contact in profile.contacts))
    body.append(subheading(text["where"]))
    body.append(facts(_places_facts(profile, language)))
    if places:
        body.append(subheading(text["partners"]))
        body.append(bullets(f"**{place.name}**, {place.address}: {place.what}" for place in places))
    if profile.sources:
        body += folds([sources_fold(profile.sources, language)])
    actions: list[Action] = [
        command_action(MenuButton(text["quiz"], "quiz")),
        command_action(MenuButton(text["print"], "print")),
    ]
    return to_json(AdaptiveCard(body=body, actions=actions))


def _process_details(process: Process, language: Language) -> list[Any]:
    """What a process needs, how long it may stop, and how the team carries on."""
    text = _TEXT[language]
    pairs = [
        (text["needs"], say_dependencies(process.depends_on, process.applications, language)),
        (text["max"], say_duration(process.mtpd, language)),
        (text["restart"], say_duration(process.rto, language)),
    ]
    # Work on paper loses no data: its profile leaves rpo out.
    if process.rpo is not None:
        pairs.append((text["loss"], say_duration(process.rpo, language)))
    # Lines rather than a fact set: on a phone a fact set's labels wrap word by word.
    return [
        bullets(f"**{label}**: {value}" for label, value in pairs),
        paragraph(f"**{text['instead']}**: {process.fallback}"),
    ]


def _places_facts(profile: TeamProfile, language: Language) -> list[tuple[str, str]]:
    text = _TEXT[language]
    pairs = [(text["location"], profile.location)]
    if profile.fallback_location is not None:
        pairs.append((text["fallback"], profile.fallback_location))
    pairs.append((text["assembly"], profile.assembly_point))
    return pairs
