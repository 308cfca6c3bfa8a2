"""What the communication site shows, as pages built from the content model.

Per language: each briefing is a news post; each team's outage profile is a page in the
"Weerbaarheid" section, whose overview page links every team page and the checklist (and each
of those links back); the personal 72-hour checklist is a page. An English page exists only for
what is written in English: a Dutch text is never published as an English page.

A page is identified by its key (kind, item, language): its file name follows from the key and
never changes, so an update writes the same page and never a second one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from content.language import Language
from content.loader import Library
from content.model import (
    Briefing,
    Item,
    Organisation,
    PersonalChecklist,
    Place,
    TeamProfile,
)
from sync.rules import html
from sync.rules.canvas import Block, Text, canvas

Kind = str
"""``briefing``, ``team``, ``checklist`` or ``overview``; the teams' card files are ``card``
(``rules/files.py``)."""


@dataclass(frozen=True)
class PageSpec:
    """One page as it should be on the site.

    Attributes:
        key: Unique per page: ``<kind>:<item id>:<language>``.
        item_hash: The hash of the content item(s) it is made from.
        language: Its language.
        name: Its file name in Site Pages, e.g. ``nieuws-stroom-4-uur.aspx``.
        title: Its title.
        news: Promoted to news (a briefing), or an ordinary page.
        canvas: Its ``CanvasContent1``.
    """

    key: str
    item_hash: str
    language: Language
    name: str
    title: str
    news: bool
    canvas: str

    @property
    def hash(self) -> str:
        """The hash of everything written to the site for this page (hex SHA-256)."""
        return digest({"name": self.name, "title": self.title, "news": self.news,
                       "canvas": self.canvas})  # fmt: skip


@dataclass(frozen=True)
class SiteContent:
    """The content of one language, as far as the site publishes it.

    Attributes:
        language: The language.
        briefings: Briefings written in this language.
        teams: Team profiles written in this language.
        checklist: The checklist written in this language, if any.
        organisation: The organisation (team names); Dutch when not translated.
        places: Emergency support points and partners, by id; Dutch when not translated.
    """

    language: Language
    briefings: Mapping[str, Briefing]
    teams: Mapping[str, TeamProfile]
    checklist: PersonalChecklist | None
    organisation: Organisation | None
    places: Mapping[str, Place]


_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "prefix": "",
        "news": "nieuws",
        "section": "Weerbaarheid",
        "overview_intro": "Wat betekent een lange uitval van stroom, internet of telefoon voor "
        "jouw team? Hier staat per team wat moet doorgaan en hoe. Kies je team.",
        "teams": "Teams",
        "checklist_link": "Je persoonlijke checklist voor 72 uur",
        "back": "Terug naar Weerbaarheid",
        "team_title": "Uitval: {team}",
        "processes": "Wat moet doorgaan",
        "limits": "Mag hoogstens {mtpd} stilliggen. Moet binnen {rto} weer lopen.",
        "data": "Je mag hoogstens {rpo} aan gegevens kwijtraken.",
        "instead": "Wat doe je dan?",
        "contacts": "Wie bel je?",
        "places": "Waar ga je heen?",
        "location": "Werkplek",
        "fallback_location": "Uitwijklocatie",
        "assembly_point": "Verzamelplek",
        "partners": "Partners",
        "key_actions": "Wat doe je?",
        "sources": "Bronnen",
        "m": "minuten|minuut",
        "h": "uur|uur",
        "d": "dagen|dag",
        "w": "weken|week",
    },
    "en": {
        "prefix": "en-",
        "news": "news",
        "section": "Resilience",
        "overview_intro": "What does a long outage of power, internet or phone mean for your "
        "team? Here each team finds what must go on, and how. Choose your team.",
        "teams": "Teams",
        "checklist_link": "Your personal 72-hour checklist",
        "back": "Back to Resilience",
        "team_title": "Outage: {team}",
        "processes": "What must go on",
        "limits": "May stop for at most {mtpd}. Must run again within {rto}.",
        "data": "At most {rpo} of data may be lost.",
        "instead": "What do you do instead?",
        "contacts": "Whom do you call?",
        "places": "Where do you go?",
        "location": "Workplace",
        "fallback_location": "Fallback location",
        "assembly_point": "Assembly point",
        "partners": "Partners",
        "key_actions": "What do you do?",
        "sources": "Sources",
        "m": "minutes|minute",
        "h": "hours|hour",
        "d": "days|day",
        "w": "weeks|week",
    },
}

OVERVIEW_ID = "weerbaarheid"
"""The item id of the section's overview page."""


