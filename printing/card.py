"""The Teams card that offers the printable PDFs: buttons that open short-lived links.

Kept here rather than in ``cards/`` while the printing feature is new; it uses only the shared
card pieces, so it can move to ``cards/printing.py`` unchanged.
"""

from __future__ import annotations

from typing import Any

from microsoft_teams.cards import Action, AdaptiveCard, OpenUrlAction

from cards.common import heading, paragraph
from cards.menu import MenuButton, command_action
from cards.render import to_json
from content.language import Language
from printing.version import CardVersion

_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "title": "Op papier",
        "intro": "Valt alles uit? Dan werken Teams en SharePoint niet meer. Druk daarom je "
        "noodkaart en je checklist nu af. Leg ze op een vaste plek.",
        "version": "De noodkaart van je team is nu versie {version} (kenmerk {mark}). Staat er "
        "iets anders op de kaart op je werkplek? Druk dan de nieuwe af.",
        "minutes": "De knoppen werken {minutes} minuten. Daarna typ je opnieuw: afdrukken.",
        "team": "Noodkaart (PDF)",
        "checklist": "Checklist (PDF)",
        "no_team": "Kies eerst je team. Dan kun je ook de noodkaart van je team afdrukken.",
        "choose": "Kies mijn team",
        "unavailable": "Afdrukken kan hier nog niet: Paraat kent zijn eigen adres niet. Vraag "
        "de beheerder om de kaarten af te drukken (paraat print all).",
    },
    "en": {
        "title": "On paper",
        "intro": "If everything fails, Teams and SharePoint stop working. So print your "
        "outage card and your checklist now. Keep them in a fixed place.",
        "version": "Your team's outage card is now version {version} (mark {mark}). Does the "
        "card at your desk say otherwise? Then print the new one.",
        "minutes": "The buttons work for {minutes} minutes. After that, type print again.",
        "team": "Outage card (PDF)",
        "checklist": "Checklist (PDF)",
        "no_team": "Choose your team first. Then you can print your team's outage card too.",
        "choose": "Choose my team",
        "unavailable": "Printing is not possible here yet: Paraat does not know its own "
        "address. Ask the administrator to print the cards (paraat print all).",
    },
}


def print_card(
    team_link: str | None,
    checklist_link: str | None,
    version: CardVersion | None,
    minutes: int,
    language: Language,
    *,
    has_team: bool,
) -> dict[str, Any]:
    """The buttons to the team's card and the checklist as PDF; without links, why not."""
    text = _TEXT[language]
    body: list[Any] = [heading(text["title"]), paragraph(text["intro"])]
    actions: list[Action] = []
    if checklist_link is None:
        body.append(paragraph(text["unavailable"]))
        return to_json(AdaptiveCard(body=body))
    if team_link is not None:
        actions.append(OpenUrlAction(title=text["team"], url=team_link))
        if version is not None:
            said = text["version"].format(version=version.profile_version, mark=version.mark)
            body.append(paragraph(said))
    actions.append(OpenUrlAction(title=text["checklist"], url=checklist_link))
    body.append(paragraph(text["minutes"].format(minutes=minutes), subtle=True))
    if not has_team:
        body.append(paragraph(text["no_team"]))
        actions.append(command_action(MenuButton(text["choose"], "choose-team")))
    return to_json(AdaptiveCard(body=body, actions=actions))
