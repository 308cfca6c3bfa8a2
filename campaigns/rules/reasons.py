"""Why a campaign cannot be, in the words of the person who asked: English on the command line,
Dutch or English in Teams."""

from __future__ import annotations

from typing import Literal

from content.language import Language

Reason = Literal[
    "no_title", "no_text", "both_day_and_time", "bad_content", "bad_audience", "bad_at",
    "passed", "bad_repeat", "no_team", "no_department", "no_channel", "no_briefing", "too_large",
    "no_campaign", "not_a_draft", "cannot_cancel", "second_author", "not_an_author",
]  # fmt: skip

TEXTS: dict[Reason, dict[Language, str]] = {
    "no_title": {"en": "a campaign needs a title", "nl": "een campagne heeft een titel nodig"},
    "no_text": {
        "en": "a message campaign needs a text",
        "nl": "een bericht heeft een tekst nodig",
    },
    "both_day_and_time": {
        "en": "choose a day and a time, or leave both empty to send at once",
        "nl": "kies een dag én een tijd, of laat ze allebei leeg om meteen te sturen",
    },
    "bad_content": {
        "en": "expected the content briefing, quiz or message, got {given!r}",
        "nl": "kies een briefing, de quiz of een bericht (niet {given!r})",
    },
    "bad_audience": {
        "en": "expected an audience all, department:ID, team:ID or channel:ID, got {given!r}",
        "nl": "kies iedereen, een afdeling, een team of een kanaal (niet {given!r})",
    },
    "bad_at": {
        "en": 'expected --at now or a date and time like "2026-12-14 09:30", got {given!r}',
        "nl": "kies een dag en een tijd zoals 14-12-2026 09:30 (niet {given!r})",
    },
    "passed": {
        "en": "{given} has passed already (Europe/Amsterdam time)",
        "nl": "{given} is al voorbij; kies een moment in de toekomst",
    },
    "bad_repeat": {
        "en": 'expected --repeat weekly, monthly or a cron expression such as "0 9 * * 1" '
        "({detail})",
        "nl": "kies elke week, elke maand of een cron-regel zoals 0 9 * * 1 ({detail})",
    },
    "no_team": {
        "en": "there is no team {given!r} in the organisation",
        "nl": "er is geen team {given!r} in de organisatie",
    },
    "no_department": {
        "en": "there is no department {given!r} in the organisation",
        "nl": "er is geen afdeling {given!r} in de organisatie",
    },
    "no_channel": {
        "en": "Paraat is not in a channel {given!r}: add Paraat to the team first",
        "nl": "Paraat zit niet in kanaal {given!r}: voeg Paraat eerst toe aan het team",
    },
    "no_briefing": {
        "en": "there is no briefing {given!r} in the library",
        "nl": "er is geen briefing {given!r}",
    },
    "too_large": {
        "en": "the card is {size} KB; Teams takes at most {limit} KB: make the message shorter",
        "nl": "de kaart is {size} KB en Teams neemt er hooguit {limit} KB: maak het bericht korter",
    },
    "no_campaign": {
        "en": "there is no campaign {campaign}",
        "nl": "campagne {campaign} bestaat niet",
    },
    "not_a_draft": {
        "en": "campaign {campaign} is {state}, not a draft",
        "nl": "campagne {campaign} wacht niet (meer) op goedkeuring",
    },
    "cannot_cancel": {
        "en": "campaign {campaign} is {state} and cannot be cancelled",
        "nl": "campagne {campaign} is al afgelopen en kan niet meer worden geannuleerd",
    },
    "second_author": {
        "en": "a campaign to everyone needs a second author to approve it",
        "nl": "een campagne voor iedereen keurt een tweede collega van communicatie goed, "
        "niet wie hem schreef",
    },
    "not_an_author": {
        "en": "only the communications team's authors can plan campaigns",
        "nl": "alleen het communicatieteam kan campagnes plannen",
    },
}


def reason_text(reason: Reason, language: Language, values: dict[str, object]) -> str:
    """The reason in ``language``, its ``{placeholders}`` filled from ``values``."""
    return TEXTS[reason][language].format(**values)
