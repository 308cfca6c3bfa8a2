"""The manager's form to record the team's outage arrangements, with evidence and dates.

Per critical process: are its targets set, is there a way of working without power or
internet on paper, and when was that last practised. For the team: the paper list of numbers,
the fallback location, the date of the systems list and whether the printed card is the newest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from microsoft_teams.cards import (
    AdaptiveCard,
    CardElement,
    Container,
    DateInput,
    TextInput,
    ToggleInput,
)

from cards.common import execute, heading, paragraph, say_duration, subheading
from cards.render import to_json
from content.language import Language
from content.model import Team, TeamProfile

SAVE_VERB = "attest.save"
TEAM_TOGGLES = ("paper_contacts", "fallback_location", "printed_card")


@dataclass(frozen=True)
class ProcessArrangement:
    """What was recorded before about one process.

    Attributes:
        targets_known: How long it may stop and how soon it must run again are set.
        fallback_exists: A way of working without power or internet is on paper.
        tested_on: When that way of working was last practised; None: never.
    """

    targets_known: bool
    fallback_exists: bool
    tested_on: date | None


@dataclass(frozen=True)
class Arrangements:
    """What a manager recorded before, to fill the form again.

    Attributes:
        processes: Per process of the profile, in its order (None: nothing recorded yet).
        paper_contacts: A paper list of whom to call exists.
        fallback_location: The team knows where to work when its building is closed.
        systems_list_on: When the list of important systems was last updated.
        printed_card: The printed outage card was the newest when recorded.
        evidence: Where the evidence is.
    """

    processes: tuple[ProcessArrangement | None, ...] = ()
    paper_contacts: bool = False
    fallback_location: bool = False
    systems_list_on: date | None = None
    printed_card: bool = False
    evidence: str = ""


_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "title": "Afspraken voor uitval: {team}",
        "intro": "Leg vast wat er geregeld is. Dit telt een jaar mee in het cijfer van je "
        "team; daarna vraagt Paraat het opnieuw.",
        "process": "**{name}**: mag hooguit {mtpd} stilliggen, weer aan de slag binnen {rto}.",
        "targets": "Deze tijden zijn met het team afgesproken.",
        "fallback": "Er staat op papier hoe we dit doen zonder stroom of internet.",
        "tested": "Wanneer hebben jullie dat voor het laatst geoefend? (leeg: nog nooit)",
        "date_error": "Vul een datum in, niet later dan vandaag.",
        "yes": "Ja",
        "team_checks": "Voor het hele team",
        "paper_contacts": "Er is een papieren lijst met de nummers van wie we moeten bellen.",
        "fallback_location": "We weten waar we gaan werken als ons gebouw dicht is.",
        "systems_list": "Wanneer is de lijst met onze belangrijke computersystemen voor het "
        "laatst bijgewerkt?",
        "printed_card": "De geprinte uitvalkaart van ons team is de nieuwste versie.",
        "evidence": "Waar staat het bewijs? Geef een link of een korte omschrijving.",
        "evidence_error": "Vertel waar het bewijs staat.",
        "save": "Vastleggen",
        "toggle_error": "Vink aan of laat leeg.",
    },
    "en": {
        "title": "Outage arrangements: {team}",
        "intro": "Record what is arranged. It counts for a year in your team's figure; then "
        "Paraat asks again.",
        "process": "**{name}**: may stop for at most {mtpd}, running again within {rto}.",
        "targets": "These times are agreed with the team.",
        "fallback": "How we do this without power or internet is written down.",
        "tested": "When did you last practise it? (empty: never)",
        "date_error": "Enter a date, not later than today.",
        "yes": "Yes",
        "team_checks": "For the whole team",
        "paper_contacts": "There is a paper list with the numbers of whom to call.",
        "fallback_location": "We know where we will work if our building is closed.",
        "systems_list": "When was the list of our important computer systems last updated?",
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
    """A form per critical process and for the team, filled with what was recorded before."""
    text = _TEXT[language]
    before = previous or Arrangements()
    body: list[CardElement] = [
        heading(text["title"].format(team=team.name)),
        paragraph(text["intro"]),
    ]
    for index, process in enumerate(profile.processes):
        known = before.processes[index] if index < len(before.processes) else None
        summary = text["process"].format(
            name=process.name, mtpd=say_duration(process.mtpd, language),
            rto=say_duration(process.rto, language),
        )  # fmt: skip
        body.append(
            Container(
                items=[
                    paragraph(summary),
                    _toggle(f"targets.{index}", text["targets"], known is not None
                            and known.targets_known, text),
                    _toggle(f"fallback.{index}", text["fallback"], known is not None
                            and known.fallback_exists, text),
                    _date(f"tested.{index}", text["tested"], known.tested_on if known else None,
                          today, text),
                ],
                style="emphasis",
            )
        )  # fmt: skip
    body += [
        subheading(text["team_checks"]),
        _toggle("paper_contacts", text["paper_contacts"], before.paper_contacts, text),
        _toggle("fallback_location", text["fallback_location"], before.fallback_location, text),
        _date("systems_list", text["systems_list"], before.systems_list_on, today, text),
        _toggle("printed_card", text["printed_card"], before.printed_card, text),
        TextInput(
            id="evidence", label=text["evidence"], is_multiline=True, max_length=500,
            is_required=True, error_message=text["evidence_error"],
            value=before.evidence or None,
        ),
    ]  # fmt: skip
    action = execute(text["save"], SAVE_VERB, {"team": team.id, "version": profile.version})
    return to_json(AdaptiveCard(body=body, actions=[action]))


def _toggle(input_id: str, label: str, ticked: bool, text: dict[str, str]) -> ToggleInput:
    return ToggleInput(
        id=input_id, label=label, title=text["yes"], value="true" if ticked else "false",
        value_on="true", value_off="false", wrap=True, error_message=text["toggle_error"],
    )  # fmt: skip


def _date(
    input_id: str, label: str, value: date | None, today: date, text: dict[str, str]
) -> DateInput:
    return DateInput(
        id=input_id, label=label, max=today.isoformat(),
        value=value.isoformat() if value else None, error_message=text["date_error"],
    )  # fmt: skip
