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
    TextInput,
    TimeInput,
    ToggleInput,
)

from cards.briefing import say_date
from cards.common import execute, facts, heading, paragraph
from cards.render import to_json
from content.language import Language

NEW_VERB = "campaign.new"
SAVE_VERB = "campaign.save"
PREVIEW_VERB = "campaign.preview"
LIST_VERB = "campaign.list"
APPROVE_VERB = "campaign.approve"
CANCEL_VERB = "campaign.cancel"
RETRACT_VERB = "campaign.retract"
FIGURES_VERB = "campaign.figures"
MESSAGE = "message"
"""The content choice for an announcement written in the form itself."""
Recurrence = Literal["once", "weekly", "monthly"]
Status = Literal[
    "draft", "approved", "scheduled", "sending", "done", "cancelled", "failed", "missed"
]


@dataclass(frozen=True)
class Option:
    """Something to choose in the form: a piece of content or an audience."""

    id: str
    title: str


@dataclass(frozen=True)
class CampaignDraft:
    """What the form was filled with (to show it again, e.g. after a preview)."""

    title: str = ""
    content: str | None = None
    message: str = ""
    acknowledge: bool = True
    audience: str | None = None
    day: date | None = None
    time: str | None = None
    recurrence: Recurrence = "once"


@dataclass(frozen=True)
class CampaignSummary:
    """One campaign with its delivery and engagement figures, and what may be done with it."""

    id: int
    title: str
    audience: str
    status: Status
    next_send: datetime | None
    recurrence: str
    targeted: int
    sent: int
    read: int
    acknowledged: int
    can_approve: bool = False
    can_cancel: bool = False
    can_retract: bool = False


