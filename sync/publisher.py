"""Carries out a plan on the site, one page at a time, recording every step that succeeded.

A page goes: found by name or created (its id recorded, state ``pending``), checked out and
saved as a draft (``drafted``, with the draft's hash), promoted to news if it is a briefing,
published (``published``, with the page's hash). A step that fails marks the page ``failed``
and the run goes on with the next page; the next run starts that page again at the step after
the last one recorded. A problem that stops every page (no permission, a wrong site, the
certificate) ends the run at once with :class:`SyncError`.

A team's card (a file) goes in one step: printed (by the injected :class:`CardPrinter`) and
uploaded in place (``overwrite=true``), then recorded ``published`` with its hash. A run that
stops before the record uploads it again next time, over the same file: never a second one.
A removed team's card is moved to the recycle bin and recorded ``unpublished``.

A readiness row (an item in a list) goes like a page in fewer steps: looked up by its key
(a run that stopped right after adding it finds it here) or added with all its fields (its id
recorded, ``published``), or updated in place (MERGE) by its recorded id. A row that is gone
has its item moved to the recycle bin and recorded ``unpublished``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from store.sharepoint import SharePointStore
from sync.client import SitePages
from sync.errors import StepFailed, SyncError
from sync.printer import CardPrinter
from sync.rules.files import FileSpec, library_url
from sync.rules.items import KEY_FIELD, READINESS_LIST, ItemSpec, is_item_key
from sync.rules.pages import PageSpec
from sync.rules.plan import Action, Recorded, State, Verb, needs_draft, needs_promotion

logger = logging.getLogger(__name__)

UNPUBLISH_COMMENT = "Paraat: dit onderwerp staat niet meer in de inhoud van Paraat."
"""The version comment SharePoint keeps with an unpublished page."""


@dataclass(frozen=True)
class Outcome:
    """What became of one action.

    Attributes:
        action: The action.
        error: Why it failed; None when it succeeded.
    """

    action: Action
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the action succeeded."""
        return self.error is None


@dataclass
class Summary:
    """The outcomes of a run, in order, and what it left out on purpose.

    Attributes:
        outcomes: What became of each action carried out.
        skipped: Actions not carried out (the cards' files where Chromium is missing).
        warnings: Why they were left out, once each.
    """

    outcomes: list[Outcome] = field(default_factory=list)
    skipped: list[Action] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, verb: Verb) -> int:
        """How many actions with ``verb`` succeeded."""
        return sum(1 for o in self.outcomes if o.ok and o.action.verb is verb)

    @property
    def failed(self) -> list[Outcome]:
        """The actions that failed."""
        return [outcome for outcome in self.outcomes if not outcome.ok]


Progress = Callable[[Outcome], None]
"""Told after each action."""


