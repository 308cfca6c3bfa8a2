"""What an install or membership event tells about a conversation, read from the activity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from microsoft_agents.activity import Activity, ChannelAccount
from microsoft_agents.activity.teams import TeamsChannelData

from store.conversations import ConversationRecord, MemberRecord

SCOPES = {"personal": "personal", "channel": "team", "groupChat": "groupChat"}


@dataclass(frozen=True)
class TeamsFacts:
    """The Teams-specific ids of an activity (all optional outside Teams)."""

    event_type: str | None
    tenant_id: str | None
    team_id: str | None
    channel_id: str | None


def teams_facts(activity: Activity) -> TeamsFacts:
    """Read ``channelData`` leniently: a missing or odd value gives None, never an error."""
    data: Any = activity.channel_data
    channel_data = TeamsChannelData()
    if isinstance(data, dict):
        try:
            channel_data = TeamsChannelData.model_validate(data)
        except ValueError:
            channel_data = TeamsChannelData()
    tenant = channel_data.tenant.id if channel_data.tenant else None
    conversation = activity.conversation
    return TeamsFacts(
        event_type=channel_data.event_type,
        tenant_id=tenant or (conversation.tenant_id if conversation else None),
        team_id=channel_data.team.id if channel_data.team else None,
        channel_id=channel_data.channel.id if channel_data.channel else None,
    )


def scope_of(activity: Activity) -> str:
    """``personal``, ``team`` or ``groupChat``, from the conversation type."""
    kind = activity.conversation.conversation_type if activity.conversation else None
    return SCOPES.get(kind or "personal", "personal")


def conversation_record(activity: Activity) -> ConversationRecord:
    """The record to keep for the conversation this activity came from."""
    facts = teams_facts(activity)
    scope = scope_of(activity)
    sender = activity.from_property
    reference = activity.get_conversation_reference()
    return ConversationRecord(
        conversation_id=activity.conversation.id,
        scope=scope,
        service_url=activity.service_url or "",
        reference=reference.model_dump_json(by_alias=True, exclude_none=True),
        tenant_id=facts.tenant_id,
        user_aad_object_id=sender.aad_object_id if scope == "personal" and sender else None,
        team_id=facts.team_id,
        channel_id=facts.channel_id,
    )


def members(accounts: list[ChannelAccount] | None, bot_id: str | None) -> list[MemberRecord]:
    """The people among ``accounts`` (the bot itself left out)."""
    return [
        MemberRecord(account.id, account.aad_object_id)
        for account in accounts or []
        if account.id and account.id != bot_id
    ]


def includes_bot(accounts: list[ChannelAccount] | None, bot_id: str | None) -> bool:
    """True when the bot itself is among ``accounts``."""
    return any(account.id == bot_id for account in accounts or [] if bot_id)
