"""The manager's form to record the team's outage arrangements, with evidence and dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from microsoft_teams.cards import AdaptiveCard, Container, DateInput, TextInput, ToggleInput

from cards.common import execute, heading, paragraph, say_duration, subheading
from cards.render import to_json
from content.language import Language
from content.model import Team, TeamProfile

SAVE_VERB = "attest.save"
CHECKS = ("paper_contacts", "fallback_location", "systems_list", "printed_card")


@dataclass(frozen=True)
class Arrangements:
    """What a manager recorded before (to fill the form again)."""

    tested_on: tuple[date | None, ...]
    checks: frozenset[str]
    evidence: str


_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "title": "Afspraken voor uitval: {team}",
        "intro": "Leg vast wat er geregeld is. Je team ziet dit terug op de uitvalkaart.",
        "process": "**{name}**: mag hooguit {mtpd} stilliggen, weer aan de slag binnen {rto}.",
        "tested": "Wanneer is het plan voor zonder stroom of internet voor het laatst getest?",
        "date_error": "Vul een datum in, niet later dan vandaag.",
        "yes": "Ja",
        "team_checks": "Voor het hele team",
        "paper_contacts": "Er is een papieren lijst met de nummers van wie we moeten bellen.",
        "fallback_location": "We weten waar we gaan werken als ons gebouw dicht is.",
        "systems_list": "De lijst met onze belangrijke computersystemen is bijgewerkt.",
        "printed_card": "De geprinte uitvalkaart van ons team is de nieuwste versie.",
        "evidence": "Waar staat het bewijs? Geef een link of een korte omschrijving.",
        "evidence_error": "Vertel waar het bewijs staat.",
        "save": "Vastleggen",
        "toggle_error": "Vink aan of laat leeg.",
    },
    "en": {
        "title": "Outage arrangements: {team}",
        "intro": "Record what is arranged. Your team sees it on its outage card.",
        "process": "**{name}**: may stop for at most {mtpd}, running again within {rto}.",
        "tested": "When was the plan for working without power or internet last tested?",
        "date_error": "Enter a date, not later than today.",
        "yes": "Yes",
        "team_checks": "For the whole team",
        "paper_contacts": "There is a paper list with the numbers of whom to call.",
        "fallback_location": "We know where we will work if our building is closed.",
        "systems_list": "The list of our important computer systems is up to date.",
        "printed_card": "The printed outage card of our team is the newest version.",
        "evidence": "Where is the evidence? Give a link or a short description.",
        "evidence_error": "Say where the evidence is.",
        "save": "Record",
        "toggle_error": "Tick or leave empty.",
    },
}


def attestation_card(
    team: Team,
    profile: TeamProfile,
    language: Language,
    *,
    today: date,
    previous: Arrangements | None = None,
) -> dict[str, Any]:
    """A form per critical process (last test date) and for the team (paper list, place...)."""
    text = _TEXT[language]
    body: list[Any] = [heading(text["title"].format(team=team.name)), paragraph(text["intro"])]
    for index, process in enumerate(profile.processes):
        tested = previous.tested_on[index] if previous and index < len(previous.tested_on) else None
        body.append(
            Container(
                items=[
                    paragraph(
                        text["process"].format(
                            name=process.name,
                            mtpd=say_duration(process.mtpd, language),
                            rto=say_duration(process.rto, language),
                        )
                    ),
                    DateInput(
                        id=f"tested.{index}",
                        label=text["tested"],
                        max=today.isoformat(),
                        value=tested.isoformat() if tested else None,
                        error_message=text["date_error"],
                    ),
                ],
                style="emphasis",
            )
        )
    body.append(subheading(text["team_checks"]))
    for check in CHECKS:
        ticked = previous is not None and check in previous.checks
        body.append(
            ToggleInput(
                id=check,
                label=text[check],
                title=text["yes"],
                value="true" if ticked else "false",
                value_on="true",
                value_off="false",
                wrap=True,
                error_message=text["toggle_error"],
            )
        )
    body.append(
        TextInput(
            id="evidence",
            label=text["evidence"],
            is_multiline=True,
            max_length=500,
            is_required=True,
            error_message=text["evidence_error"],
            value=previous.evidence if previous else None,
        )
    )
    action = execute(text["save"], SAVE_VERB, {"team": team.id, "version": profile.version})
    return to_json(AdaptiveCard(body=body, actions=[action]))
