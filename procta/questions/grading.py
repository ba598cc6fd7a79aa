"""Checking and scoring a student's response to one question: pure functions, no database.

The attempts engine calls ``validate_response`` when an answer is saved and ``score`` when
an attempt is graded, with the key frozen in the attempt's snapshot of the question.
Answer keys have the shapes described on ``procta.questions.models.Question``.
"""

from __future__ import annotations

import math
from typing import Any

from procta.errors import BadRequest

SHORT_ANSWER_MAX = 1_000
ESSAY_MAX = 20_000
# Decimal input such as 0.1 + 0.2 must equal 0.3 even with a tolerance of zero.
NUMERIC_SLACK = 1e-9


def _invalid(message: str) -> BadRequest:
    return BadRequest(message, code="invalid_response")


def as_number(value: Any) -> float | None:
    """A finite number from an int, a float or a numeric string; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def validate_response(question_type: str, options: list[dict[str, Any]], response: Any) -> None:
    """Refuse a response whose shape does not fit the question; None (cleared) always fits."""
    if response is None:
        return
    ids = {str(option["id"]) for option in options}
    if question_type == "single_choice":
        if not isinstance(response, str) or response not in ids:
            raise _invalid("Choose one of the question's options.")
    elif question_type == "multiple_choice":
        if not isinstance(response, list) or not all(isinstance(r, str) for r in response):
            raise _invalid("A multiple-choice answer is a list of option ids.")
        if len(set(response)) != len(response):
            raise _invalid("An option is chosen twice.")
        if not set(response) <= ids:
            raise _invalid("The answer names an option this question does not have.")
    elif question_type == "true_false":
        if not isinstance(response, bool):
            raise _invalid("A true/false answer is true or false.")
    elif question_type in ("short_answer", "essay"):
        limit = SHORT_ANSWER_MAX if question_type == "short_answer" else ESSAY_MAX
        if not isinstance(response, str):
            raise _invalid("The answer must be text.")
        if len(response) > limit:
            raise _invalid(f"The answer is longer than {limit} characters.")
    elif question_type == "numeric":
        if as_number(response) is None:
            raise _invalid("The answer must be a number.")
    else:
        raise _invalid(f"Unknown question type {question_type!r}.")


def _multiple_choice(answer: Any, points: float, partial_credit: bool, response: Any) -> float:
    if not isinstance(response, list) or not isinstance(answer, list) or not answer:
        return 0.0
    correct, chosen = set(answer), {r for r in response if isinstance(r, str)}
    if not partial_credit:
        return points if chosen == correct else 0.0
    right, wrong = len(chosen & correct), len(chosen - correct)
    return points * (max(0, right - wrong) / len(correct))  # the key earns exactly points


def _short_answer(answer: Any, points: float, response: Any) -> float:
    if not isinstance(response, str) or not isinstance(answer, dict):
        return 0.0
    fold = answer.get("match") == "case_insensitive"
    given = response.strip().casefold() if fold else response.strip()
    for accepted in answer.get("accepted", []):
        expected = str(accepted).strip()
        if given == (expected.casefold() if fold else expected):
            return points
    return 0.0


def _numeric(answer: Any, points: float, response: Any) -> float:
    given = as_number(response)
    if given is None or not isinstance(answer, dict):
        return 0.0
    value, tolerance = float(answer["value"]), float(answer.get("tolerance", 0))
    slack = NUMERIC_SLACK * max(1.0, abs(value))
    return points if abs(given - value) <= tolerance + slack else 0.0


def score(
    question_type: str, answer: Any, points: float, partial_credit: bool, response: Any
) -> float | None:
    """Points awarded for ``response``: None when a person must grade it (an answered
    essay), 0 when nothing was answered. Multiple choice with partial credit earns
    ``points * max(0, right - wrong) / number of correct options``; otherwise all or nothing.
    """
    if response is None:
        return 0.0
    if question_type == "essay":
        return None
    if question_type in ("single_choice", "true_false"):
        same_kind = isinstance(response, bool) == isinstance(answer, bool)
        return points if same_kind and response == answer else 0.0
    if question_type == "multiple_choice":
        return _multiple_choice(answer, points, partial_credit, response)
    if question_type == "short_answer":
        return _short_answer(answer, points, response)
    if question_type == "numeric":
        return _numeric(answer, points, response)
    return 0.0
