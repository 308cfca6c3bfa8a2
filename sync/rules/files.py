"""The documents the communication site carries beside its pages: each team's printable outage
card (PDF) in the document library :data:`CARD_LIBRARY`, one file per team and language.

A file is a target like a page (``card:<team>:<language>``), with a fixed name
(``noodkaart-<team>.pdf``, ``noodkaart-<team>.en.pdf``). Its hash covers what the card prints,
through the card's version (the profile's version and the mark over everything printed on it,
decision #34), never the PDF's bytes: Chromium's output differs per render (dates, ids), so a
hash of the bytes would upload every card every night.

An English card exists only for a team written in English, as its English page does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from content.language import Language
from sync.rules.pages import SiteContent, digest, item_digest

CARD_LIBRARY = "Noodkaarten"
"""The document library of the outage cards (its URL segment and its title)."""
FILE_KINDS = frozenset({"card"})
"""Target kinds that are documents in a library rather than site pages."""

Versions = Callable[[str, Language], str | None]
"""The version a team's card printed now carries (None: the team has no card)."""

_TITLE: dict[Language, str] = {"nl": "Noodkaart: {team}", "en": "Outage card: {team}"}


@dataclass(frozen=True)
class FileSpec:
    """One document as it should be on the site.

    Attributes:
        key: Unique per file: ``card:<team>:<language>``.
        item_hash: The hash of the team's outage profile.
        language: Its language.
        name: Its file name in the library, e.g. ``noodkaart-burgerzaken.pdf``.
        title: What the plan shows, e.g. ``Noodkaart: Burgerzaken``.
        folder: The library's server-relative URL, e.g. ``/sites/paraat/Noodkaarten``.
        team_id: The team whose card it is.
        version: The version the card prints (``2-a1b2c3``).
    """

    key: str
    item_hash: str
    language: Language
    name: str
    title: str
    folder: str
    team_id: str
    version: str

    news = False
    """A file is never a news post (so an action's spec reads alike for pages and files)."""

    @property
    def hash(self) -> str:
        """The hash of what is uploaded: the card's printed content, by its version."""
        return digest({"name": self.name, "folder": self.folder, "version": self.version})

    @property
    def url(self) -> str:
        """Its server-relative URL."""
        return f"{self.folder}/{self.name}"


def is_file_key(key: str) -> bool:
    """True for the key of a document (not a page)."""
    return key.split(":", 1)[0] in FILE_KINDS


def card_name(team_id: str, language: Language) -> str:
    """The card's file name, as ``paraat print`` names it: ``noodkaart-<team>[.en].pdf``."""
    stem = f"noodkaart-{team_id}"
    return f"{stem}.pdf" if language == "nl" else f"{stem}.{language}.pdf"


def library_url(site_path: str) -> str:
    """The server-relative URL of the cards' library, e.g. ``/sites/paraat/Noodkaarten``."""
    return f"{site_path.rstrip('/')}/{CARD_LIBRARY}"


def card_files(
    contents: Iterable[SiteContent], versions: Versions, site_path: str
) -> list[FileSpec]:
    """Every team's card in every language it is written in, in a stable order.

    Args:
        contents: The content per language to publish.
        versions: The version each card prints now (a team without one gets no file).
        site_path: The site's server-relative path, e.g. ``/sites/paraat``.
    """
    folder = library_url(site_path)
    files: list[FileSpec] = []
    for content in contents:
        language = content.language
        for team_id in sorted(content.teams):
            version = versions(team_id, language)
            if version is None:
                continue
            team = content.organisation.team(team_id) if content.organisation else None
            files.append(
                FileSpec(
                    key=f"card:{team_id}:{language}",
                    item_hash=item_digest(content.teams[team_id]),
                    language=language,
                    name=card_name(team_id, language),
                    title=_TITLE[language].format(team=team.name if team else team_id),
                    folder=folder,
                    team_id=team_id,
                    version=version,
                )
            )
    return files
