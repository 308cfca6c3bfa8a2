"""The personal 72-hour checklist on one A4 page, with a box to tick by hand per item."""

from __future__ import annotations

from content.language import Language
from content.model import PersonalChecklist
from printing.page import document, esc

_TEXT: dict[Language, dict[str, str]] = {
    "nl": {"kicker": "Voor thuis", "version": "Versie {version}"},
    "en": {"kicker": "At home", "version": "Version {version}"},
}


def checklist_html(checklist: PersonalChecklist, language: Language) -> str:
    """``checklist`` as a printable page: groups in two columns, an empty box before each item."""
    text = _TEXT[language]
    groups = "".join(
        f'<div class="group"><h3>{esc(group.title)}</h3>'
        + "".join(
            f'<p class="item"><span class="check"></span>{esc(item.text)}'
            + (f' <span class="why">– {esc(item.why)}</span>' if item.why else "")
            + "</p>"
            for item in group.items
        )
        + "</div>"
        for group in checklist.groups
    )
    version = text["version"].format(version=checklist.version)
    body = (
        f'<header class="top"><div class="kicker-line"><span class="kicker">'
        f'{esc(text["kicker"])}</span><span class="version">{esc(version)}</span></div>'
        f"<h1>{esc(checklist.title)}</h1></header><p>{esc(checklist.intro)}</p>"
        f'<div class="twocol">{groups}</div>'
    )
    return document(checklist.title, body, language)
