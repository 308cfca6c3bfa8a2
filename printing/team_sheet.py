"""What a team's outage card shows, gathered from the content library in one place."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from content.language import Language
from content.loader import Library
from content.model import NoContactRule, Place, Team, TeamProfile

RADIO_TERM = "rampenzender"
"""The glossary term that names the emergency broadcaster and its frequency."""

CARD_LAYOUT = 1
"""Raise when the card shows something new or leaves something out: every printed card then
counts as old (its mark changes), as it should."""


@dataclass(frozen=True)
class TeamSheet:
    """Everything one team's card shows, in one language.

    Attributes:
        team: The team (its name).
        profile: The team's outage profile.
        language: The card's language.
        support_points: The noodsteunpunten to go to: the team's own partners of that kind,
            else every noodsteunpunt of the organisation.
        no_contact: The organisation's rule for when nobody can be reached.
        radio: The emergency broadcaster and its frequency, as the glossary says it.
        organisation: The organisation's name.
        fictional: The organisation and its places are made up (the bundled example).
    """

    team: Team
    profile: TeamProfile
    language: Language
    support_points: tuple[Place, ...]
    no_contact: NoContactRule | None
    radio: str | None
    organisation: str
    fictional: bool

    @property
    def mark(self) -> str:
        """Six hex digits that change whenever anything printed on the card changes."""
        printed = {
            "layout": CARD_LAYOUT,
            "team": self.team.model_dump(mode="json"),
            "profile": self.profile.model_dump(mode="json"),
            "language": self.language,
            "support_points": [place.model_dump(mode="json") for place in self.support_points],
            "no_contact": self.no_contact.model_dump(mode="json") if self.no_contact else None,
            "radio": self.radio,
            "organisation": [self.organisation, self.fictional],
        }
        text = json.dumps(printed, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:6]


class UnknownTeam(LookupError):
    """The organisation has no team with this id, or the team has no outage profile."""


def team_ids(library: Library) -> list[str]:
    """Every team that has an outage profile, in the organisation's order."""
    content = library.for_language("nl")
    organisation = content.organisation
    ordered = [team.id for team in organisation.teams()] if organisation else []
    return [team_id for team_id in ordered if team_id in content.teams]


def team_sheet(library: Library, team_id: str, language: Language) -> TeamSheet:
    """The card of ``team_id`` in ``language`` (Dutch where not translated).

    Raises:
        UnknownTeam: no such team, or no outage profile for it.
    """
    content = library.for_language(language)
    organisation = content.organisation
    team = organisation.team(team_id) if organisation else None
    profile = content.teams.get(team_id)
    if organisation is None or team is None or profile is None:
        raise UnknownTeam(team_id)
    every_point = [p for p in content.places.values() if p.kind == "noodsteunpunt"]
    own = [
        content.places[p]
        for p in profile.partners
        if p in content.places and content.places[p].kind == "noodsteunpunt"
    ]
    radio = content.glossary.get(RADIO_TERM)
    return TeamSheet(
        team=team,
        profile=profile,
        language=language,
        support_points=tuple(own or every_point),
        no_contact=content.no_contact,
        radio=radio.meaning if radio else None,
        organisation=organisation.name,
        fictional=organisation.fictional,
    )
