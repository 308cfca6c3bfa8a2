"""What publishing needs to put the teams' printable outage cards on the site.

``sync`` and ``printing`` are features on one floor and may not import each other, so the
printing is handed in: :class:`CardPrinter` is built from ``printing`` by ``wiring`` (for the
bot) and ``cli`` (for ``paraat sync sharepoint``); tests hand in a fake. Without a printer a
run leaves the cards' files as they are.
"""

from __future__ import annotations

from typing import Protocol

from content.language import Language


class CardPrinter(Protocol):
    """Prints a team's outage card: its version without printing, its PDF with Chromium."""

    def version(self, team_id: str, language: Language) -> str | None:
        """The version the card printed now carries (``2-a1b2c3``), over everything printed
        on it but the print date; None when the team has no card. No Chromium needed."""
        ...

    def missing(self) -> str | None:
        """Why no PDF can be printed here (Chromium is not installed); None when it can."""
        ...

    async def pdf(self, team_id: str, language: Language) -> bytes:
        """The card as a PDF.

        Raises:
            StepFailed: Chromium could not print it (this card fails; the others go on).
        """
        ...
