"""``afdrukken``: the person's team outage card and checklist as PDF, through short-lived links.

The bot serves the files behind the links (``GET /afdrukken/{token}``, see
:mod:`printing.downloads`); this feature only hands out the links.
"""

from __future__ import annotations

from conversation.commands import CommandSpec
from conversation.feature import Feature, FeatureContext, command
from conversation.people import Turn
from conversation.reply import Reply
from printing.card import print_card
from printing.downloads import LINK_MINUTES, PrintDownloads
from printing.version import current_card_version

DOWNLOAD_PURPOSE = "print-download"
"""What the download links' secret is derived for (see :meth:`People.derived_secret`)."""


def print_downloads(context: FeatureContext) -> PrintDownloads:
    """The print links and the files behind them, from what every feature is given."""
    return PrintDownloads(
        context.library,
        context.people.derived_secret(DOWNLOAD_PURPOSE),
        context.settings.public_url,
        context.settings.sharepoint_site_url,
        context.clock,
    )


class Printing(Feature):
    """The ``afdrukken`` command (also the target of the "Afdrukken" buttons on the team card
    and the checklist)."""

    def __init__(self, context: FeatureContext) -> None:
        """Make links with the context's settings, library and people's secret."""
        self._library = context.library
        self._downloads = print_downloads(context)

    @command(
        CommandSpec(
            "print",
            {"nl": ("afdrukken", "printen", "op papier"), "en": ("print", "on paper")},
            {
                "nl": "je noodkaart en checklist op papier (PDF)",
                "en": "your outage card and checklist on paper (PDF)",
            },
        )  # fmt: skip
    )
    async def offer(self, turn: Turn, argument: str) -> Reply:
        """Buttons to the team's outage card and the checklist, each a PDF."""
        person = turn.person
        team_id = person.team_id
        team_link = self._downloads.team_link(team_id, person.language) if team_id else None
        version = current_card_version(self._library, team_id, person.language) if team_id else None
        return Reply(
            print_card(
                team_link,
                self._downloads.checklist_link(person.language),
                version,
                LINK_MINUTES,
                person.language,
                has_team=team_id is not None,
            )
        )
