"""Every card kind Paraat shows, and how to build it for each item of a library.

Used by ``paraat cards list/preview`` and by the tests that prove every card in Microsoft's
renderer. Cards that show data Paraat gathers (progress, readiness, campaigns) are built from
example figures; the content cards from the library's own items.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from campaigns.rules.breakdown import Group, Tally
from campaigns.rules.participation import QuizFigures
from campaigns.rules.report import CampaignReport, CampaignStats
from cards.announcement import announcement_card, quiz_invitation_card
from cards.attestation import Arrangements, ProcessArrangement, attestation_card
from cards.briefing import briefing_card
from cards.campaign_figures import campaign_figures_card
from cards.campaigns import (
    CampaignDraft,
    CampaignSummary,
    Option,
    Status,
    campaign_form_card,
    campaign_list_card,
)
from cards.channel_quiz import ChannelResults, OwnAnswer, channel_quiz_card
from cards.checklist import checklist_card
from cards.help import help_card
from cards.my_data import StoredData, export_card, my_data_card
from cards.notice import error_card, stale_card
from cards.progress import Progress, progress_card
from cards.quiz import QuizResult, QuizStep, feedback_card, question_card, summary_card
from cards.readiness import (
    GroupScore,
    HardQuestion,
    ReadinessReport,
    WeakPoint,
    readiness_card,
)
from cards.team import team_card
from cards.team_choice import team_choice_card, team_chosen_card
from cards.welcome import welcome_card
from content.language import Language
from content.loader import LanguageContent, Library
from wiring.features import catalogue

Card = dict[str, Any]
Examples = Iterator[tuple[str, Card]]
EXAMPLE_DAY = date(2026, 12, 1)
"""The "today" of examples, so previews and snapshots do not change with the calendar."""


@dataclass(frozen=True)
class CardKind:
    """A kind of card: its name, what it is for, and its examples for a library."""

    name: str
    description: str
    examples: Callable[[LanguageContent, LanguageContent], Examples]
    """(content in the card's language, Dutch content for ids) -> (item id, card) pairs."""


def _welcome(content: LanguageContent, _dutch: LanguageContent) -> Examples:
    language = content.language
    yield "welcome", welcome_card(language, catalogue().menu(language))


def _help(content: LanguageContent, _dutch: LanguageContent) -> Examples:
    language = content.language
    yield "help", help_card(language, catalogue().help_entries(language))
    yield (
        "not-understood",
        help_card(
            language, catalogue().help_entries(language), suggestion="quiz", not_understood=True
        ),
    )


def _briefings(content: LanguageContent, _dutch: LanguageContent) -> Examples:
    for briefing in content.briefings.values():
        yield briefing.id, briefing_card(briefing, content.language)
    for briefing in list(content.briefings.values())[:1]:
        yield f"{briefing.id}@read", briefing_card(briefing, content.language, read_on=EXAMPLE_DAY)


def _teams(content: LanguageContent, dutch: LanguageContent) -> Examples:
    organisation = content.organisation or dutch.organisation
    if organisation is None:
        return
    places = {**dutch.places, **content.places}
    for team in organisation.teams():
        profile = content.teams.get(team.id)
        if profile:
            partners = [places[p] for p in profile.partners if p in places]
            yield team.id, team_card(team, profile, partners, content.language)


def _questions(content: LanguageContent, _dutch: LanguageContent) -> Examples:
    for number, question in enumerate(content.questions.values(), start=1):
        yield question.id, question_card(question, _step(number), content.language)


def _feedback(content: LanguageContent, _dutch: LanguageContent) -> Examples:
    for number, question in enumerate(content.questions.values(), start=1):
        wrong = [o.id for o in question.options if o.id not in question.correct][:1]
        right = number % 2 == 0 or not wrong
        chosen = list(question.correct) if right else wrong
        yield question.id, feedback_card(question, chosen, right, _step(number), content.language)


def _step(number: int) -> QuizStep:
    return QuizStep(round_id="example-round", number=(number - 1) % 5 + 1, total=5)


def _summary(content: LanguageContent, _dutch: LanguageContent) -> Examples:
    missed = tuple(list(content.questions.values())[:2])
    yield "some-missed", summary_card(QuizResult("example-round", 3, 5, missed), content.language)
    yield "all-right", summary_card(QuizResult("example-round", 5, 5), content.language)


def _channel_quiz(content: LanguageContent, _dutch: LanguageContent) -> Examples:
    question = next(iter(content.questions.values()), None)
    if question is None:
        return
    closes = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    few = ChannelResults(respondents=3, counts={question.options[0].id: 3}, closes_at=closes)
    many = ChannelResults(
        respondents=7, counts={question.options[0].id: 5, question.options[-1].id: 2},
        closed=True, closes_at=closes,
    )  # fmt: skip
    members = ("member-1", "member-2")
    yield "shared", channel_quiz_card("example-quiz", question, few, content.language,
                                      refresh_for=members)  # fmt: skip
    yield "shared-results", channel_quiz_card("example-quiz", question, many, content.language)
    own = OwnAnswer(tuple(question.correct), correct=True)
    yield "own", channel_quiz_card("example-quiz", question, many, content.language, own=own)


def _team_choice(content: LanguageContent, dutch: LanguageContent) -> Examples:
    organisation = content.organisation or dutch.organisation
    if organisation is None:
        return
    yield "choose", team_choice_card(organisation, content.language, then="quiz")
    first = organisation.teams()[0]
    yield "change", team_choice_card(organisation, content.language, current=first.id)
    yield "chosen", team_chosen_card(first.name, content.language)


def _checklist(content: LanguageContent, _dutch: LanguageContent) -> Examples:
    if content.checklist is None:
        return
    checklist = content.checklist
    first_items = {group.items[0].id for group in checklist.groups}
    yield checklist.id, checklist_card(checklist, first_items, content.language)
    opened = checklist.groups[0].id
    yield (
        f"{checklist.id}@saved",
        checklist_card(checklist, first_items, content.language, saved=True, opened=opened),
    )


def _progress(content: LanguageContent, dutch: LanguageContent) -> Examples:
    total = sum(len(g.items) for g in content.checklist.groups) if content.checklist else 0
    example = Progress(
        answered=23, right_first_time=17, briefings_read=4, briefings_total=7,
        checklist_done=min(9, total), checklist_total=total, due_again=3,
        team_name=_first_team_name(content, dutch),
    )  # fmt: skip
    yield "example", progress_card(example, content.language)


def _first_team_name(content: LanguageContent, dutch: LanguageContent) -> str | None:
    organisation = content.organisation or dutch.organisation
    teams = organisation.teams() if organisation else []
    return teams[0].name if teams else None


_MONDAYS = tuple(date(2026, 10, 5) + timedelta(weeks=n) for n in range(8))


def _readiness(content: LanguageContent, dutch: LanguageContent) -> Examples:
    organisation = content.organisation or dutch.organisation
    if organisation is None:
        return
    words = ("in ontwikkeling", "vastgelegd") if content.language == "nl" else (
        "developing", "defined")  # fmt: skip
    for index, department in enumerate(organisation.departments):
        groups = tuple(
            GroupScore(team.name, None, None)
            if (index + position) % 3 == 2
            else GroupScore(team.name, 55 + 7 * position, words[position >= 1])
            for position, team in enumerate(department.teams)
        )
        first = department.teams[0] if department.teams else None
        question = next(iter(content.questions.values()), None)
        report = ReadinessReport(
            unit_id=department.id, unit_name=department.name, week=EXAMPLE_DAY, score=64,
            band=words[1], process=70, knowledge=61, reach=55,
            trend=tuple(zip(_MONDAYS, (52, None, 55, 58, 58, 61, 60, 64), strict=True)),
            groups=groups,
            weak_points=(WeakPoint(first.name, None, ("paper_contacts", "printed_card")),)
            if first else (),
            hard_questions=(HardQuestion(first.name, question.question),)
            if first and question else (),
            suggestions=("record", "print_card", "remind", "discuss"),
            teams=tuple((t.id, t.name) for t in department.teams),
            others=tuple((t.id, t.name) for t in department.teams),
        )  # fmt: skip
        yield department.id, readiness_card(report, content.language)
    too_few = ReadinessReport("new-unit", organisation.name, EXAMPLE_DAY)
    yield "too-few-answers", readiness_card(too_few, content.language)


def _attestation(content: LanguageContent, dutch: LanguageContent) -> Examples:
    organisation = content.organisation or dutch.organisation
    if organisation is None:
        return
    for team in organisation.teams():
        profile = content.teams.get(team.id)
        if profile:
            yield team.id, attestation_card(team, profile, content.language, today=EXAMPLE_DAY)
    first = next(iter(content.teams.values()), None)
    if first:
        team = next(t for t in organisation.teams() if t.id == first.team)
        previous = Arrangements(
            processes=(ProcessArrangement(True, True, date(2026, 3, 12)),) * len(first.processes),
            paper_contacts=True, systems_list_on=date(2025, 9, 1), printed_card=True,
            evidence="Verslag oefening maart 2026, map Continuïteit",
        )  # fmt: skip
        yield (
            f"{team.id}@filled",
            attestation_card(team, first, content.language, today=EXAMPLE_DAY, previous=previous),
        )


def _audiences(content: LanguageContent, dutch: LanguageContent) -> list[Option]:
    organisation = content.organisation or dutch.organisation
    everyone = Option("all", "Iedereen" if content.language == "nl" else "Everyone")
    words = ("Afdeling", "Team") if content.language == "nl" else ("Department", "Team")
    if organisation is None:
        return [everyone]
    return [
        everyone,
        *(Option(f"department:{d.id}", f"{words[0]} {d.name}") for d in organisation.departments),
        *(Option(f"team:{t.id}", f"{words[1]} {t.name}") for t in organisation.teams()),
    ]


def _campaign_form(content: LanguageContent, dutch: LanguageContent) -> Examples:
    contents = [
        Option("quiz:round", "Quiz"),
        *(Option(f"briefing:{b.id}", b.title) for b in content.briefings.values()),
    ]
    audiences = _audiences(content, dutch)
    language = content.language
    yield "empty", campaign_form_card(contents, audiences, language, today=EXAMPLE_DAY)
    draft = CampaignDraft(
        title=contents[1].title, content=contents[1].id, audience=audiences[1].id,
        day=EXAMPLE_DAY, time="09:00", recurrence="weekly",
    )  # fmt: skip
    yield (
        "filled",
        campaign_form_card(contents, audiences, language, today=EXAMPLE_DAY, draft=draft),
    )
    refused = "Dat lukte niet: there is no team 'kantine'" if language == "nl" else (
        "That did not work: there is no team 'kantine'"
    )  # fmt: skip
    yield (
        "refused",
        campaign_form_card(
            contents, audiences, language, today=EXAMPLE_DAY, draft=draft, problem=refused
        ),
    )


def _campaign_list(content: LanguageContent, dutch: LanguageContent) -> Examples:
    audiences = _audiences(content, dutch)
    briefings = list(content.briefings.values())
    states: tuple[Status, ...] = ("draft", "scheduled", "sending", "done", "cancelled", "missed")
    examples = [
        CampaignSummary(
            id=index + 1,
            title=briefing.title,
            audience=audiences[index % len(audiences)].title,
            status=states[index % len(states)],
            next_send=datetime(2026, 12, 1 + index, 9, 0) if index % 2 == 0 else None,
            recurrence="weekly" if index % 3 == 0 else "once",
            targeted=120 if index else 0,
            sent=110 - index if index else 0,
            read=90 - 4 * index if index else 0,
            acknowledged=80 - 3 * index if index else 0,
            can_approve=index == 0,
            can_cancel=index < 3,
            can_retract=index in (2, 3),
        )  # fmt: skip
        for index, briefing in enumerate(briefings[:6])
    ]
    yield "example", campaign_list_card(examples, content.language)
    yield "empty", campaign_list_card([], content.language)


def _campaign_figures(content: LanguageContent, dutch: LanguageContent) -> Examples:
    organisation = content.organisation or dutch.organisation
    assert organisation is not None, "the library has an organisation"
    department = organisation.departments[0]
    teams = department.teams[:2]
    groups = (
        Group("department", department.id, department.name, None, 0, Tally(31, 31, 30, 26, 20)),
        *(
            Group("team", team.id, team.name, department.id, 1, Tally(12 + i, 12 + i, 12, 10, 8))
            for i, team in enumerate(teams)
        ),
        Group("other", None, None, department.id, 1, Tally(6, 6, 6, 5, 3)),
        Group("other", None, None, None, 0, Tally(89, 89, 80, 64, 60)),
    )
    stats = CampaignStats(
        targeted=120, recipients=120, sent=110, read=90, not_installed=6, unreachable=2,
        failed=1, pending=0, cancelled=0, unknown=1, acknowledged=80,
    )  # fmt: skip
    title = "Quiz van de week" if content.language == "nl" else "Quiz of the week"
    quiz = replace(stats, quiz=QuizFigures(participants=64, mean_right=0.72))
    yield "quiz", campaign_figures_card(title, CampaignReport(quiz, groups), content.language)
    few = replace(stats, quiz=QuizFigures(participants=None, mean_right=None))
    yield "quiz-few", campaign_figures_card(title, CampaignReport(few, ()), content.language)


def _announcements(content: LanguageContent, _dutch: LanguageContent) -> Examples:
    language = content.language
    title, text = (
        ("Oefening zonder stroom", "Vrijdag 11 december oefenen we **een uur zonder stroom**. "
         "Neem je noodkaart mee naar je werkplek.")
        if language == "nl"
        else ("Exercise without power", "On Friday 11 December we practise **an hour without "
              "power**. Bring your outage card to your desk.")
    )  # fmt: skip
    yield "message", announcement_card(title, text, language, campaign_id=7, acknowledge=True)
    yield (
        "message@read",
        announcement_card(
            title, text, language, campaign_id=7, acknowledge=True, read_on=EXAMPLE_DAY
        ),
    )
    yield (
        "quiz",
        quiz_invitation_card(
            "Quiz van de week" if language == "nl" else "Quiz of the week", language
        ),
    )


def _my_data(content: LanguageContent, _dutch: LanguageContent) -> Examples:
    stored = StoredData(
        answers=23, briefings_read=4, checklist_ticks=9, team=None, language="nl",
        since=date(2026, 11, 2),
    )  # fmt: skip
    for step in ("overview", "confirm-erase", "erased"):
        yield step, my_data_card(stored, content.language, step)
    link = "https://paraat.example.nl/mijn-gegevens/example"
    yield "download", export_card(link, 10, content.language)
    yield "download-unavailable", export_card(None, 10, content.language)


def _notices(content: LanguageContent, _dutch: LanguageContent) -> Examples:
    yield "stale", stale_card(content.language)
    yield "error", error_card(content.language)


KINDS: tuple[CardKind, ...] = (
    CardKind("welcome", "welcome and home: what Paraat is, privacy, where to start", _welcome),
    CardKind("help", "the commands, and the short help for text not understood", _help),
    CardKind("briefing", "a briefing with 'Gelezen' (one per briefing)", _briefings),
    CardKind("team", "what an outage means for my team (one per team profile)", _teams),
    CardKind("question", "a quiz question (one per question)", _questions),
    CardKind("feedback", "right/wrong, explanation, source, next (one per question)", _feedback),
    CardKind("summary", "the end of a quiz round", _summary),
    CardKind(
        "channel-quiz", "a quiz question for a team channel, and one person's view", _channel_quiz
    ),
    CardKind("team-choice", "choose your team, and the confirmation", _team_choice),
    CardKind("checklist", "the personal 72-hour checklist, and as saved", _checklist),
    CardKind("progress", "my own progress", _progress),
    CardKind("readiness", "readiness for managers (one per department)", _readiness),
    CardKind("attestation", "the manager's form for the team's arrangements", _attestation),
    CardKind(
        "campaign-form",
        "plan a campaign: content, audience, date, time, recurrence",
        _campaign_form,
    ),
    CardKind("campaign-list", "campaigns with delivery and engagement figures", _campaign_list),
    CardKind("campaign-figures", "one campaign's figures and their breakdown", _campaign_figures),
    CardKind(
        "announcement",
        "what a campaign sends: a message with 'Gelezen', a quiz invitation",
        _announcements,
    ),
    CardKind("my-data", "my data: overview, export, erase (and its confirmation)", _my_data),
    CardKind("notice", "stale card and error notes", _notices),
)
_BY_NAME = {kind.name: kind for kind in KINDS}


def card_kind(name: str) -> CardKind:
    """The kind called ``name``; KeyError lists the known kinds."""
    if name not in _BY_NAME:
        raise KeyError(f"no card kind {name!r}; known kinds: {', '.join(_BY_NAME)}")
    return _BY_NAME[name]


def examples(kind: CardKind, library: Library, language: Language) -> list[tuple[str, Card]]:
    """Every example of ``kind`` in ``language`` for ``library``."""
    return list(kind.examples(library.for_language(language), library["nl"]))


def example(kind: CardKind, library: Library, language: Language, item: str | None) -> Card:
    """One example: the one for ``item``, or the first. KeyError lists the items there are."""
    built = examples(kind, library, language)
    if not built:
        raise KeyError(f"the library has nothing to show as a {kind.name} card in {language}")
    if item is None:
        return built[0][1]
    for item_id, card in built:
        if item_id == item:
            return card
    known = ", ".join(item_id for item_id, _ in built)
    raise KeyError(f"no {kind.name} card for {item!r}; there are: {known}")
