"""The personal 72-hour checklist: tick what you have arranged; ticks are kept.

Each group is folded under a bar with its progress ("Water en eten: 3 van 5"), so the card fits a
phone; the toggles in folded groups are still sent by "Opslaan".
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from microsoft_teams.cards import AdaptiveCard, TextBlock, ToggleInput

from cards.common import Fold, execute, folds, heading, paragraph, sources_fold
from cards.menu import MenuButton, command_action
from cards.render import to_json
from content.language import Language
from content.model import ChecklistGroup, ChecklistItem, PersonalChecklist

SAVE_VERB = "checklist.save"
INPUT_PREFIX = "item."
# Short: each bar names the elements of every other group (to close them), and size counts.
GROUP_PREFIX = "g"

_TEXT: dict[Language, dict[str, str]] = {
    "nl": {
        "done": "Geregeld",
        "count": "Je hebt {done} van de {total} dingen geregeld.",
        "how": "Open een onderdeel. Vink aan wat je hebt geregeld en kies **Opslaan**.",
        "group": "{title}: {done} van {total}",
        "save": "Opslaan",
        "print": "Afdrukken",
        "toggle_error": "Vink aan of laat leeg.",
        "saved": "✔ Opgeslagen. Je vinkjes blijven bewaard.",
    },
    "en": {
        "done": "Done",
        "count": "You have done {done} of the {total} things.",
        "how": "Open a part. Tick what you have done and choose **Save**.",
        "group": "{title}: {done} of {total}",
        "save": "Save",
        "print": "Print",
        "toggle_error": "Tick or leave empty.",
        "saved": "✔ Saved. Your ticks are kept.",
    },
}


def checklist_card(
    checklist: PersonalChecklist,
    done: Set[str],
    language: Language,
    *,
    saved: bool = False,
    opened: str | None = None,
) -> dict[str, Any]:
    """The checklist with its groups folded and a toggle per item; the items in ``done`` are ticked.

    With ``saved`` it opens with a note that the ticks were kept; ``opened`` is the id of a group
    to show open (the one just worked on).
    """
    text = _TEXT[language]
    total = sum(len(group.items) for group in checklist.groups)
    ticked = sum(item.id in done for group in checklist.groups for item in group.items)
    body: list[Any] = [TextBlock(text=text["saved"], weight="Bolder", wrap=True)] if saved else []
    body += [
        heading(checklist.title),
        paragraph(checklist.intro),
        TextBlock(text=text["count"].format(done=ticked, total=total), weight="Bolder", wrap=True),
        paragraph(text["how"]),
    ]
    groups = [
        _group_fold(number, group, done, language, opened=group.id == opened)
        for number, group in enumerate(checklist.groups, start=1)
    ]
    body += folds(groups)
    body += folds([sources_fold(checklist.sources, language)])
    action = execute(
        text["save"], SAVE_VERB, {"checklist": checklist.id, "version": checklist.version}
    )
    printing = command_action(MenuButton(text["print"], "print"))
    return to_json(AdaptiveCard(body=body, actions=[action, printing]))


def group_title(group: ChecklistGroup, done: Set[str], language: Language) -> str:
    """The group's title with its progress: "Water en eten: 3 van 5", with ✔ when all is done."""
    count = sum(item.id in done for item in group.items)
    title = _TEXT[language]["group"].format(title=group.title, done=count, total=len(group.items))
    return f"✔ {title}" if count == len(group.items) else title


def _group_fold(
    number: int, group: ChecklistGroup, done: Set[str], language: Language, *, opened: bool
) -> Fold:
    toggles = [_toggle(item, item.id in done, language) for item in group.items]
    return Fold(f"{GROUP_PREFIX}{number}", group_title(group, done, language), toggles, opened)


def _toggle(item: ChecklistItem, ticked: bool, language: Language) -> ToggleInput:
    text = _TEXT[language]
    # Input labels are plain text in Teams (no Markdown): the reason follows as a sentence.
    label = f"{item.text.rstrip('.')}. {item.why}" if item.why else item.text
    return ToggleInput(
        id=f"{INPUT_PREFIX}{item.id}",
        label=label,
        title=text["done"],
        value="true" if ticked else "false",
        value_on="true",
        value_off="false",
        wrap=True,
        error_message=text["toggle_error"],
    )


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


def changed_group(checklist: PersonalChecklist, before: Set[str], after: Set[str]) -> str | None:
    """The first group whose ticks differ between ``before`` and ``after``, or None."""
    changed = set(before) ^ set(after)
    return next(
        (group.id for group in checklist.groups if any(i.id in changed for i in group.items)),
        None,
    )
