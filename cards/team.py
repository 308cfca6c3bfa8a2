"""The team's outage card: what an outage means for *my* team, and what we do instead."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from microsoft_teams.cards import Action, AdaptiveCard, Container

from cards.common import (
    bullets,
    facts,
    heading,
    paragraph,
    say_dependencies,
    say_duration,
    sources_block,
    subheading,
)
from cards.menu import MenuButton, command_action
from cards.render import to_json
from content.language import Language
from content.model import Place, Team, TeamProfile

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
    },
}


def team_card(
    team: Team, profile: TeamProfile, places: Sequence[Place], language: Language
) -> dict[str, Any]:
    """The outage card of ``team``; ``places`` are the partners the profile names."""
    text = _TEXT[language]
    body: list[Any] = [heading(text["title"].format(team=team.name)), paragraph(profile.summary)]
    body.append(subheading(text["processes"]))
    for process in profile.processes:
        body.append(
            Container(
                items=[
                    paragraph(f"**{process.name}**"),
                    facts(
                        [
                            (
                                text["needs"],
                                say_dependencies(
                                    process.depends_on, process.applications, language
                                ),
                            ),
                            (text["max"], say_duration(process.mtpd, language)),
                            (text["restart"], say_duration(process.rto, language)),
                            # Work on paper loses no data: its profile leaves rpo out.
                            *(
                                [(text["loss"], say_duration(process.rpo, language))]
                                if process.rpo is not None
                                else []
                            ),
                        ]
                    ),
                    paragraph(f"{text['instead']}: {process.fallback}"),
                ],
                style="emphasis",
                spacing="Small",
            )
        )
    body.append(subheading(text["contacts"]))
    body.append(bullets(f"**{contact.role}**: {contact.why}" for contact in profile.contacts))
    body.append(subheading(text["where"]))
    places_facts = [(text["location"], profile.location)]
    if profile.fallback_location is not None:
        places_facts.append((text["fallback"], profile.fallback_location))
    places_facts.append((text["assembly"], profile.assembly_point))
    body.append(facts(places_facts))
    if places:
        body.append(subheading(text["partners"]))
        body.append(bullets(f"**{place.name}**, {place.address}: {place.what}" for place in places))
    if profile.sources:
        body.append(sources_block(profile.sources, language))
    actions: list[Action] = [command_action(MenuButton(text["quiz"], "quiz"))]
    return to_json(AdaptiveCard(body=body, actions=actions))