def digest(value: object) -> str:
    """A stable hex SHA-256 of a JSON-able value."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def item_digest(*items: Item | None) -> str:
    """The hash of content items as they are in the library."""
    return digest([item.model_dump(mode="json") if item else None for item in items])


def page_name(kind: Kind, item_id: str, language: Language) -> str:
    """The page's file name: fixed by its kind, item and language."""
    text = _TEXT[language]
    stem = {
        "briefing": f"{text['news']}-{item_id}",
        "team": f"{OVERVIEW_ID}-{item_id}",
        "checklist": item_id,
        "overview": OVERVIEW_ID,
    }.get(kind, f"{kind}-{item_id}")
    return f"{text['prefix']}{stem}.aspx"


def page_url(site_path: str, name: str) -> str:
    """The server-relative URL of a page, e.g. ``/sites/paraat/SitePages/weerbaarheid.aspx``."""
    return f"{site_path.rstrip('/')}/SitePages/{name}"


def site_pages(contents: Iterable[SiteContent], site_path: str) -> list[PageSpec]:
    """Every page of every language, in a stable order (overview first, news last).

    Args:
        contents: The content per language to publish.
        site_path: The site's server-relative path, e.g. ``/sites/paraat``.
    """
    pages: list[PageSpec] = []
    for content in contents:
        pages.extend(language_pages(content, site_path))
    return pages


def language_pages(content: SiteContent, site_path: str) -> list[PageSpec]:
    """The pages of one language: the section's overview, team pages, checklist, news."""
    language = content.language
    overview = page_url(site_path, page_name("overview", OVERVIEW_ID, language))
    pages: list[PageSpec] = []
    if content.teams or content.checklist:
        pages.append(overview_page(content, site_path))
    for team_id in sorted(content.teams):
        pages.append(team_page(content, content.teams[team_id], overview))
    if content.checklist is not None:
        pages.append(checklist_page(content.checklist, language, overview))
    for briefing_id in sorted(content.briefings):
        pages.append(briefing_page(content.briefings[briefing_id], language))
    return pages


def overview_page(content: SiteContent, site_path: str) -> PageSpec:
    """The section's first page: what it is, a link to every team page and to the checklist."""
    language = content.language
    text = _TEXT[language]
    links = [
        html.link(_team_name(content, team_id),
                  page_url(site_path, page_name("team", team_id, language)))
        for team_id in sorted(content.teams, key=lambda team: _team_name(content, team).lower())
    ]  # fmt: skip
    parts = [html.paragraph(text["overview_intro"])]
    if links:
        parts.append(html.heading(text["teams"]))
        parts.append("<ul>" + "".join(f"<li>{link}</li>" for link in links) + "</ul>")
    if content.checklist is not None:
        checklist = page_url(site_path, page_name("checklist", content.checklist.id, language))
        parts.append(html.paragraph(f"[{text['checklist_link']}]({checklist})"))
    blocks: tuple[Block, ...] = (Text("".join(parts)),)
    return _page(
        "overview", OVERVIEW_ID, language, text["section"], False, blocks,
        digest([item_digest(content.organisation, content.checklist), sorted(content.teams)]),
    )  # fmt: skip


