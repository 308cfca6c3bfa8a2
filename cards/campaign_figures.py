"""One campaign's figures for its authors: delivery, reading, the quiz, and the breakdown per
department and team (only groups that disclose no one: campaigns/rules/breakdown.py)."""

from __future__ import annotations

from typing import Any

from microsoft_teams.cards import Action, AdaptiveCard

from campaigns.rules.breakdown import MINIMUM_GROUP, Group
from campaigns.rules.report import CampaignReport
from cards.campaigns import LIST_VERB
from cards.common import execute, facts, heading, paragraph, subheading
from cards.render import to_json
from content.language import Language

_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "title": "Cijfers: {title}",
        "delivery": "Bezorging",
        "recipients": "Mensen of kanalen",
        "sent": "Bezorgd",
        "of": "{part} van {whole}",
        "pending": "Nog te sturen",
        "not_installed": "Paraat niet geïnstalleerd",
        "unreachable": "Niet bereikbaar (geblokkeerd of uitgezet)",
        "failed": "Mislukt",
        "cancelled": "Niet gestuurd (geannuleerd)",
        "unknown": "Onzeker (storing tijdens het sturen)",
        "reading": "Lezen",
        "read": "Gelezen volgens Teams",
        "read_note": "Teams meldt dit alleen in een persoonlijke chat.",
        "acknowledged": "Op 'Gelezen' geklikt",
        "quiz": "Quiz",
        "participants": "Meegedaan",
        "mean": "Gemiddeld goed",
        "too_few": "minder dan {minimum} mensen",
        "breakdown": "Per afdeling en team",
        "breakdown_note": "Alleen groepen van {minimum} of meer mensen, zodat niemand apart "
        "te zien is.",
        "no_breakdown": "Geen groep is groot genoeg om apart te tonen.",
        "other": "Overige",
        "group": "{people} mensen · {sent} bezorgd · {read} gelezen · {acknowledged} geklikt",
        "back": "Terug naar de lijst",
    },
    "en": {
        "title": "Figures: {title}",
        "delivery": "Delivery",
        "recipients": "People or channels",
        "sent": "Delivered",
        "of": "{part} of {whole}",
        "pending": "Still to send",
        "not_installed": "Paraat not installed",
        "unreachable": "Unreachable (blocked or turned off)",
        "failed": "Failed",
        "cancelled": "Not sent (cancelled)",
        "unknown": "Uncertain (a failure while sending)",
        "reading": "Reading",
        "read": "Read, as Teams reports",
        "read_note": "Teams reports this only in a personal chat.",
        "acknowledged": "Clicked 'Mark as read'",
        "quiz": "Quiz",
        "participants": "Took part",
        "mean": "Right on average",
        "too_few": "fewer than {minimum} people",
        "breakdown": "Per department and team",
        "breakdown_note": "Only groups of {minimum} or more people, so nobody can be singled out.",
        "no_breakdown": "No group is large enough to show on its own.",
        "other": "Other",
        "group": "{people} people · {sent} delivered · {read} read · {acknowledged} clicked",
        "back": "Back to the list",
    },
}


def campaign_figures_card(title: str, report: CampaignReport, language: Language) -> dict[str, Any]:
    """The figures of the campaign called ``title``, with a button back to the list."""
    text = _TEXT[language]
    stats = report.stats
    of = text["of"]
    delivery = [
        (text["recipients"], str(stats.recipients)),
        (text["sent"], of.format(part=stats.sent, whole=stats.targeted)),
    ]
    delivery += [
        (text[name], str(count))
        for name, count in (
            ("pending", stats.pending),
            ("not_installed", stats.not_installed),
            ("unreachable", stats.unreachable),
            ("failed", stats.failed),
            ("cancelled", stats.cancelled),
            ("unknown", stats.unknown),
        )
        if count
    ]
    body: list[Any] = [
        heading(text["title"].format(title=title)),
        subheading(text["delivery"]),
        facts(delivery),
        subheading(text["reading"]),
        facts(
            [
                (text["read"], of.format(part=stats.read, whole=stats.sent)),
                (text["acknowledged"], str(stats.acknowledged)),
            ]
        ),
        paragraph(text["read_note"], subtle=True),
    ]
    quiz = stats.quiz
    if quiz is not None:
        too_few = text["too_few"].format(minimum=quiz.minimum)
        body += [
            subheading(text["quiz"]),
            facts(
                [
                    (
                        text["participants"],
                        too_few if quiz.participants is None else str(quiz.participants),
                    ),
                    (
                        text["mean"],
                        too_few if quiz.mean_right is None else f"{quiz.mean_right:.0%}",
                    ),
                ]
            ),
        ]
    body += [
        subheading(text["breakdown"]),
        paragraph(text["breakdown_note"].format(minimum=MINIMUM_GROUP), subtle=True),
    ]
    if report.breakdown:
        for group in report.breakdown:
            body += _group(group, language)
    else:
        body.append(paragraph(text["no_breakdown"]))
    actions: list[Action] = [execute(text["back"], LIST_VERB, {})]
    return to_json(AdaptiveCard(body=body, actions=actions))


def _group(group: Group, language: Language) -> list[Any]:
    text = _TEXT[language]
    tally = group.tally
    name = group.name if group.name is not None else text["other"]
    indent = "\u2003" * group.depth  # an em space per level: departments above what they hold
    line = text["group"].format(
        people=tally.recipients, sent=tally.sent, read=tally.read, acknowledged=tally.acknowledged
    )
    return [paragraph(f"{indent}**{name}**"), paragraph(f"{indent}{line}", subtle=True)]
