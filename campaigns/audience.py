"""Who a campaign reaches, frozen into one row per recipient before the first send.

People are found where Paraat can reach them: their personal chat with Paraat when it is
installed, else (for people on the organisation's team list) a new chat created with their
Entra object id. A person's team comes from the team list first, else their own choice, as in
every conversation. A channel campaign is one new post in that channel.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from campaigns.rules.model import Audience, CampaignError
from content.language import LANGUAGES, Language
from content.loader import Library
from content.model import Department
from conversation.people import People
from store.conversations import ConversationStore, StoredConversation
from store.figures import FigureStore
from store.outbox import OutboxRecipient
from store.readiness import team_briefing_id

_EVER = datetime(1970, 1, 1, tzinfo=UTC)


class AudienceResolver:
    """Turns an audience into targets, from the installs, the team list and people's choices."""

    def __init__(
        self,
        library: Library,
        conversations: ConversationStore,
        people: People,
        tenant_id: str | None,
    ) -> None:
        """Use the organisation in ``library``, the installs, and how people are placed."""
        self._library = library
        self._conversations = conversations
        self._people = people
        self._tenant_id = tenant_id
        self._readers = FigureStore(conversations.database)

    @property
    def people(self) -> People:
        """How people are placed and keyed."""
        return self._people

    def check(self, audience: Audience, channels: Iterable[str] = ()) -> None:
        """Refuse an audience that names a department, team or channel that does not exist.

        Raises:
            CampaignError: naming it.
        """
        organisation = self._library["nl"].organisation
        if audience.kind in ("team", "unread") and (
            organisation is None or not organisation.team(audience.id or "")
        ):
            raise CampaignError("no_team", given=audience.id)
        if audience.kind == "department" and self._department(audience.id or "") is None:
            raise CampaignError("no_department", given=audience.id)
        if audience.kind == "channel" and audience.id not in set(channels):
            raise CampaignError("no_channel", given=audience.id)

    async def channels(self) -> list[str]:
        """The channels Paraat is in (where a channel campaign can post)."""
        return sorted(
            {c.record.channel_id for c in await self._active() if c.record.scope == "team"
             and c.record.channel_id}
        )  # fmt: skip

    async def targets(self, audience: Audience) -> list[OutboxRecipient]:
        """Everyone ``audience`` names, each once."""
        active = await self._active()
        if audience.kind == "channel":
            return [self._channel(c) for c in active if c.record.channel_id == audience.id][:1]
        teams = self._teams(audience)
        personal = {
            c.record.user_aad_object_id.lower(): c
            for c in active
            if c.record.scope == "personal" and c.record.user_aad_object_id
        }
        directory = self._people.directory
        keys = {oid: self._people.key_of(oid) for oid in personal}
        choices = await self._people.users.choices_of(set(keys.values()))
        targets: dict[str, OutboxRecipient] = {}
        for oid, conversation in personal.items():
            chosen = choices.get(keys[oid])
            team = directory.team_for(oid) or (chosen.team_id if chosen else None)
            if teams is not None and team not in teams:
                continue
            language = self._language(chosen.language if chosen else None)
            targets[oid] = self._person(oid, conversation, team, language)
        fallback = next(iter(personal.values()), None) or next(iter(active), None)
        listed = directory.members(teams if teams is not None else self._all_teams())
        for oid in listed:
            if oid not in targets and fallback is not None:
                team = directory.team_for(oid)
                targets[oid] = self._person(oid, None, team, self._language(None), fallback)
        if audience.kind == "unread":
            return await self._not_read(audience.id or "", targets)
        return list(targets.values())

    async def _not_read(
        self, team_id: str, targets: dict[str, OutboxRecipient]
    ) -> list[OutboxRecipient]:
        """Those of ``targets`` who never acknowledged the team's briefing (any version)."""
        readers = await self._readers.briefing_readers(team_briefing_id(team_id), _EVER)
        key_of = self._people.key_of
        return [target for oid, target in targets.items() if key_of(oid) not in readers]

    async def _active(self) -> list[StoredConversation]:
        return await self._conversations.all(active_only=True)

    def _teams(self, audience: Audience) -> set[str] | None:
        """The team ids of a team or department audience; None for everyone."""
        if audience.kind in ("team", "unread"):
            return {audience.id or ""}
        if audience.kind == "department":
            department = self._department(audience.id or "")
            return set(_teams_in(department)) if department else set()
        return None

    def _all_teams(self) -> set[str]:
        organisation = self._library["nl"].organisation
        return {team.id for team in organisation.teams()} if organisation else set()

    def _department(self, department_id: str) -> Department | None:
        organisation = self._library["nl"].organisation
        pending = list(organisation.departments) if organisation else []
        while pending:
            department = pending.pop()
            if department.id == department_id:
                return department
            pending.extend(department.departments)
        return None

    def _language(self, chosen: str | None) -> Language:
        for language in LANGUAGES:
            if chosen == language:
                return language
        return self._people.default_language

    def _person(
        self,
        object_id: str,
        conversation: StoredConversation | None,
        team: str | None,
        language: Language,
        via: StoredConversation | None = None,
    ) -> OutboxRecipient:
        found = conversation or via
        record = found.record if found else None
        return OutboxRecipient(
            recipient=f"user:{object_id}",
            service_url=record.service_url if record else "",
            tenant_id=(record.tenant_id if record else None) or self._tenant_id,
            conversation_id=conversation.record.conversation_id if conversation else None,
            user_object_id=object_id,
            channel_id=None,
            team_id=team,
            language=language,
        )

    def _channel(self, conversation: StoredConversation) -> OutboxRecipient:
        record = conversation.record
        return OutboxRecipient(
            recipient=f"channel:{record.channel_id}",
            service_url=record.service_url,
            tenant_id=record.tenant_id or self._tenant_id,
            conversation_id=None,
            user_object_id=None,
            channel_id=record.channel_id,
            team_id=None,
            language=self._people.default_language,
        )


def _teams_in(department: Department) -> Iterable[str]:
    for team in department.teams:
        yield team.id
    for child in department.departments:
        yield from _teams_in(child)
