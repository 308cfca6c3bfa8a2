"""Readiness in the chat: a manager sees how ready their teams are, records the teams'
arrangements and reminds a team to read its briefing; anyone else asking gets their own
progress.

Who manages what comes from the organisation import, looked up by the Entra object id of the
activity; nothing in a card's data can widen it. A button for a team outside the person's
scope changes nothing and says so.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime

from pydantic import ConfigDict

from cards.attestation import SAVE_VERB, Arrangements, ProcessArrangement, attestation_card
from cards.briefing import say_date
from cards.notice import notice_card
from cards.readiness import ATTEST_VERB, NUDGE_VERB, SHOW_VERB, readiness_card
from content.language import Language
from conversation.commands import CommandSpec
from conversation.feature import Feature, FeatureContext, Payload, command, verb
from conversation.people import Person, Turn
from conversation.reply import Card, Reply
from readiness.inputs import CardOf, process_ids
from readiness.jobs import ReadinessJobs, last_ended_week
from readiness.manager import ManagerReports, NoUnits, chosen_place, places
from readiness.rules.process import ProcessAttestation, TeamAttestation
from readiness.rules.publication import ZONE
from readiness.week import ReadinessFigures, Week, WeekNotKept
from store.readiness import ReadinessStore
from store.readiness_details import ReadinessDetails
from store.retention import RetentionStore

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReminderAnswer:
    """What asking for a reminder did: ``planned`` now, or not (one was sent recently), and
    from when the team can be reminded again."""

    planned: bool
    next_at: datetime


Remind = Callable[[str, str], Awaitable[ReminderAnswer]]
"""Remind a team (its id) on behalf of someone (their name for the log): wired from campaigns."""
OwnProgress = Callable[[Turn, str], Awaitable[Reply]]
"""The person's own progress card: wired from learning."""

_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "not_yours_title": "Dit team valt niet onder jou",
        "not_yours": "Je kunt dit alleen doen voor de teams waarvan je leidinggevende bent. "
        "Er is niets veranderd.",
        "no_units_title": "Je teams staan nog niet in Paraat",
        "no_units": "Paraat kent je als leidinggevende, maar je afdeling of team staat niet in "
        "de organisatie die is ingelezen. Vraag de beheerder van Paraat om de organisatie "
        "opnieuw in te lezen.",
        "no_profile_title": "Dit team heeft nog geen uitvalprofiel",
        "no_profile": "Voor {team} staan nog geen kritieke processen in Paraat. Vraag het "
        "communicatieteam om het profiel van je team.",
        "changed_title": "Het profiel van het team is veranderd",
        "changed": "Sinds je dit formulier opende is het profiel van {team} veranderd. "
        "Hieronder staat het nieuwe formulier; er is nog niets vastgelegd.",
        "bad_title": "Dit kon niet worden vastgelegd",
        "bad_date": "Een datum ontbreekt of ligt in de toekomst. Er is niets vastgelegd.",
        "no_evidence": "Vertel waar het bewijs staat. Er is niets vastgelegd.",
        "saved_title": "Vastgelegd",
        "saved": "De afspraken van {team} zijn vastgelegd. Ze tellen mee in het cijfer vanaf "
        "de volgende week en blijven een jaar geldig.",
        "reminded_title": "Herinnering verstuurd",
        "reminded": "Wie in {team} de uitleg van het team nog niet las, krijgt die opnieuw. "
        "Je ziet niet wie dat zijn. De volgende herinnering kan vanaf {day}.",
        "not_again_title": "Deze week al herinnerd",
        "not_again": "{team} kreeg deze week al een herinnering. De volgende kan vanaf {day}.",
        "no_briefing": "Voor {team} is er nog geen uitleg om aan te herinneren.",
    },
    "en": {
        "not_yours_title": "This team is not yours",
        "not_yours": "You can only do this for the teams you manage. Nothing has changed.",
        "no_units_title": "Your teams are not in Paraat yet",
        "no_units": "Paraat knows you as a manager, but your department or team is not in the "
        "organisation that was imported. Ask Paraat's administrator to import it again.",
        "no_profile_title": "This team has no outage profile yet",
        "no_profile": "Paraat has no critical processes for {team} yet. Ask the "
        "communications team for your team's profile.",
        "changed_title": "The team's profile has changed",
        "changed": "The profile of {team} changed since you opened this form. Here is the new "
        "form; nothing has been recorded yet.",
        "bad_title": "This could not be recorded",
        "bad_date": "A date is missing or lies in the future. Nothing has been recorded.",
        "no_evidence": "Say where the evidence is. Nothing has been recorded.",
        "saved_title": "Recorded",
        "saved": "The arrangements of {team} are recorded. They count in the figure from next "
        "week on and stay valid for a year.",
        "reminded_title": "Reminder sent",
        "reminded": "Whoever in {team} has not read the team's briefing gets it again. You do "
        "not see who they are. The next reminder can be sent from {day}.",
        "not_again_title": "Already reminded this week",
        "not_again": "{team} was reminded this week already. The next reminder can be sent "
        "from {day}.",
        "no_briefing": "There is no briefing for {team} to remind them of yet.",
    },
}


