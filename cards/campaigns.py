"""Campaign cards for the communications team: plan one, and see how the planned ones do."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from microsoft_teams.cards import (
    Action,
    ActionSet,
    AdaptiveCard,
    Choice,
    ChoiceSetInput,
    Container,
    DateInput,
    TimeInput,
)

from cards.briefing import say_date
from cards.common import execute, facts, heading, paragraph
from cards.render import to_json
from content.language import Language

SAVE_VERB = "campaign.save"
PREVIEW_VERB = "campaign.preview"
CANCEL_VERB = "campaign.cancel"
NEW_VERB = "campaign.new"
Recurrence = Literal["once", "weekly", "monthly"]
Status = Literal["scheduled", "sending", "done", "cancelled", "paused"]


@dataclass(frozen=True)
class Option:
    """Something to choose in the form: a piece of content or an audience."""

    id: str
    title: str


@dataclass(frozen=True)
class CampaignDraft:
    """What the form was filled with (to show it again, e.g. after a preview)."""

    content: str | None = None
    audiences: tuple[str, ...] = ()
    day: date | None = None
    time: str | None = None
    recurrence: Recurrence = "once"


@dataclass(frozen=True)
class CampaignSummary:
    """One campaign with its delivery and engagement figures."""

    id: str
    title: str
    audience: str
    next_send: datetime | None
    recurrence: Recurrence
    status: Status
    recipients: int
    delivered: int
    failed: int
    read: int
    acted: int


_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "form_title": "Nieuwe campagne",
        "form_intro": "Kies wat je stuurt, naar wie, en wanneer.",
        "content": "Wat stuur je?",
        "content_error": "Kies wat je wilt sturen.",
        "audience": "Naar wie?",
        "audience_error": "Kies minstens één groep.",
        "day": "Op welke dag?",
        "day_error": "Kies een dag, vandaag of later.",
        "time": "Hoe laat?",
        "time_error": "Kies een tijd.",
        "recurrence": "Hoe vaak?",
        "recurrence_error": "Kies hoe vaak.",
        "once": "Eén keer",
        "weekly": "Elke week",
        "monthly": "Elke maand",
        "save": "Inplannen",
        "preview": "Voorbeeld bekijken",
        "list_title": "Campagnes",
        "none": "Er zijn nog geen campagnes.",
        "scheduled": "Ingepland",
        "sending": "Wordt verstuurd",
        "done": "Klaar",
        "cancelled": "Geannuleerd",
        "paused": "Gepauzeerd (Teams vraagt om te wachten)",
        "status": "Status",
        "to": "Naar",
        "next": "Volgende keer",
        "how_often": "Hoe vaak",
        "reached": "Bezorgd",
        "failed": "Niet bezorgd",
        "read": "Gelezen",
        "acted": "Gedaan (quiz of gelezen)",
        "of": "{part} van {whole}",
        "cancel": "Annuleren",
        "new": "Nieuwe campagne",
    },
    "en": {
        "form_title": "New campaign",
        "form_intro": "Choose what you send, to whom, and when.",
        "content": "What do you send?",
        "content_error": "Choose what to send.",
        "audience": "To whom?",
        "audience_error": "Choose at least one group.",
        "day": "On which day?",
        "day_error": "Choose a day, today or later.",
        "time": "At what time?",
        "time_error": "Choose a time.",
        "recurrence": "How often?",
        "recurrence_error": "Choose how often.",
        "once": "Once",
        "weekly": "Every week",
        "monthly": "Every month",
        "save": "Schedule",
        "preview": "Preview",
        "list_title": "Campaigns",
        "none": "There are no campaigns yet.",
        "scheduled": "Scheduled",
        "sending": "Sending",
        "done": "Done",
        "cancelled": "Cancelled",
        "paused": "Paused (Teams asks us to wait)",
        "status": "Status",
        "to": "To",
        "next": "Next time",
        "how_often": "How often",
        "reached": "Delivered",
        "failed": "Not delivered",
        "read": "Read",
        "acted": "Acted on (quiz or read)",
        "of": "{part} of {whole}",
        "cancel": "Cancel",
        "new": "New campaign",
    },
}


def campaign_form_card(
    contents: Sequence[Option],
    audiences: Sequence[Option],
    language: Language,
    *,
    today: date,
    draft: CampaignDraft | None = None,
) -> dict[str, Any]:
    """The form to schedule a campaign; "Voorbeeld" shows the content as staff will see it."""
    text = _TEXT[language]
    draft = draft or CampaignDraft()
    body: list[Any] = [
        heading(text["form_title"]),
        paragraph(text["form_intro"]),
        ChoiceSetInput(
            id="content", label=text["content"], is_required=True,
            error_message=text["content_error"], style="compact", value=draft.content,
            choices=[Choice(title=o.title, value=o.id) for o in contents],
        ),
        ChoiceSetInput(
            id="audiences", label=text["audience"], is_required=True, is_multi_select=True,
            error_message=text["audience_error"], style="compact",
            value=",".join(draft.audiences) or None,
            choices=[Choice(title=o.title, value=o.id) for o in audiences],
        ),
        DateInput(
            id="day", label=text["day"], is_required=True, min=today.isoformat(),
            error_message=text["day_error"],
            value=draft.day.isoformat() if draft.day else None,
        ),
        TimeInput(
            id="time", label=text["time"], is_required=True, error_message=text["time_error"],
            value=draft.time,
        ),
        ChoiceSetInput(
            id="recurrence", label=text["recurrence"], style="expanded", value=draft.recurrence,
            error_message=text["recurrence_error"],
            choices=[Choice(title=text[r], value=r) for r in ("once", "weekly", "monthly")],
        ),
    ]  # fmt: skip
    actions: list[Action] = [
        execute(text["save"], SAVE_VERB, {}),
        execute(text["preview"], PREVIEW_VERB, {}),
    ]
    return to_json(AdaptiveCard(body=body, actions=actions))


def campaign_list_card(campaigns: Sequence[CampaignSummary], language: Language) -> dict[str, Any]:
    """Every campaign with its status and figures; a scheduled one can be cancelled."""
    text = _TEXT[language]
    of = text["of"]
    body: list[Any] = [heading(text["list_title"])]
    if not campaigns:
        body.append(paragraph(text["none"]))
    for campaign in campaigns:
        next_send = (
            f"{say_date(campaign.next_send.date(), language)} {campaign.next_send:%H:%M}"
            if campaign.next_send
            else "–"
        )
        items: list[Any] = [
            paragraph(f"**{campaign.title}**"),
            facts(
                [
                    (text["status"], text[campaign.status]),
                    (text["to"], campaign.audience),
                    (text["next"], next_send),
                    (text["how_often"], text[campaign.recurrence]),
                    (
                        text["reached"],
                        of.format(part=campaign.delivered, whole=campaign.recipients),
                    ),
                    (text["failed"], str(campaign.failed)),
                    (text["read"], of.format(part=campaign.read, whole=campaign.delivered)),
                    (text["acted"], of.format(part=campaign.acted, whole=campaign.delivered)),
                ]
            ),
        ]
        if campaign.status in ("scheduled", "paused"):
            items.append(
                ActionSet(actions=[execute(text["cancel"], CANCEL_VERB, {"campaign": campaign.id})])
            )
        body.append(Container(items=items, style="emphasis", separator=True))
    actions: list[Action] = [execute(text["new"], NEW_VERB, {})]
    return to_json(AdaptiveCard(body=body, actions=actions))