class Publisher:
    """Applies actions to one site and records each step in the store."""

    def __init__(
        self,
        store: SharePointStore,
        site: SitePages,
        site_key: str,
        printer: CardPrinter | None = None,
    ) -> None:
        """Write with ``site``; record under ``site_key`` (the site's address); print the
        cards with ``printer`` (needed only when the actions upload a card)."""
        self._store = store
        self._site = site
        self._key = site_key
        self._printer = printer
        self._cards = library_url(urlsplit(site_key).path)

    async def run(
        self,
        actions: Sequence[Action],
        progress: Progress | None = None,
        summary: Summary | None = None,
    ) -> Summary:
        """Carry out ``actions`` in order (adding to ``summary``, if given).

        Raises:
            SyncError: Nothing can be published (the page in progress is marked failed).
        """
        summary = summary if summary is not None else Summary()
        if actions:
            await self._site.check_site()
        for action in actions:
            outcome = await self._one(action)
            summary.outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
        return summary

    async def _one(self, action: Action) -> Outcome:
        record = action.recorded or Recorded(
            action.key, action.name, None, State.PENDING,
            news=action.spec.news if action.spec else False,
        )  # fmt: skip
        step = _Step(self._store, self._key, record)
        try:
            if action.verb is Verb.UNPUBLISH:
                await self._unpublish(step)
            elif action.verb is Verb.REMOVE:
                await self._remove(step)
            elif isinstance(action.spec, FileSpec):
                await self._upload(action.spec, step)
            elif isinstance(action.spec, ItemSpec):
                await self._item(action.spec, step)
            else:
                assert action.spec is not None  # the plan gives a page for every other verb
                await self._publish(action.spec, step)
        except StepFailed as error:
            if error.status == 404 and step.record.page_id is not None:
                # The page was deleted on the site: the next run looks it up or makes it anew.
                await step.save(page_id=None, draft_hash=None, promoted=False)
            await step.fail(str(error))
            logger.warning("SharePoint: %s failed: %s", action.name, error)
            return Outcome(action, str(error))
        except SyncError as error:
            await step.fail(str(error))
            raise
        return Outcome(action)

    async def _publish(self, spec: PageSpec, step: _Step) -> None:
        site = self._site
        checked_out = False
        page_id = step.record.page_id
        if page_id is None:
            # Looked up first: a run that stopped right after creating the page finds it here.
            page_id = await site.find_page(spec.name)
            if page_id is None:
                page_id = await site.create_page(spec.name, spec.title)
                checked_out = True
            await step.save(page_id=page_id, error=None)
        if needs_draft(spec, step.record):
            if not checked_out:
                await site.check_out(page_id)
            await site.save_draft(page_id, spec.title, spec.canvas)
            # Saving a draft checks the page in as a minor version.
            checked_out = False
            await step.save(state=State.DRAFTED, draft_hash=spec.hash, news=spec.news)
        if needs_promotion(spec, step.record):
            if not checked_out:
                await site.check_out(page_id)
            await site.promote_to_news(page_id)
            await step.save(promoted=True)
        await site.publish(page_id)
        await step.save(
            state=State.PUBLISHED, target_hash=spec.hash, item_hash=spec.item_hash, error=None
        )

    async def _unpublish(self, step: _Step) -> None:
        record = step.record
        if record.page_id is not None and record.target_hash is not None:
            await self._site.unpublish(record.name, UNPUBLISH_COMMENT)
        await step.save(state=State.UNPUBLISHED, target_hash=None, error=None)

    async def _upload(self, spec: FileSpec, step: _Step) -> None:
        if self._printer is None:
            raise StepFailed(None, f"No printer was given to print {spec.name}.")
        pdf = await self._printer.pdf(spec.team_id, spec.language)
        await self._site.upload_file(spec.folder, spec.name, pdf)
        await step.save(
            state=State.PUBLISHED, target_hash=spec.hash, draft_hash=spec.hash,
            item_hash=spec.item_hash, error=None,
        )  # fmt: skip

    async def _item(self, spec: ItemSpec, step: _Step) -> None:
        site = self._site
        item_id = step.record.page_id
        if item_id is None:
            # Looked up first: a run that stopped right after adding the item finds it here.
            item_id = await site.find_list_item(READINESS_LIST, KEY_FIELD, spec.name)
            if item_id is None:
                item_id = await site.add_list_item(READINESS_LIST, spec.fields)
                await self._published(step, spec, page_id=item_id)
                return
            await step.save(page_id=item_id, error=None)
        await site.update_list_item(READINESS_LIST, item_id, spec.fields)
        await self._published(step, spec)

    async def _published(self, step: _Step, spec: ItemSpec, **changes: object) -> None:
        await step.save(
            state=State.PUBLISHED, target_hash=spec.hash, draft_hash=spec.hash,
            item_hash=spec.item_hash, error=None, **changes,
        )  # fmt: skip

    async def _remove(self, step: _Step) -> None:
        record = step.record
        if not is_item_key(record.key):
            # A card's library is fixed (its name is recorded): a removed team's card is there.
            await self._site.recycle_file(f"{self._cards}/{record.name}")
        elif record.page_id is not None:
            await self._site.recycle_list_item(READINESS_LIST, record.page_id)
        # An item that comes back is added anew (the old one is in the recycle bin); a card
        # records no id.
        await step.save(
            state=State.UNPUBLISHED, page_id=None, target_hash=None, draft_hash=None, error=None
        )


class _Step:
    """One page's record, saved after every step."""

    def __init__(self, store: SharePointStore, site: str, record: Recorded) -> None:
        self._store = store
        self._site = site
        self.record = record

    async def save(self, **changes: object) -> None:
        self.record = replace(self.record, **changes)  # type: ignore[arg-type]
        await self._store.save(self._site, self.record)

    async def fail(self, error: str) -> None:
        await self.save(state=State.FAILED, error=error[:1000])
