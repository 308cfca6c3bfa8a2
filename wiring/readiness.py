"""What the readiness feature is given from other features: each team's current printed card.

``readiness`` may not import ``printing`` (features stand side by side), so the version a card
printed now carries is handed in as a callable from here.
"""

from __future__ import annotations

from functools import cache

from content.loader import Library
from printing.version import current_card_version
from readiness.inputs import CardOf, PrintedCard


def card_of(library: Library) -> CardOf:
    """The current printed card of each team of ``library`` (its Dutch card; each team's is
    worked out once)."""

    @cache
    def of(team_id: str) -> PrintedCard | None:
        version = current_card_version(library, team_id)
        return None if version is None else PrintedCard(version.profile_version, version.mark)

    return of
