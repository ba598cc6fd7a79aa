"""One question of every type, as the API takes them, and helpers to create them."""

from __future__ import annotations

from typing import Any

API = "/api/v1/questions"

SAMPLES: list[dict[str, Any]] = [
    {
        "type": "single_choice",
        "stem": "Which planet is closest to the Sun?",
        "options": [{"text": "Venus"}, {"text": "Mercury"}, {"text": "Mars"}],
        "answer": "b",
        "points": 2,
        "explanation": "Mercury orbits at about 0.39 AU.",
        "tags": ["astronomy", "Year 7"],
    },
    {
        "type": "multiple_choice",
        "stem": "Which of these are prime numbers?\nChoose all that apply.",
        "options": [{"text": "2"}, {"text": "4"}, {"text": "7"}, {"text": "9 | nine"}],
        "answer": ["a", "c"],
        "points": 3,
        "partial_credit": True,
        "tags": ["maths", "primes"],
    },
    {
        "type": "true_false",
        "stem": "Water boils at 100 °C at sea level.",
        "answer": True,
        "points": 1,
        "tags": ["physics"],
    },
    {
        "type": "short_answer",
        "stem": "What is the capital of France?",
        "answer": {"accepted": ["Paris", "Paris, France"], "match": "case_insensitive"},
        "points": 1.5,
        "tags": ["geography", "biología"],
    },
    {
        "type": "numeric",
        "stem": "What is g on Earth, in m/s²?",
        "answer": {"value": 9.81, "tolerance": 0.05},
        "points": 2,
        "tags": ["physics"],
    },
    {
        "type": "essay",
        "stem": "Discuss the causes of the First World War.",
        "answer": None,
        "points": 10,
        "explanation": "Look for alliances, militarism, imperialism, nationalism.",
        "tags": ["history"],
    },
]

# What the sample questions become once stored (ids generated, tags lower-cased).
COMPARED = ("type", "stem", "options", "answer", "points", "partial_credit", "explanation", "tags")


async def create(browser: Any, body: dict[str, Any]) -> dict[str, Any]:
    response = await browser.post(API, json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def create_all(browser: Any) -> list[dict[str, Any]]:
    return [await create(browser, body) for body in SAMPLES]


def essentials(question: dict[str, Any]) -> dict[str, Any]:
    return {name: question[name] for name in COMPARED}


def error_of(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] == code, error
    assert isinstance(error["message"], str) and error["message"]
    return error
