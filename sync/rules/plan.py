"""What a sync has to do: compare the pages and files as they should be with what was recorded.

Each page (a *target*) moves through recorded states: ``pending`` (found or created, not yet
written), ``drafted`` (its content saved as a draft), ``published``; or ``failed`` (a step went
wrong; the next run resumes at that step) and ``unpublished`` (its item left the library). A
file is ``published`` once uploaded, ``failed``, or ``unpublished`` (moved to the recycle bin).

Policy for an item removed from the library: its page is **unpublished**, not deleted. The last
published version is withdrawn, so readers no longer see it and news no longer shows it, but the
page stays as a draft: an editor can still read it or delete it by hand, and links in old
e-mails lead to SharePoint's "not published" notice instead of a missing page. If the item comes
back, the same page is written and published again.

Policy for a team removed from the library (or no longer written in a language): its printable
card (a file in the cards' library, ``rules/files.py``) is **moved to the site's recycle bin**,
not deleted for good. A document library keeps no unpublished draft (it has major versions
only), and an outage card with old names, places or numbers must not stay where people print
it; from the recycle bin an editor can still restore it (93 days), and if the team comes back
its card is uploaded anew under the same name.

Policy for a readiness row that is gone (a department or team removed from the organisation,
or an ``other`` row no longer shown): its item in the readiness list (``rules/items.py``) is
**moved to the site's recycle bin**, as a card is: a list item keeps no draft, and a figure of
a unit that no longer exists must not stay in the list; if the row comes back, a new item is
added.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sync.rules.files import FileSpec, is_file_key
from sync.rules.items import ItemSpec, is_item_key
from sync.rules.pages import PageSpec

Spec = PageSpec | FileSpec | ItemSpec
"""A target as it should be on the site: a page, a file or a list item."""


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
    """What happens to a page or a file."""

    CREATE = "create"
    UPDATE = "update"
    RESUME = "resume"
    UNPUBLISH = "unpublish"
    REMOVE = "remove"
    """A file whose team is gone, or a list item whose row is gone: to the recycle bin."""


@dataclass(frozen=True)
class Action:
    """One page's or file's work in a sync.

    Attributes:
        verb: Create, update, resume a half-done one, unpublish (a page) or remove (a file).
        key: The target's key.
        name: The page's or file's name.
        spec: The page or file as it should be (None to unpublish or remove).
        recorded: What was recorded (None for a target never seen).
    """

    verb: Verb
    key: str
    name: str
    spec: Spec | None
    recorded: Recorded | None

    @property
    def is_file(self) -> bool:
        """True for a document in a library."""
        return is_file_key(self.key)

    @property
    def is_item(self) -> bool:
        """True for an item in a list."""
        return is_item_key(self.key)


def plan(
    pages: Sequence[PageSpec],
    recorded: Iterable[Recorded],
    files: Sequence[FileSpec] | None = None,
    items: Sequence[ItemSpec] | None = None,
) -> list[Action]:
    """The actions that bring the site in step with ``pages``, ``files`` and ``items``; nothing
    for unchanged ones.

    Pages, then files, then items keep their given order; unpublishing pages, removing files
    and removing items come last. With ``files`` (or ``items``) None the files (items) are left
    as they are (this run does not handle them), so recorded ones are never removed for that.

    Raises:
        ValueError: Two targets share a key or a name (a content bug, caught before writing).
    """
    known = {record.key: record for record in recorded}
    targets: list[Spec] = [*pages, *(files or ()), *(items or ())]
    _check_unique(targets)
    actions: list[Action] = []
    wanted: set[str] = set()
    for target in targets:
        wanted.add(target.key)
        record = known.get(target.key)
        verb = _verb(target, record)
        if verb is not None:
            actions.append(Action(verb, target.key, target.name, target, record))
    gone = [known[key] for key in sorted(set(known) - wanted)]
    gone = [record for record in gone if record.state is not State.UNPUBLISHED]
    pages_gone = [r for r in gone if not is_file_key(r.key) and not is_item_key(r.key)]
    files_gone = [r for r in gone if is_file_key(r.key)] if files is not None else []
    items_gone = [r for r in gone if is_item_key(r.key)] if items is not None else []
    actions.extend(Action(Verb.UNPUBLISH, r.key, r.name, None, r) for r in pages_gone)
    actions.extend(Action(Verb.REMOVE, r.key, r.name, None, r) for r in files_gone + items_gone)
    return actions


def _verb(page: Spec, record: Recorded | None) -> Verb | None:
    if record is None:
        return Verb.CREATE
    if record.state is State.PUBLISHED:
        return None if record.target_hash == page.hash else Verb.UPDATE
    if record.state is State.UNPUBLISHED:
        return Verb.UPDATE
    # Pending, drafted or failed: a step is still to do.
    return Verb.RESUME


def _check_unique(pages: Sequence[Spec]) -> None:
    for attribute in ("key", "name"):
        seen: set[str] = set()
        for page in pages:
            value = getattr(page, attribute)
            if value in seen:
                raise ValueError(f"two targets share the {attribute} {value!r}")
            seen.add(value)


def needs_draft(page: PageSpec, record: Recorded | None) -> bool:
    """True when the page's content still has to be saved (not yet, or other content)."""
    return record is None or record.draft_hash != page.hash or record.state is State.UNPUBLISHED


def needs_promotion(page: PageSpec, record: Recorded | None) -> bool:
    """True for news that was not promoted yet."""
    return page.news and not (record is not None and record.promoted)