def team_page(content: SiteContent, profile: TeamProfile, overview_url: str) -> PageSpec:
    """A team's outage profile: what must go on and how, whom to call, where to go."""
    language = content.language
    text = _TEXT[language]
    parts = [html.paragraph(profile.summary), html.heading(text["processes"])]
    for process in profile.processes:
        parts.append(html.heading(process.name, 3))
        limits = text["limits"].format(
            mtpd=_duration(process.mtpd, language), rto=_duration(process.rto, language)
        )
        if process.rpo is not None:
            limits += " " + text["data"].format(rpo=_duration(process.rpo, language))
        parts.append(html.paragraph(limits))
        parts.append(html.paragraph(f"**{text['instead']}** {process.fallback}"))
    parts.append(html.heading(text["contacts"]))
    parts.append(html.bullet_list([f"**{c.role}**: {c.why}" for c in profile.contacts]))
    parts.append(html.heading(text["places"]))
    places = [f"**{text['location']}**: {profile.location}"]
    if profile.fallback_location:
        places.append(f"**{text['fallback_location']}**: {profile.fallback_location}")
    places.append(f"**{text['assembly_point']}**: {profile.assembly_point}")
    partners = [content.places[p] for p in profile.partners if p in content.places]
    places.extend(f"**{text['partners']}**: {place.name}, {place.address}" for place in partners)
    parts.append(html.bullet_list(places))
    parts.extend(_sources(profile.sources, language))
    parts.append(html.paragraph(f"[{text['back']}]({overview_url})"))
    title = text["team_title"].format(team=_team_name(content, profile.team))
    return _page(
        "team", profile.team, language, title, False, (Text("".join(parts)),),
        item_digest(profile, *partners),
    )  # fmt: skip


def checklist_page(checklist: PersonalChecklist, language: Language, overview_url: str) -> PageSpec:
    """The personal 72-hour checklist: its intro, then each group as a list."""
    text = _TEXT[language]
    parts = [html.paragraph(checklist.intro)]
    for group in checklist.groups:
        parts.append(html.heading(group.title))
        parts.append(
            html.bullet_list([f"{i.text}. {i.why}" if i.why else i.text for i in group.items])
        )
    parts.extend(_sources(checklist.sources, language))
    parts.append(html.paragraph(f"[{text['back']}]({overview_url})"))
    return _page(
        "checklist", checklist.id, language, checklist.title, False, (Text("".join(parts)),),
        item_digest(checklist),
    )  # fmt: skip


def briefing_page(briefing: Briefing, language: Language) -> PageSpec:
    """A briefing as a news post: summary, its sections, what to do, and its sources."""
    text = _TEXT[language]
    parts = [html.paragraph(briefing.summary)]
    for section in briefing.sections:
        parts.append(html.heading(section.heading))
        parts.append(html.markdown(section.body))
    parts.append(html.heading(text["key_actions"]))
    parts.append(html.bullet_list(briefing.key_actions))
    parts.extend(_sources(briefing.sources, language))
    return _page(
        "briefing", briefing.id, language, briefing.title, True, (Text("".join(parts)),),
        item_digest(briefing),
    )  # fmt: skip


def _page(
    kind: Kind,
    item_id: str,
    language: Language,
    title: str,
    news: bool,
    blocks: tuple[Block, ...],
    item_hash: str,
) -> PageSpec:
    name = page_name(kind, item_id, language)
    return PageSpec(
        key=f"{kind}:{item_id}:{language}", item_hash=item_hash, language=language, name=name,
        title=title, news=news, canvas=canvas(name, blocks),
    )  # fmt: skip


def _sources(sources: Iterable[Item], language: Language) -> list[str]:
    found = [
        html.link(getattr(source, "title", ""), str(getattr(source, "url", "")))
        for source in sources
    ]
    if not found:
        return []
    return [
        html.heading(_TEXT[language]["sources"], 3),
        "<ul>" + "".join(f"<li>{link}</li>" for link in found) + "</ul>",
    ]


def _team_name(content: SiteContent, team_id: str) -> str:
    team = content.organisation.team(team_id) if content.organisation else None
    return team.name if team else team_id


def _duration(value: str, language: Language) -> str:
    amount = int(value[:-1])
    plural, single = _TEXT[language][value[-1]].split("|")
    return f"{amount} {single if amount == 1 else plural}"


def contents_of(library: Library, languages: Iterable[Language]) -> list[SiteContent]:
    """What each language publishes: only what is written in it (team names and places fall
    back to Dutch, which the organisation's list is kept in)."""
    dutch = library["nl"]
    contents = []
    for language in languages:
        own = library.languages.get(language)
        if own is None:
            continue
        contents.append(
            SiteContent(
                language=language,
                briefings=own.briefings,
                teams=own.teams,
                checklist=own.checklist,
                organisation=own.organisation or dutch.organisation,
                places={**dutch.places, **own.places},
            )
        )
    return contents
