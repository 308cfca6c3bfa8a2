"""One word per concept: a word the glossary avoids is a warning with its file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

from content.check import check_library
from content.loader import LIBRARY, load_library
from tests.support.content import MINIMAL

GLOSSARY = """terms:
  - id: netbeheerder
    term: netbeheerder
    meaning: Het bedrijf dat de stroom naar je huis brengt.
    avoid: [stroombedrijf, netwerkbedrijf]
  - id: noodradio
    term: noodradio
    meaning: Een radio op batterijen of met een slinger.
    avoid: [batterijradio]
"""


def library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    shutil.copytree(MINIMAL, root)
    (root / "nl" / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    return root


def glossary_warnings(root: Path) -> list[tuple[str, int, str, str]]:
    return [
        (str(p.file.relative_to(root)), p.line, p.field, p.message)
        for p in check_library(root)
        if p.warning and "one word per concept" in p.message
    ]


def test_a_word_the_glossary_avoids_is_a_warning_with_file_line_and_the_term(
    tmp_path: Path,
) -> None:
    root = library(tmp_path)
    assert glossary_warnings(root) == []
    quiz = root / "nl" / "quiz" / "stroom.yaml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace(
            "    explanation: Een radio op batterijen heeft geen stroom nodig.\n",
            "    explanation: >-\n      Een batterijradio heeft geen stroom nodig. Bel het\n"
            "      Netwerkbedrijf weet meer.\n",
        ),
        encoding="utf-8",
    )
    warnings = glossary_warnings(root)
    assert [(f, line, field) for f, line, field, _ in warnings] == [
        ("nl/quiz/stroom.yaml", 12, "questions[0].explanation"),
        ("nl/quiz/stroom.yaml", 13, "questions[0].explanation"),
    ]
    messages = [message for *_, message in warnings]
    assert messages[0].startswith("'batterijradio': write 'noodradio' instead")
    assert messages[1].startswith("'Netwerkbedrijf': write 'netbeheerder' instead")
    load_library(root)  # a warning never stops the library


def test_the_glossary_itself_and_the_term_are_not_flagged(tmp_path: Path) -> None:
    root = library(tmp_path)
    briefing = root / "nl" / "briefings" / "team-balie.yaml"
    briefing.write_text(
        briefing.read_text(encoding="utf-8").replace(
            "De computer en de pinautomaat werken niet.",
            "De netbeheerder en de noodradio werken nog.",
        ),
        encoding="utf-8",
    )
    assert glossary_warnings(root) == []


def test_the_bundled_glossary_names_the_words_of_the_second_edition() -> None:
    dutch = load_library(LIBRARY)["nl"].glossary
    terms = (
        "netbeheerder rampenzender noodradio nooddrinkwater gijzelsoftware back-up uitwijklocatie"
    )
    for term in terms.split():
        assert term in dutch, term
    avoided = {word for term in dutch.values() for word in term.avoid}
    jargon = {
        "stroombedrijf",
        "hydrofoor",
        "zelfredzaam",
        "bevoegd gezag",
        "werkproces",
        "omvormer",
    }
    assert jargon <= avoided
    assert "97,9 FM" in dutch["rampenzender"].meaning
    english = load_library(LIBRARY)["en"].glossary
    assert set(english) == set(dutch)
