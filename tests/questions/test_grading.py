"""Scoring and response checks: worked examples, then properties over random keys and
responses (hypothesis)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from procta.errors import BadRequest
from procta.questions.grading import score, validate_response

OPTIONS = [{"id": i, "text": i.upper()} for i in "abcd"]
SHORT = {"accepted": ["Paris", " New York "], "match": "case_insensitive"}
EXACT = {"accepted": ["Paris"], "match": "exact"}
NUMBER = {"value": 9.81, "tolerance": 0.05}


@pytest.mark.parametrize(
    ("kind", "answer", "partial", "response", "expected"),
    [
        ("single_choice", "b", False, "b", 2.0),
        ("single_choice", "b", False, "a", 0.0),
        ("true_false", True, False, True, 2.0),
        ("true_false", True, False, False, 0.0),
        ("true_false", False, False, 0, 0.0),
        ("multiple_choice", ["a", "c"], False, ["c", "a"], 2.0),
        ("multiple_choice", ["a", "c"], False, ["a"], 0.0),
        ("multiple_choice", ["a", "c"], True, ["a"], 1.0),
        ("multiple_choice", ["a", "c"], True, ["a", "b"], 0.0),
        ("multiple_choice", ["a", "c"], True, ["a", "c", "d"], 1.0),
        ("multiple_choice", ["a", "c"], True, ["b", "d"], 0.0),
        ("multiple_choice", ["a", "b", "c", "d"], True, ["a", "b", "c"], 1.5),
        ("short_answer", SHORT, False, "  paris ", 2.0),
        ("short_answer", SHORT, False, "NEW YORK", 2.0),
        ("short_answer", SHORT, False, "New  York", 0.0),
        ("short_answer", SHORT, False, "Lyon", 0.0),
        ("short_answer", EXACT, False, "Paris ", 2.0),
        ("short_answer", EXACT, False, "paris", 0.0),
        ("numeric", NUMBER, False, 9.8, 2.0),
        ("numeric", NUMBER, False, "9.86", 2.0),
        ("numeric", NUMBER, False, 9.87, 0.0),
        ("numeric", NUMBER, False, "nine", 0.0),
        ("numeric", NUMBER, False, True, 0.0),
        ("numeric", {"value": 0.3, "tolerance": 0}, False, 0.1 + 0.2, 2.0),
        ("numeric", {"value": 42, "tolerance": 0}, False, "42", 2.0),
        ("essay", None, False, "An essay.", None),
        ("essay", None, False, None, 0.0),
        ("single_choice", "b", False, None, 0.0),
        ("multiple_choice", ["a"], True, None, 0.0),
    ],
)
def test_scores(
    kind: str, answer: Any, partial: bool, response: Any, expected: float | None
) -> None:
    assert score(kind, answer, 2.0, partial, response) == expected


@pytest.mark.parametrize(
    ("kind", "response"),
    [
        ("single_choice", "z"),
        ("single_choice", ["a"]),
        ("single_choice", 1),
        ("multiple_choice", "a"),
        ("multiple_choice", ["a", "a"]),
        ("multiple_choice", ["a", "z"]),
        ("multiple_choice", ["a", 2]),
        ("true_false", "true"),
        ("true_false", 1),
        ("short_answer", 12),
        ("short_answer", "x" * 1001),
        ("numeric", True),
        ("numeric", "twelve"),
        ("numeric", ""),
        ("numeric", "nan"),
        ("numeric", [1]),
        ("essay", {"text": "hi"}),
        ("essay", "x" * 20_001),
        ("poem", "roses"),
    ],
)
def test_wrong_shapes_are_invalid_response(kind: str, response: Any) -> None:
    with pytest.raises(BadRequest) as caught:
        validate_response(kind, OPTIONS, response)
    assert caught.value.code == "invalid_response"
    assert caught.value.status == 400 and caught.value.message


@pytest.mark.parametrize(
    ("kind", "response"),
    [
        ("single_choice", "a"),
        ("multiple_choice", []),
        ("multiple_choice", ["d", "a"]),
        ("true_false", False),
        ("short_answer", "x" * 1000),
        ("numeric", 3),
        ("numeric", -2.5),
        ("numeric", " 1e3 "),
        ("essay", "x" * 20_000),
        ("essay", ""),
        ("single_choice", None),
        ("numeric", None),
    ],
)
def test_right_shapes_pass(kind: str, response: Any) -> None:
    validate_response(kind, OPTIONS, response)


# --- properties ---------------------------------------------------------------------------

IDS = list("abcdefgh")
points = st.floats(min_value=0.01, max_value=1000, allow_nan=False)
option_sets = st.lists(st.sampled_from(IDS), unique=True, min_size=1, max_size=len(IDS))
anything = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)
short_keys = st.builds(
    lambda accepted, match: {"accepted": accepted, "match": match},
    st.lists(st.text(min_size=1, max_size=10), min_size=1, max_size=4),
    st.sampled_from(["exact", "case_insensitive"]),
)
numeric_keys = st.builds(
    lambda value, tolerance: {"value": value, "tolerance": tolerance},
    st.floats(min_value=-1e6, max_value=1e6),
    st.floats(min_value=0, max_value=100),
)
keys = st.one_of(
    st.tuples(st.just("single_choice"), st.sampled_from(IDS)),
    st.tuples(st.just("multiple_choice"), option_sets),
    st.tuples(st.just("true_false"), st.booleans()),
    st.tuples(st.just("short_answer"), short_keys),
    st.tuples(st.just("numeric"), numeric_keys),
)


@given(keys, points, st.booleans(), anything | st.sampled_from(IDS) | option_sets)
def test_score_stays_between_zero_and_points(
    key: tuple[str, Any], worth: float, partial: bool, response: Any
) -> None:
    kind, answer = key
    awarded = score(kind, answer, worth, partial, response)
    assert awarded is not None
    assert 0 <= awarded <= worth


def _key_response(kind: str, answer: Any) -> Any:
    if kind == "short_answer":
        return answer["accepted"][-1]
    if kind == "numeric":
        return answer["value"]
    return answer


@given(keys, points, st.booleans())
def test_the_key_earns_full_marks(key: tuple[str, Any], worth: float, partial: bool) -> None:
    kind, answer = key
    assert score(kind, answer, worth, partial, _key_response(kind, answer)) == worth


@given(st.data(), option_sets, points)
def test_partial_credit_is_monotonic(data: st.DataObject, correct: list[str], worth: float) -> None:
    chosen = data.draw(st.lists(st.sampled_from(IDS), unique=True))
    base = score("multiple_choice", correct, worth, True, chosen)
    assert base is not None
    missing_right = [i for i in correct if i not in chosen]
    missing_wrong = [i for i in IDS if i not in correct and i not in chosen]
    if missing_right:
        more_right = score("multiple_choice", correct, worth, True, [*chosen, missing_right[0]])
        assert more_right is not None and more_right >= base
    if missing_wrong:
        more_wrong = score("multiple_choice", correct, worth, True, [*chosen, missing_wrong[0]])
        assert more_wrong is not None and more_wrong <= base
    all_or_nothing = score("multiple_choice", correct, worth, False, chosen)
    assert all_or_nothing is not None and base >= all_or_nothing


@given(points, st.text(max_size=50))
def test_essays_with_text_wait_for_a_person(worth: float, text: str) -> None:
    assert score("essay", None, worth, False, text) is None
