"""Every reason a campaign is refused reads in both languages, from the values the code gives."""

from __future__ import annotations

import string
import typing

import pytest

from campaigns.rules.model import CampaignError
from campaigns.rules.reasons import TEXTS, Reason
from content.language import LANGUAGES, Language

REASONS: tuple[Reason, ...] = typing.get_args(Reason)


def blanks(reason: Reason, language: Language) -> set[str]:
    template = TEXTS[reason][language]
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


@pytest.mark.parametrize("reason", REASONS)
def test_each_reason_reads_in_every_language_with_no_blank_the_code_leaves_open(
    reason: Reason,
) -> None:
    assert set(TEXTS[reason]) == set(LANGUAGES)
    for language in LANGUAGES:  # the code fills what the command line's English text names
        assert blanks(reason, language) <= blanks(reason, "en")


def test_the_command_line_reads_english_and_a_chat_its_own_language() -> None:
    error = CampaignError("no_team", given="kantine")
    assert str(error) == "there is no team 'kantine' in the organisation"
    assert error.text("nl") == "er is geen team 'kantine' in de organisatie"
