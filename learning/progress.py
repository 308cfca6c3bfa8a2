"""My progress: a person's own figures, for them alone."""

from __future__ import annotations

from cards.progress import Progress, progress_card
from conversation.commands import CommandSpec
from conversation.feature import Feature, FeatureContext, command
from conversation.people import Turn
from conversation.reply import Reply
from learning.briefings import briefings_for
from learning.rules.leitner import is_due
from store.learning import BriefingVersion, LearningStore


class MyProgress(Feature):
    """The ``voortgang`` command."""

    def __init__(self, context: FeatureContext) -> None:
        """Use the library, the learning store and the clock (for what is due)."""
        self._library = context.library
        self._learning = LearningStore(context.database, context.clock)
        self._clock = context.clock

    @command(
        CommandSpec(
            "progress",
            {"nl": ("voortgang",), "en": ("progress",)},
            {"nl": "hoe ver jij bent", "en": "how far you have come"},
        )
    )
    async def show(self, turn: Turn, argument: str) -> Reply:
        """Answers, first-time right, briefings read, checklist, what is due again."""
        person = turn.person
        content = self._library.for_language(person.language)
        answers = await self._learning.answer_counts(person.key)
        briefings = briefings_for(self._library, person)
        read = await self._learning.briefings_read(person.key)
        checklist = content.checklist
        total = sum(len(group.items) for group in checklist.groups) if checklist else 0
        done = len(await self._learning.checklist(person.key, checklist.id)) if checklist else 0
        now = self._clock()
        due = sum(is_due(r, now) for r in (await self._learning.reviews(person.key)).values())
        organisation = content.organisation
        team = organisation.team(person.team_id) if organisation and person.team_id else None
        progress = Progress(
            answered=answers.answered, right_first_time=answers.right_first_time,
            briefings_read=sum(BriefingVersion(b.id, b.version) in read for b in briefings),
            briefings_total=len(briefings), checklist_done=done, checklist_total=total,
            due_again=due, team_name=team.name if team else None,
        )  # fmt: skip
        return Reply(progress_card(progress, person.language))
