"""The personal 72-hour checklist: tick what you have arranged; ticks are kept."""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from microsoft_teams.cards import AdaptiveCard, Container, TextBlock, ToggleInput

from cards.common import execute, heading, paragraph, sources_block, subheading
from cards.render import to_json
from content.language import Language
from content.model import PersonalChecklist

SAVE_VERB = "checklist.save"
INPUT_PREFIX = "item."

_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "done": "Geregeld",
        "count": "Je hebt {done} van de {total} dingen geregeld.",
        "save": "Opslaan",
        "toggle_error": "Vink aan of laat leeg.",
        "saved": "✔ Opgeslagen. Je vinkjes blijven bewaard.",
    },
    "en": {
        "done": "Done",
        "count": "You have done {done} of the {total} things.",
        "save": "Save",
        "toggle_error": "Tick or leave empty.",
        "saved": "✔ Saved. Your ticks are kept.",
    },
}


def checklist_card(
    checklist: PersonalChecklist, done: Set[str], language: Language, *, saved: bool = False
) -> dict[str, Any]:
    """The checklist with a toggle per item; the items in ``done`` are ticked.

    With ``saved`` it opens with a note that the ticks were kept.
    """
    text = _TEXT[language]
    total = sum(len(group.items) for group in checklist.groups)
    ticked = sum(item.id in done for group in checklist.groups for item in group.items)
    body: list[Any] = [TextBlock(text=text["saved"], weight="Bolder", wrap=True)] if saved else []
    body += [
        heading(checklist.title),
        paragraph(checklist.intro),
        TextBlock(text=text["count"].format(done=ticked, total=total), weight="Bolder", wrap=True),
    ]
    for group in checklist.groups:
        toggles: list[Any] = [subheading(group.title)]
        for item in group.items:
            # Input labels are plain text in Teams (no Markdown): the reason follows as a sentence.
            label = f"{item.text.rstrip('.')}. {item.why}" if item.why else item.text
            toggles.append(
                ToggleInput(
                    id=f"{INPUT_PREFIX}{item.id}",
                    label=label,
                    title=text["done"],
                    value="true" if item.id in done else "false",
                    value_on="true",
                    value_off="false",
                    wrap=True,
                    error_message=text["toggle_error"],
                )
            )
        body.append(Container(items=toggles))
    body.append(sources_block(checklist.sources, language))
    action = execute(
        text["save"], SAVE_VERB, {"checklist": checklist.id, "version": checklist.version}
    )
    return to_json(AdaptiveCard(body=body, actions=[action]))


def ticked_items(data: dict[str, Any], checklist: PersonalChecklist) -> frozenset[str]:
    """The item ids ticked in a submitted checklist card (unknown inputs are ignored)."""
    known = {item.id for group in checklist.groups for item in group.items}
    return frozenset(
        key.removeprefix(INPUT_PREFIX)
        for key, value in data.items()
        if key.startswith(INPUT_PREFIX)
        and value == "true"
        and key.removeprefix(INPUT_PREFIX) in known
    )
