"""Which version of a team's outage card is current: what a manager's attestation "the printed
card is the current version" is checked against."""

from __future__ import annotations

from dataclasses import dataclass

from content.language import Language
from content.loader import Library
from printing.team_sheet import TeamSheet, UnknownTeam, team_sheet


@dataclass(frozen=True)
class CardVersion:
    """The version printed at the foot of a team's card.

    Attributes:
        team_id: The team.
        language: The card's language.
        profile_version: The ``version`` of the team's outage profile.
        mark: Six hex digits over everything printed on the card (profile, places, the
            no-contact rule, the broadcaster), so a change outside the profile shows too.
    """

    team_id: str
    language: Language
    profile_version: int
    mark: str

    @property
    def label(self) -> str:
        """What the card says and a manager compares: ``2-a1b2c3``."""
        return f"{self.profile_version}-{self.mark}"


def sheet_version(sheet: TeamSheet) -> CardVersion:
    """The version of the card ``sheet`` prints."""
    return CardVersion(sheet.team.id, sheet.language, sheet.profile.version, sheet.mark)


def current_card_version(
    library: Library, team_id: str, language: Language = "nl"
) -> CardVersion | None:
    """The version a card of ``team_id`` printed now carries (None: the team has no card).

    A printed card is current when its label (``Versie 2 (kenmerk a1b2c3)``) matches this
    version's profile version and mark; the print date on the card does not matter.
    """
    try:
        return sheet_version(team_sheet(library, team_id, language))
    except UnknownTeam:
        return None
