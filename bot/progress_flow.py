"""My progress: a person's own figures, for them alone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.briefing_flow import briefings_for
from bot.person import Person
from bot.replies import Reply
from cards.progress import Progress, progress_card
from content.loader import Library
from learning.leitner import is_due
from store.learning import LearningStore


class ProgressFlow:
    """The ``voortgang`` command."""

    def __init__(
        self, library: Library, learning: LearningStore, clock: Callable[[], datetime]
    ) -> None:
        """Use the library, the learning store and a clock (for what is due)."""
        self._library = library
        self._learning = learning
        self._clock = clock

    async def show(self, person: Person) -> Reply:
        """Answers, first-time right, briefings read, checklist, what is due again."""
        content = self._library.for_language(person.language)
        answered, right = await self._learning.answer_counts(person.key)
        briefings = briefings_for(self._library, person)
        read = await self._learning.briefings_read(person.key)
        checklist = content.checklist
        total = sum(len(group.items) for group in checklist.groups) if checklist else 0
        done = len(await self._learning.checklist(person.key, checklist.id)) if checklist else 0
        now = self._clock()
        due = sum(is_due(r, now) for r in (await self._learning.reviews(person.key)).values())
        organisation = content.organisation
        team = (
            next((t.name for t in organisation.teams() if t.id == person.team_id), None)
            if organisation
            else None
        )
        progress = Progress(
            answered=answered, right_first_time=right,
            briefings_read=sum((b.id, b.version) in read for b in briefings),
            briefings_total=len(briefings), checklist_done=done, checklist_total=total,
            due_again=due, team_name=team,
        )  # fmt: skip
        return Reply(progress_card(progress, person.language))
