"""What a request body must be before it becomes a turn, and what kind of turn it is.

The Agents SDK fails deep inside a turn (a 500, a traceback) on an activity without a channel
id, a sender, a recipient or a usable service URL, and its model raises plain ``TypeError`` or
``Exception`` on some odd values. Teams always sends all of these, so an activity without them is
refused here with 400, before the SDK sees it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from microsoft_agents.activity import Activity
from yarl import URL

from bot.turns import READ_RECEIPT_EVENT
from ops.metrics import TurnKind

CARD_ACTION_INVOKE = "adaptiveCard/action"
"""The one invoke Paraat answers: Action.Execute on its cards."""


class NotAnActivity(Exception):
    """The body is not an activity Paraat can take; the message says what is wrong."""

    def __init__(self, reason: str, *, incomplete: bool = False) -> None:
        """``reason`` for the log and the 400 answer; ``incomplete``: it parsed, fields missing."""
        super().__init__(reason)
        self.reason = reason
        self.incomplete = incomplete


@dataclass(frozen=True)
class Route:
    """What Paraat does with an activity."""

    kind: TurnKind
    handled: bool
    """False: no handler (an invoke gets 501, anything else 202 and nothing happens)."""


def parse_activity(body: Any) -> Activity:
    """The activity in ``body``, or :class:`NotAnActivity`.

    The SDK's model is strict about types; whatever it raises on a bad value is a 400 here.
    """
    if not isinstance(body, dict):
        raise NotAnActivity("the body is not an activity")
    try:
        return Activity.model_validate(body)
    except Exception:  # pydantic's ValidationError, and the SDK's own TypeError / Exception
        raise NotAnActivity("the body is not an activity") from None


def check_complete(activity: Activity) -> None:
    """Raise :class:`NotAnActivity` unless the activity has what every turn needs: a channel id,
    a sender and a recipient with ids, and an http(s) service URL to answer to; and a card
    action, the verb of its action."""
    missing = [
        name
        for name, present in (
            ("channelId", bool(activity.channel_id and str(activity.channel_id))),
            ("from.id", bool(activity.from_property and activity.from_property.id)),
            ("recipient.id", bool(activity.recipient and activity.recipient.id)),
            ("serviceUrl", _is_http_url(activity.service_url)),
        )
        if not present
    ]
    if activity.type == "invoke" and activity.name == CARD_ACTION_INVOKE:
        value = activity.value if isinstance(activity.value, dict) else {}
        action = value.get("action")
        if not isinstance(action, dict) or not isinstance(action.get("verb"), str):
            missing.append("value.action.verb")
    if missing:
        raise NotAnActivity(f"missing or unusable: {', '.join(missing)}", incomplete=True)


def route_of(activity: Activity) -> Route:
    """Which of Paraat's handlers takes ``activity``, if any."""
    kind = activity.type
    name = activity.name
    if kind == "message":
        return Route("message", True)
    if kind == "invoke":
        if name == CARD_ACTION_INVOKE:
            return Route("card_action", True)
        return Route("invoke", False)
    if kind == "installationUpdate":
        return Route("installation", True)
    if kind == "conversationUpdate":
        return Route("conversation_update", True)
    if kind == "event" and name == READ_RECEIPT_EVENT:
        return Route("read_receipt", True)
    return Route("other", False)


def _is_http_url(value: str | None) -> bool:
    if not value:
        return False
    try:
        url = URL(value)
    except (ValueError, TypeError):
        return False
    return url.scheme in ("http", "https") and bool(url.host) and url.is_absolute()
