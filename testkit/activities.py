"""Teams-shaped activities for tests, as Teams' service would post them to the bot."""

from __future__ import annotations

import itertools
from typing import Any

Json = dict[str, Any]

TENANT = "00000000-0000-0000-0000-0000000000aa"
BOT = {"id": "28:paraat-bot", "name": "Paraat"}
TEAM_ID = "19:team-general@thread.tacv2"
CHANNEL_ID = TEAM_ID
GROUP_CHAT_ID = "19:group-chat@thread.v2"

_ids = itertools.count(1)


def user(number: int = 1) -> Json:
    """A staff member with a stable Entra object id."""
    return {
        "id": f"29:user-{number}",
        "name": f"Medewerker {number}",
        "aadObjectId": f"00000000-0000-0000-0000-{number:012d}",
    }


def _base(kind: str, service_url: str, scope: str, sender: Json, locale: str) -> Json:
    conversation: Json
    channel_data: Json = {"tenant": {"id": TENANT}}
    if scope == "personal":
        conversation = {
            "id": f"a:personal-{sender['id']}",
            "conversationType": "personal",
            "tenantId": TENANT,
        }
    elif scope == "team":
        conversation = {
            "id": CHANNEL_ID,
            "conversationType": "channel",
            "isGroup": True,
            "tenantId": TENANT,
        }
        channel_data |= {
            "team": {"id": TEAM_ID, "name": "Burgerzaken"},
            "channel": {"id": CHANNEL_ID},
        }
    else:
        conversation = {
            "id": GROUP_CHAT_ID,
            "conversationType": "groupChat",
            "isGroup": True,
            "tenantId": TENANT,
        }
    return {
        "type": kind,
        "id": f"incoming-{next(_ids)}",
        "channelId": "msteams",
        "serviceUrl": service_url,
        "from": sender,
        "recipient": BOT,
        "conversation": conversation,
        "channelData": channel_data,
        "locale": locale,
    }


def message(
    service_url: str,
    text: str,
    *,
    sender: Json | None = None,
    scope: str = "personal",
    locale: str = "nl-NL",
) -> Json:
    """A typed message."""
    return _base("message", service_url, scope, sender or user(), locale) | {"text": text}


def submit(
    service_url: str,
    value: Json,
    *,
    sender: Json | None = None,
    reply_to: str = "activity-1",
    locale: str = "nl-NL",
) -> Json:
    """An Action.Submit click: a message with ``value`` and no text."""
    activity = _base("message", service_url, "personal", sender or user(), locale)
    return activity | {"value": value, "replyToId": reply_to}


def installation(
    service_url: str,
    action: str = "add",
    *,
    scope: str = "personal",
    sender: Json | None = None,
    locale: str = "nl-NL",
) -> Json:
    """The app was added to (or removed from) a scope."""
    activity = _base("installationUpdate", service_url, scope, sender or user(), locale)
    return activity | {"action": action}


def members_changed(
    service_url: str,
    *,
    added: list[Json] | None = None,
    removed: list[Json] | None = None,
    scope: str = "team",
    locale: str = "nl-NL",
) -> Json:
    """Members (or the bot, as :data:`BOT`) joined or left."""
    activity = _base("conversationUpdate", service_url, scope, user(), locale)
    event = "teamMemberAdded" if added else "teamMemberRemoved"
    activity["channelData"]["eventType"] = event
    if added:
        activity["membersAdded"] = added
    if removed:
        activity["membersRemoved"] = removed
    return activity


def invoke(
    service_url: str,
    verb: str,
    data: Json,
    *,
    sender: Json | None = None,
    scope: str = "personal",
    locale: str = "nl-NL",
    reply_to: str = "activity-1",
) -> Json:
    """An Action.Execute click: invoke ``adaptiveCard/action`` with the action's verb and data."""
    activity = _base("invoke", service_url, scope, sender or user(), locale)
    return activity | {
        "name": "adaptiveCard/action",
        "replyToId": reply_to,
        "value": {"action": {"type": "Action.Execute", "verb": verb, "data": data}},
    }


def read_receipt(
    service_url: str,
    last_read_message_id: object,
    *,
    sender: Json | None = None,
    scope: str = "personal",
    value: Json | None = None,
) -> Json:
    """Teams' read receipt: the person read up to ``last_read_message_id`` in the chat.

    ``value`` adds fields to the event's value (to show they are not taken as identity).
    """
    activity = _base("event", service_url, scope, sender or user(), "nl-NL")
    return activity | {
        "name": "application/vnd.microsoft.readReceipt",
        "value": {"lastReadMessageId": last_read_message_id} | (value or {}),
    }