class UnitChoice(Payload):
    """ "Bekijken": the unit chosen on the card (empty: the first one)."""

    unit: str = ""


class TeamChoice(Payload):
    """A button for one team (from the card's data, or its "team" input)."""

    team: str


class AttestationForm(Payload):
    """The attestation form: its team and profile version, and its inputs (per process
    ``targets.N``, ``fallback.N``, ``tested.N``; for the team ``paper_contacts``,
    ``fallback_location``, ``systems_list``, ``printed_card``, ``evidence``)."""

    model_config = ConfigDict(strict=True, extra="allow", frozen=True)

    team: str
    version: int
    evidence: str = ""

    def text(self, name: str) -> str:
        """An input's value as sent (every input is text), or ""."""
        value = (self.model_extra or {}).get(name, "")
        return value if isinstance(value, str) else ""

    def ticked(self, name: str) -> bool:
        """Whether a toggle was on."""
        return self.text(name) == "true"

    def day(self, name: str, today: date) -> date | None:
        """A date input's day; None when empty.

        Raises:
            ValueError: not a date, or later than ``today``.
        """
        value = self.text(name).strip()
        if not value:
            return None
        day = date.fromisoformat(value)
        if day > today:
            raise ValueError(f"{name} lies in the future")
        return day


class Readiness(Feature):
    """``gereedheid``, the card's buttons, and the weekly jobs."""

    def __init__(
        self,
        context: FeatureContext,
        *,
        card_of: CardOf,
        remind: Remind,
        own_progress: OwnProgress,
    ) -> None:
        """Read and publish figures on the context's database; ``card_of`` gives each team's
        current printed card, ``remind`` plans a reminder, ``own_progress`` answers staff."""
        store = ReadinessStore(context.database, context.clock)
        self._library = context.library
        self._clock = context.clock
        self._store = store
        self._figures = ReadinessFigures(store, context.library, card_of, clock=context.clock)
        self._details = ReadinessDetails(context.database)
        self._reports = ManagerReports(context.library, self._details, card_of)
        self._manages = context.people.directory.manages
        self._card_of = card_of
        self._remind = remind
        self._own_progress = own_progress
        self._jobs = ReadinessJobs(
            self._figures, store, RetentionStore(context.database, context.clock), context.clock
        )

    async def start_jobs(self) -> None:
        """Publish each ended week and apply the retention on their timers."""
        await self._jobs.start()

    async def stop_jobs(self) -> None:
        """Stop the timers (a job under way finishes first)."""
        await self._jobs.stop()

    @command(
        CommandSpec(
            "readiness",
            {"nl": ("gereedheid", "paraatheid"), "en": ("readiness",)},
            {
                "nl": "hoe paraat je teams zijn (leidinggevenden)",
                "en": "how ready your teams are (managers)",
            },
        )
    )
    async def show(self, turn: Turn, argument: str) -> Reply:
        """A manager's readiness card (of the part named, else their first); anyone else's
        own progress."""
        manages = self._manages(turn.person.object_id)
        if not manages:
            return await self._own_progress(turn, argument)
        return Reply(await self._card(turn.person, manages, argument.strip() or None))

    @verb(SHOW_VERB)
    async def look(self, turn: Turn, payload: UnitChoice) -> Reply:
        """The card of another part the manager chose."""
        manages = self._manages(turn.person.object_id)
        if not manages:
            return await self._own_progress(turn, "")
        return Reply(await self._card(turn.person, manages, payload.unit or None))

    @verb(ATTEST_VERB)
    async def open_form(self, turn: Turn, payload: TeamChoice) -> Reply:
        """The attestation form of a team, filled with what was recorded before."""
        person = turn.person
        if payload.team not in self._manages(person.object_id):
            return self._notice(person.language, "not_yours")
        return Reply(await self._form(payload.team, person.language))

    @verb(SAVE_VERB)
    async def save(self, turn: Turn, payload: AttestationForm) -> Reply:
        """Record the form for its team: everything or, on any problem, nothing."""
        person = turn.person
        language = person.language
        if payload.team not in self._manages(person.object_id):
            return self._notice(language, "not_yours")
        profile = self._library["nl"].teams.get(payload.team)
        if profile is None:
            return self._notice(language, "no_profile", team=self._team_name(payload.team))
        if profile.version != payload.version:
            title, text = _TEXT[language]["changed_title"], _TEXT[language]["changed"]
            changed = notice_card(title, text.format(team=self._team_name(payload.team)))
            return Reply(changed, then=(await self._form(payload.team, language),))
        evidence = payload.evidence.strip()[:500]
        if not evidence:
            return self._notice(language, "no_evidence", title="bad_title")
        today = self._today()
        try:
            processes = [
                ProcessAttestation(
                    process_id, today, evidence, payload.ticked(f"targets.{index}"),
                    payload.ticked(f"fallback.{index}"), payload.day(f"tested.{index}", today),
                )
                for index, process_id in enumerate(process_ids(profile))
            ]  # fmt: skip
            systems_list = payload.day("systems_list", today)
        except ValueError:
            return self._notice(language, "bad_date", title="bad_title")
        card = self._card_of(payload.team) if payload.ticked("printed_card") else None
        team = TeamAttestation(
            today, evidence, payload.ticked("paper_contacts"),
            payload.ticked("fallback_location"), systems_list,
            card.version if card else None,
        )  # fmt: skip
        await self._store.attest(
            payload.team, person.object_id, processes, team, card.mark if card else None
        )
        logger.info("Arrangements recorded for team %s.", payload.team)
        return self._notice(language, "saved", team=self._team_name(payload.team))

    @verb(NUDGE_VERB)
    async def nudge(self, turn: Turn, payload: TeamChoice) -> Reply:
        """Remind the team's people who have not read its briefing; never say who they are."""
        person = turn.person
        language = person.language
        if payload.team not in self._manages(person.object_id):
            return self._notice(language, "not_yours")
        name = self._team_name(payload.team)
        if f"team-{payload.team}" not in self._library["nl"].briefings:
            return self._notice(language, "no_briefing", title="bad_title", team=name)
        answer = await self._remind(payload.team, f"aad:{person.object_id}")
        day = say_date(answer.next_at.astimezone(ZONE).date(), language)
        key = "reminded" if answer.planned else "not_again"
        return self._notice(language, key, team=name, day=day)

    async def _card(self, person: Person, manages: frozenset[str], wanted: str | None) -> Card:
        week = await self._week()
        seen = places(week, manages)
        try:
            place = chosen_place(seen, wanted)
        except NoUnits:
            text = _TEXT[person.language]
            return notice_card(text["no_units_title"], text["no_units"])
        report = await self._reports.report(week, manages, place, person.language, self._today())
        return readiness_card(report, person.language)

    async def _week(self) -> Week:
        """The week that ended last (published the first time it is asked for); the week under
        way when a later week is kept already (a clock set back)."""
        try:
            return await self._figures.week(last_ended_week(self._clock()))
        except WeekNotKept:
            return await self._figures.week(self._today())

    async def _form(self, team_id: str, language: Language) -> Card:
        content = self._library.for_language(language)
        organisation = content.organisation or self._library["nl"].organisation
        team = organisation.team(team_id) if organisation else None
        profile = content.teams.get(team_id) or self._library["nl"].teams.get(team_id)
        if team is None or profile is None:
            text = _TEXT[language]
            return notice_card(
                text["no_profile_title"], text["no_profile"].format(team=self._team_name(team_id))
            )
        previous = await self._previous(team_id)
        return attestation_card(team, profile, language, today=self._today(), previous=previous)

    async def _previous(self, team_id: str) -> Arrangements | None:
        """What was recorded last for the team, to fill the form again."""
        profile = self._library["nl"].teams.get(team_id)
        processes, teams = await self._details.attestations([team_id])
        if profile is None or not (processes or teams):
            return None
        latest = {}
        for record in sorted(processes, key=lambda r: r.attested_at):
            latest[record.attestation.process_id] = record.attestation
        last = max(teams, key=lambda r: r.attested_at, default=None)
        whole = last.attestation if last else None
        card = self._card_of(team_id)
        printed = (
            last is not None and card is not None
            and (last.attestation.printed_card_version, last.printed_card_mark)
            == (card.version, card.mark)
        )  # fmt: skip
        evidence = whole.evidence if whole else ""
        return Arrangements(
            processes=tuple(
                ProcessArrangement(p.targets_known, p.fallback_exists, p.fallback_tested_on)
                if (p := latest.get(process_id)) else None
                for process_id in process_ids(profile)
            ),
            paper_contacts=bool(whole and whole.paper_contacts),
            fallback_location=bool(whole and whole.fallback_location),
            systems_list_on=whole.systems_list_updated_on if whole else None,
            printed_card=printed, evidence=evidence,
        )  # fmt: skip

    def _team_name(self, team_id: str) -> str:
        organisation = self._library["nl"].organisation
        team = organisation.team(team_id) if organisation else None
        return team.name if team else team_id

    def _today(self) -> date:
        return self._clock().astimezone(ZONE).date()

    @staticmethod
    def _notice(language: Language, key: str, *, title: str | None = None, **values: str) -> Reply:
        text = _TEXT[language]
        return Reply(notice_card(text[title or f"{key}_title"], text[key].format(**values)))
