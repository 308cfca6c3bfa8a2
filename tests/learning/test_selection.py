"""Choosing a round: repetitions first, then the team's new questions, then general ones."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from content.model import Question
from learning.rules.leitner import Review
from learning.rules.selection import choose_round, relevant_questions

NOW = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def make_question(
    question_id: str, *, teams: tuple[str, ...] = (), personal: bool = False
) -> Question:
    return Question.model_validate(
        {
            "id": question_id,
            "question": f"Vraag {question_id}?",
            "options": [{"id": "a", "text": "Ja"}, {"id": "b", "text": "Nee"}],
            "correct": ["a"],
            "explanation": "Uitleg.",
            "source": {"title": "Bron", "url": "https://example.org/bron"},
            "teams": list(teams),
            "scenarios": [] if personal or teams else ["stroom-72-uur"],
            "personal": personal,
        }
    )


def review(question_id: str, due_in: timedelta) -> Review:
    return Review(question_id, 2, NOW + due_in, NOW + due_in - timedelta(days=3))


QUESTIONS = [
    make_question("balie-1", teams=("balie",)),
    make_question("balie-2", teams=("balie",)),
    make_question("balie-3", teams=("balie",)),
    make_question("gedeeld-1", teams=("balie", "ict")),
    make_question("ict-1", teams=("ict",)),
    make_question("ict-2", teams=("ict",)),
    make_question("alg-1"),
    make_question("alg-2"),
    make_question("alg-3"),
    make_question("alg-4"),
    make_question("thuis-1", personal=True),
]
ICT_ONLY = {"ict-1", "ict-2"}
BALIE_RELEVANT = {q.id for q in QUESTIONS} - ICT_ONLY
GENERAL = {"alg-1", "alg-2", "alg-3", "alg-4", "thuis-1"}

REVIEWS = {
    r.question_id: r
    for r in [
        review("alg-1", -timedelta(days=3)),
        review("balie-2", -timedelta(days=1)),
        review("alg-2", -timedelta(days=5)),
        review("ict-1", -timedelta(days=30)),  # overdue, but another team's question
        review("balie-3", timedelta(days=2)),
        review("alg-3", timedelta(days=1)),
        review("verwijderd", -timedelta(days=9)),  # no longer in the library
    ]
}


def test_relevant_questions_are_own_team_and_untagged_in_input_order() -> None:
    assert [q.id for q in relevant_questions(QUESTIONS, "balie")] == [
        "balie-1",
        "balie-2",
        "balie-3",
        "gedeeld-1",
        "alg-1",
        "alg-2",
        "alg-3",
        "alg-4",
        "thuis-1",
    ]
    assert {q.id for q in relevant_questions(QUESTIONS, "ict")} == (
        {"ict-1", "ict-2", "gedeeld-1"} | GENERAL
    )


@pytest.mark.parametrize("team_id", [None, "onbekend"])
def test_without_a_known_team_only_untagged_questions(team_id: str | None) -> None:
    assert {q.id for q in relevant_questions(QUESTIONS, team_id)} == GENERAL


def test_round_is_due_then_own_team_then_general_then_waiting() -> None:
    chosen = choose_round(QUESTIONS, team_id="balie", reviews=REVIEWS, now=NOW, size=100)
    assert chosen[:3] == ["alg-2", "alg-1", "balie-2"]  # most overdue first
    assert set(chosen[3:5]) == {"balie-1", "gedeeld-1"}
    assert set(chosen[5:7]) == {"alg-4", "thuis-1"}
    assert chosen[7:] == ["alg-3", "balie-3"]  # earliest due first
    assert len(chosen) == len(BALIE_RELEVANT)


def test_other_teams_questions_never_appear_even_when_due() -> None:
    for team_id in ("balie", None):
        chosen = choose_round(QUESTIONS, team_id=team_id, reviews=REVIEWS, now=NOW, size=100)
        assert not ICT_ONLY & set(chosen)
    chosen = choose_round(QUESTIONS, team_id=None, reviews=REVIEWS, now=NOW, size=100)
    assert set(chosen) == GENERAL


def test_review_due_exactly_now_is_due() -> None:
    reviews = {"alg-4": review("alg-4", timedelta(0))}
    chosen = choose_round(QUESTIONS, team_id="balie", reviews=reviews, now=NOW, size=1)
    assert chosen == ["alg-4"]


def test_size_cuts_the_full_order() -> None:
    full = choose_round(QUESTIONS, team_id="balie", reviews=REVIEWS, now=NOW, size=100, seed=7)
    for size in range(len(full) + 1):
        chosen = choose_round(
            QUESTIONS, team_id="balie", reviews=REVIEWS, now=NOW, size=size, seed=7
        )
        assert chosen == full[:size]


def test_default_size_is_five_and_starts_with_the_due_ones() -> None:
    chosen = choose_round(QUESTIONS, team_id="balie", reviews=REVIEWS, now=NOW)
    assert len(chosen) == 5
    assert chosen[:3] == ["alg-2", "alg-1", "balie-2"]
    assert set(chosen[3:]) == {"balie-1", "gedeeld-1"}


def test_round_is_filled_from_not_yet_due_questions() -> None:
    reviews = {
        q.id: review(q.id, timedelta(days=i + 1))
        for i, q in enumerate(reversed(relevant_questions(QUESTIONS, "balie")))
    }
    chosen = choose_round(QUESTIONS, team_id="balie", reviews=reviews, now=NOW, size=3)
    assert chosen == ["thuis-1", "alg-4", "alg-3"]


def test_new_team_questions_before_new_general_ones() -> None:
    chosen = choose_round(QUESTIONS, team_id="balie", reviews={}, now=NOW, size=4)
    assert set(chosen) == {"balie-1", "balie-2", "balie-3", "gedeeld-1"}


def test_fewer_questions_than_size_gives_them_all() -> None:
    few = [make_question("alg-1"), make_question("balie-1", teams=("balie",))]
    chosen = choose_round(few, team_id="balie", reviews={}, now=NOW, size=5)
    assert chosen == ["balie-1", "alg-1"]
    assert choose_round([], team_id="balie", reviews={}, now=NOW) == []


def test_size_zero_is_empty_and_negative_is_refused() -> None:
    assert choose_round(QUESTIONS, team_id="balie", reviews=REVIEWS, now=NOW, size=0) == []
    with pytest.raises(ValueError):
        choose_round(QUESTIONS, team_id="balie", reviews=REVIEWS, now=NOW, size=-1)


def test_same_seed_same_order_and_input_order_does_not_matter() -> None:
    first = choose_round(QUESTIONS, team_id="balie", reviews={}, now=NOW, size=100, seed=42)
    again = choose_round(QUESTIONS, team_id="balie", reviews={}, now=NOW, size=100, seed=42)
    shuffled = list(QUESTIONS)
    random.Random(1).shuffle(shuffled)
    other_input = choose_round(shuffled, team_id="balie", reviews={}, now=NOW, size=100, seed=42)
    assert first == again == other_input


def test_different_seeds_can_give_different_orders() -> None:
    orders = {
        tuple(choose_round(QUESTIONS, team_id="balie", reviews={}, now=NOW, size=100, seed=seed))
        for seed in range(20)
    }
    assert len(orders) > 1
    for order in orders:
        assert set(order[:4]) == {"balie-1", "balie-2", "balie-3", "gedeeld-1"}


def test_equal_due_moments_are_ordered_by_seed() -> None:
    reviews = {q: review(q, -timedelta(days=1)) for q in ("alg-1", "alg-2", "alg-3", "alg-4")}
    orders = {
        tuple(choose_round(QUESTIONS, team_id=None, reviews=reviews, now=NOW, size=4, seed=seed))
        for seed in range(20)
    }
    assert len(orders) > 1
    assert all(set(order) == {"alg-1", "alg-2", "alg-3", "alg-4"} for order in orders)


def test_duplicate_questions_in_input_are_asked_once() -> None:
    doubled = QUESTIONS + QUESTIONS
    chosen = choose_round(doubled, team_id="balie", reviews=REVIEWS, now=NOW, size=100)
    assert sorted(chosen) == sorted(BALIE_RELEVANT)


def test_any_round_has_no_duplicates_and_no_other_teams_questions() -> None:
    teams = ("balie", "ict", "kcc")
    pool = [make_question(f"alg-{i}") for i in range(6)] + [
        make_question(f"{team}-{i}", teams=(team,)) for team in teams for i in range(4)
    ]
    pool.append(make_question("balie-kcc", teams=("balie", "kcc")))
    for seed in range(300):
        rng = random.Random(seed)
        team_id = rng.choice([*teams, None])
        questions = rng.sample(pool, rng.randint(0, len(pool)))
        reviews = {
            q.id: review(q.id, timedelta(hours=rng.randint(-2000, 2000)))
            for q in pool
            if rng.random() < 0.5
        }
        size = rng.randint(0, 12)
        chosen = choose_round(
            questions, team_id=team_id, reviews=reviews, now=NOW, size=size, seed=seed
        )
        allowed = {q.id for q in questions if not q.teams or team_id in q.teams}
        assert len(chosen) == len(set(chosen)) == min(size, len(allowed))
        assert set(chosen) <= allowed
        due = [q for q in chosen if q in reviews and reviews[q].due_at <= NOW]
        all_due = [q for q in allowed if q in reviews and reviews[q].due_at <= NOW]
        assert len(due) == min(size, len(all_due))
        assert chosen[: len(due)] == due
        assert [reviews[q].due_at for q in due] == sorted(reviews[q].due_at for q in due)