_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "form_title": "Nieuwe campagne",
        "form_intro": "Kies wat je stuurt, naar wie, en wanneer. Laat dag en tijd leeg om "
        "meteen te sturen.",
        "title": "Titel",
        "title_error": "Geef de campagne een titel.",
        "content": "Wat stuur je?",
        "content_error": "Kies wat je wilt sturen.",
        "own": "Eigen bericht (schrijf het hieronder)",
        "message": "Je bericht (alleen bij een eigen bericht)",
        "acknowledge": "Met een knop 'Gelezen'",
        "acknowledge_error": "Kies of er een knop 'Gelezen' bij komt.",
        "message_error": "Je bericht is te lang: houd het onder 4000 tekens.",
        "audience": "Naar wie?",
        "audience_error": "Kies naar wie de campagne gaat.",
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
        "preview": "Voorbeeld naar mij",
        "list_title": "Campagnes",
        "none": "Er zijn nog geen campagnes.",
        "draft": "Wacht op goedkeuring",
        "approved": "Goedgekeurd",
        "scheduled": "Ingepland",
        "sending": "Wordt verstuurd",
        "done": "Klaar",
        "cancelled": "Geannuleerd",
        "failed": "Mislukt",
        "missed": "Gemist (Paraat stond uit)",
        "status": "Status",
        "to": "Naar",
        "next": "Volgende keer",
        "how_often": "Hoe vaak",
        "reached": "Bezorgd",
        "read": "Gelezen volgens Teams",
        "acknowledged": "Op 'Gelezen' geklikt",
        "figures": "Cijfers",
        "of": "{part} van {whole}",
        "approve": "Goedkeuren",
        "cancel": "Annuleren",
        "retract": "Terugtrekken",
        "refresh": "Vernieuwen",
        "new": "Nieuwe campagne",
    },
    "en": {
        "form_title": "New campaign",
        "form_intro": "Choose what you send, to whom, and when. Leave day and time empty to send "
        "at once.",
        "title": "Title",
        "title_error": "Give the campaign a title.",
        "content": "What do you send?",
        "content_error": "Choose what to send.",
        "own": "Your own message (write it below)",
        "message": "Your message (only for your own message)",
        "acknowledge": "With a 'Mark as read' button",
        "acknowledge_error": "Choose whether it has a 'Mark as read' button.",
        "message_error": "Your message is too long: keep it under 4000 characters.",
        "audience": "To whom?",
        "audience_error": "Choose who gets the campaign.",
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
        "preview": "Preview to me",
        "list_title": "Campaigns",
        "none": "There are no campaigns yet.",
        "draft": "Waiting for approval",
        "approved": "Approved",
        "scheduled": "Scheduled",
        "sending": "Sending",
        "done": "Done",
        "cancelled": "Cancelled",
        "failed": "Failed",
        "missed": "Missed (Paraat was down)",
        "status": "Status",
        "to": "To",
        "next": "Next time",
        "how_often": "How often",
        "reached": "Delivered",
        "read": "Read, as Teams reports",
        "acknowledged": "Clicked 'Mark as read'",
        "figures": "Figures",
        "of": "{part} of {whole}",
        "approve": "Approve",
        "cancel": "Cancel",
        "retract": "Retract",
        "refresh": "Refresh",
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
    problem: str | None = None,
) -> dict[str, Any]:
    """The form to plan a campaign; ``problem`` says why the last try was refused."""
    text = _TEXT[language]
    draft = draft or CampaignDraft()
    choices = [Choice(title=text["own"], value=MESSAGE)]
    choices += [Choice(title=o.title, value=o.id) for o in contents]
    body: list[Any] = [heading(text["form_title"]), paragraph(text["form_intro"])]
    if problem:
        body.append(Container(items=[paragraph(f"**{problem}**")], style="attention"))
    body += [
        TextInput(
            id="title", label=text["title"], is_required=True, max_length=200,
            error_message=text["title_error"], value=draft.title or None,
        ),
        ChoiceSetInput(
            id="content", label=text["content"], is_required=True,
            error_message=text["content_error"], style="compact", value=draft.content,
            choices=choices,
        ),
        TextInput(
            id="message", label=text["message"], is_multiline=True, max_length=4000,
            error_message=text["message_error"], value=draft.message or None,
        ),
        ToggleInput(
            id="acknowledge", title=text["acknowledge"], label=text["acknowledge"],
            value="true" if draft.acknowledge else "false", value_on="true", value_off="false",
            error_message=text["acknowledge_error"],
        ),
        ChoiceSetInput(
            id="audience", label=text["audience"], is_required=True,
            error_message=text["audience_error"], style="compact", value=draft.audience,
            choices=[Choice(title=o.title, value=o.id) for o in audiences],
        ),
        DateInput(
            id="day", label=text["day"], min=today.isoformat(), error_message=text["day_error"],
            value=draft.day.isoformat() if draft.day else None,
        ),
        TimeInput(
            id="time", label=text["time"], error_message=text["time_error"], value=draft.time,
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
    """Upcoming and recent campaigns with their status, figures and the buttons that apply."""
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
                    (text["how_often"], text.get(campaign.recurrence, campaign.recurrence)),
                    (text["reached"], of.format(part=campaign.sent, whole=campaign.targeted)),
                    (text["read"], of.format(part=campaign.read, whole=campaign.sent)),
                    (text["acknowledged"], str(campaign.acknowledged)),
                ]
            ),
        ]
        buttons: list[Action] = [
            execute(text[name], verb, {"campaign": campaign.id})
            for name, verb, allowed in (
                ("figures", FIGURES_VERB, campaign.targeted > 0),
                ("approve", APPROVE_VERB, campaign.can_approve),
                ("cancel", CANCEL_VERB, campaign.can_cancel),
                ("retract", RETRACT_VERB, campaign.can_retract),
            )
            if allowed
        ]
        if buttons:
            items.append(ActionSet(actions=buttons))
        body.append(Container(items=items, style="emphasis", separator=True))
    actions: list[Action] = [
        execute(text["new"], NEW_VERB, {}),
        execute(text["refresh"], LIST_VERB, {}),
    ]
    return to_json(AdaptiveCard(body=body, actions=actions))
