"""What a sync has to do: compare the pages as they should be with what was recorded.

Each page (a *target*) moves through recorded states: ``pending`` (found or created, not yet
written), ``drafted`` (its content saved as a draft), ``published``; or ``failed`` (a step went
wrong; the next run resumes at that step) and ``unpublished`` (its item left the library).

Policy for an item removed from the library: its page is **unpublished**, not deleted. The last
published version is withdrawn, so readers no longer see it and news no longer shows it, but the
page stays as a draft: an editor can still read it or delete it by hand, and links in old
e-mails lead to SharePoint's "not published" notice instead of a missing page. If the item comes
back, the same page is written and published again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sync.rules.pages import PageSpec


class State(StrEnum):
    """Where a target is on its way to the site."""

    PENDING = "pending"
    DRAFTED = "drafted"
    PUBLISHED = "published"
    FAILED = "failed"
    UNPUBLISHED = "unpublished"


@dataclass(frozen=True)
class Recorded:
    """What was recorded about a target after the last step that succeeded.

    Attributes:
        key: The page's key (:attr:`PageSpec.key`).
        name: The page's file name.
        page_id: SharePoint's id of the page, once found or created.
        state: Where it is.
        target_hash: The hash of what was last published.
        draft_hash: The hash of what was last saved as a draft.
        item_hash: The hash of the content item(s) last published.
        promoted: Promoted to news.
        news: Should be promoted to news (a briefing).
        error: What went wrong in the last failed step.
    """

    key: str
    name: str
    page_id: int | None
    state: State
    target_hash: str | None = None
    draft_hash: str | None = None
    item_hash: str | None = None
    promoted: bool = False
    news: bool = False
    error: str | None = None


class Verb(StrEnum):
    """What happens to a page."""

    CREATE = "create"
    UPDATE = "update"
    RESUME = "resume"
    UNPUBLISH = "unpublish"


@dataclass(frozen=True)
class Action:
    """One page's work in a sync.

    Attributes:
        verb: Create, update, resume a half-done one, or unpublish.
        key: The page's key.
        name: The page's file name.
        spec: The page as it should be (None to unpublish).
        recorded: What was recorded (None for a page never seen).
    """

    verb: Verb
    key: str
    name: str
    spec: PageSpec | None
    recorded: Recorded | None


def plan(pages: Sequence[PageSpec], recorded: Iterable[Recorded]) -> list[Action]:
    """The actions that bring the site in step with ``pages``; nothing for unchanged pages.

    Pages keep their given order; unpublishing comes last.

    Raises:
        ValueError: Two pages share a key or a file name (a content bug, caught before writing).
    """
    known = {record.key: record for record in recorded}
    _check_unique(pages)
    actions: list[Action] = []
    wanted: set[str] = set()
    for page in pages:
        wanted.add(page.key)
        record = known.get(page.key)
        verb = _verb(page, record)
        if verb is not None:
            actions.append(Action(verb, page.key, page.name, page, record))
    for key in sorted(set(known) - wanted):
        record = known[key]
        if record.state is not State.UNPUBLISHED:
            actions.append(Action(Verb.UNPUBLISH, key, record.name, None, record))
    return actions


def _verb(page: PageSpec, record: Recorded | None) -> Verb | None:
    if record is None:
        return Verb.CREATE
    if record.state is State.PUBLISHED:
        return None if record.target_hash == page.hash else Verb.UPDATE
    if record.state is State.UNPUBLISHED:
        return Verb.UPDATE
    # Pending, drafted or failed: a step is still to do.
    return Verb.RESUME


def _check_unique(pages: Sequence[PageSpec]) -> None:
    for attribute in ("key", "name"):
        seen: set[str] = set()
        for page in pages:
            value = getattr(page, attribute)
            if value in seen:
                raise ValueError(f"two pages share the {attribute} {value!r}")
            seen.add(value)


def needs_draft(page: PageSpec, record: Recorded | None) -> bool:
    """True when the page's content still has to be saved (not yet, or other content)."""
    return record is None or record.draft_hash != page.hash or record.state is State.UNPUBLISHED


def needs_promotion(page: PageSpec, record: Recorded | None) -> bool:
    """True for news that was not promoted yet."""
    return page.news and not (record is not None and record.promoted)
