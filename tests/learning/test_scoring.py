"""Reading submitted answers: Adaptive Card values become option ids, forged ones become None."""

from __future__ import annotations

from typing import Any

import pytest

from content.model import Question
from learning.rules.scoring import MAX_INPUT_LENGTH, is_correct, read_choice


def make_question(kind: str = "single", correct: tuple[str, ...] = ("b",)) -> Question:
    return Question.model_validate(
        {
            "id": f"vraag-{kind}",
            "kind": kind,
            "question": "Wat doe je eerst?",
            "options": [
                {"id": "a", "text": "Eerste"},
                {"id": "b", "text": "Tweede"},
                {"id": "c", "text": "Derde"},
            ],
            "correct": list(correct),
            "explanation": "Omdat het zo is.",
            "source": {"title": "Bron", "url": "https://example.org/bron"},
        }
    )


SINGLE = make_question("single", ("b",))
MULTIPLE = make_question("multiple", ("a", "c"))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("b", ("b",)),
        (" b ", ("b",)),
        (["b"], ("b",)),
        ("b,b", ("b",)),
        (["b", " b"], ("b",)),
    ],
)
def test_single_choice(raw: object, expected: tuple[str, ...]) -> None:
    assert read_choice(SINGLE, raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a,c", ("a", "c")),
        ("c,a", ("a", "c")),
        (" c , a ", ("a", "c")),
        ("a", ("a",)),
        ("a,b,c", ("a", "b", "c")),
        (["c", "a"], ("a", "c")),
        (("c", "a"), ("a", "c")),
        ("a,c,a,c", ("a", "c")),
        (["a", "a", "c"], ("a", "c")),
        ("a,,c,", ("a", "c")),
    ],
)
def test_multiple_choice_keeps_option_order_and_drops_duplicates(
    raw: object, expected: tuple[str, ...]
) -> None:
    assert read_choice(MULTIPLE, raw) == expected


def test_order_is_the_questions_option_order_not_alphabetical() -> None:
    question = MULTIPLE.model_copy(
        update={"options": tuple(reversed(MULTIPLE.options))}  # c, b, a
    )
    assert read_choice(question, "a,c") == ("c", "a")
    assert read_choice(question, ["b", "a", "c"]) == ("c", "b", "a")


@pytest.mark.parametrize("raw", ["b,c", ["a", "b"], "a, c"])
def test_two_ids_for_a_single_choice_question_is_refused(raw: object) -> None:
    assert read_choice(SINGLE, raw) is None


@pytest.mark.parametrize("question", [SINGLE, MULTIPLE])
@pytest.mark.parametrize(
    "raw",
    [
        "d",
        "a,d",
        ["a", "d"],
        "A",
        "a;c",
        "a c",
        "",
        " ",
        ",",
        " , ",
        [],
        [""],
        (),
        None,
        0,
        1,
        True,
        1.5,
        b"a",
        {"a"},
        {"choice": "a"},
        {"a": True},
        [["a"]],
        ["a", ["c"]],
        ["a", None],
        ["a", 1],
        [{"id": "a"}],
        ("a", ("c",)),
        object(),
        "a" * (MAX_INPUT_LENGTH + 1),
        "a," * MAX_INPUT_LENGTH,
        ["a"] * (MAX_INPUT_LENGTH + 1),
    ],
)
def test_unusable_input_is_none_and_never_raises(question: Question, raw: Any) -> None:
    assert read_choice(question, raw) is None


def test_exact_set_is_correct() -> None:
    assert is_correct(MULTIPLE, ("a", "c"))
    assert is_correct(MULTIPLE, ("c", "a"))
    assert is_correct(SINGLE, ("b",))


@pytest.mark.parametrize("chosen", [("a",), ("c",), ("a", "b", "c"), ("a", "b"), ()])
def test_partial_or_extra_options_are_wrong(chosen: tuple[str, ...]) -> None:
    assert not is_correct(MULTIPLE, chosen)


def test_read_then_mark_a_card_submission() -> None:
    chosen = read_choice(MULTIPLE, "c,a")
    assert chosen is not None and is_correct(MULTIPLE, chosen)
    chosen = read_choice(SINGLE, "a")
    assert chosen is not None and not is_correct(SINGLE, chosen)
