"""The question bank over HTTP: every type, the per-type rules, search, tags, edit, delete."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select

from procta.questions.models import Question
from tests.factories import invite_and_join, sign_up
from tests.questions.samples import API, SAMPLES, create, create_all, error_of

AUDIT = "/api/v1/orgs/current/audit-log"


async def listing(browser: Any, **params: Any) -> dict[str, Any]:
    response = await browser.get(API, params=params)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


async def test_every_type_is_stored_normalised_and_read_back(browser: Any) -> None:
    owner = await sign_up(browser)
    single, multiple, true_false, short, numeric, essay = await create_all(browser)

    assert single["options"] == [
        {"id": "a", "text": "Venus"},
        {"id": "b", "text": "Mercury"},
        {"id": "c", "text": "Mars"},
    ]
    assert single["answer"] == "b" and single["points"] == 2
    assert single["tags"] == ["astronomy", "year 7"]
    assert single["version"] == 1 and single["updated_at"] is None
    assert single["created_by_id"] == owner.user_id
    assert multiple["answer"] == ["a", "c"] and multiple["partial_credit"] is True
    assert multiple["options"][3] == {"id": "d", "text": "9 | nine"}
    assert true_false["options"] == [
        {"id": "true", "text": "True"},
        {"id": "false", "text": "False"},
    ]
    assert true_false["answer"] is True
    assert short["answer"] == {"accepted": ["Paris", "Paris, France"], "match": "case_insensitive"}
    assert numeric["answer"] == {"value": 9.81, "tolerance": 0.05} and numeric["options"] == []
    assert essay["answer"] is None and essay["partial_credit"] is False

    for created in (single, multiple, true_false, short, numeric, essay):
        fetched = await browser.get(f"{API}/{created['id']}")
        assert fetched.status_code == 200, fetched.text
        assert fetched.json() == created


async def test_friendly_answer_forms_and_option_ids(browser: Any) -> None:
    await sign_up(browser)
    mixed = await create(
        browser,
        {
            "type": "multiple_choice",
            "stem": "  Pick the mammals  ",
            "options": [{"id": "whale", "text": "Whale"}, {"text": "Shark"}, {"text": "Bat"}],
            "answer": ["b", "whale"],
            "tags": ["Biology", "biology ", " Zoo  Animals "],
        },
    )
    assert [o["id"] for o in mixed["options"]] == ["whale", "a", "b"]
    assert mixed["answer"] == ["whale", "b"]  # in option order
    assert mixed["stem"] == "Pick the mammals"
    assert mixed["tags"] == ["biology", "zoo animals"]
    assert mixed["partial_credit"] is False

    short = await create(browser, {"type": "short_answer", "stem": "Say hi", "answer": "hello"})
    assert short["answer"] == {"accepted": ["hello"], "match": "case_insensitive"}
    number = await create(browser, {"type": "numeric", "stem": "6 x 7?", "answer": 42})
    assert number["answer"] == {"value": 42, "tolerance": 0}
    # partial credit belongs to multiple choice only
    single = await create(
        browser,
        {
            "type": "single_choice",
            "stem": "1 + 1?",
            "options": [{"text": "2"}, {"text": "3"}],
            "answer": "a",
            "partial_credit": True,
        },
    )
    assert single["partial_credit"] is False
    # true/false options are fixed whatever is sent
    fixed = await create(
        browser,
        {
            "type": "true_false",
            "stem": "Sky is blue",
            "options": [{"text": "Yes"}],
            "answer": False,
        },
    )
    assert [o["id"] for o in fixed["options"]] == ["true", "false"]


CHOICES = [{"text": "One"}, {"text": "Two"}]
RULE_BREAKERS = [
    ({"type": "single_choice", "stem": "?", "options": [{"text": "Only"}], "answer": "a"},
     "options", "at least 2 options"),
    ({"type": "single_choice", "stem": "?", "options": CHOICES, "answer": "z"},
     "answer", "one option (a, b)"),
    ({"type": "single_choice", "stem": "?", "options": CHOICES, "answer": ["a"]},
     "answer", "id of one option"),
    ({"type": "single_choice", "stem": "?", "options": [{"text": "Same"}, {"text": "Same"}],
      "answer": "a"}, "options", "same text"),
    ({"type": "single_choice", "stem": "?",
      "options": [{"id": "x", "text": "A"}, {"id": "x", "text": "B"}], "answer": "x"},
     "options", "same id"),
    ({"type": "multiple_choice", "stem": "?", "options": CHOICES, "answer": []},
     "answer", "at least one correct"),
    ({"type": "multiple_choice", "stem": "?", "options": CHOICES, "answer": ["a", "a"]},
     "answer", "twice"),
    ({"type": "multiple_choice", "stem": "?", "options": CHOICES, "answer": ["a", "q"]},
     "answer", "does not have"),
    ({"type": "true_false", "stem": "?", "answer": "true"}, "answer", "true or false"),
    ({"type": "short_answer", "stem": "?", "answer": {"accepted": ["  "]}},
     "answer.accepted", "at least one"),
    ({"type": "short_answer", "stem": "?", "answer": {"accepted": ["x"], "match": "fuzzy"}},
     "answer.match", "exact"),
    ({"type": "short_answer", "stem": "?", "options": CHOICES, "answer": "x"},
     "options", "has no options"),
    ({"type": "numeric", "stem": "?", "answer": {"value": 3, "tolerance": -1}},
     "answer.tolerance", "0 or more"),
    ({"type": "numeric", "stem": "?", "answer": {"value": "three"}},
     "answer.value", "must be a number"),
    ({"type": "numeric", "stem": "?", "answer": True}, "answer", '"value"'),
    ({"type": "essay", "stem": "?", "answer": "model answer"}, "answer", "graded by hand"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "field", "words"), RULE_BREAKERS)
async def test_per_type_rules_are_422_in_words(
    browser: Any, db: Any, body: dict[str, Any], field: str, words: str
) -> None:
    await sign_up(browser)
    error = error_of(await browser.post(API, json=body), 422, "invalid_question")
    assert {"field": field, "message": error["message"].split(": ", 1)[1]} in error["details"]
    assert error["message"].startswith(f"{field}: ")
    assert words in error["message"]
    assert (await db.execute(select(Question))).first() is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"type": "single_choice", "stem": "", "options": CHOICES, "answer": "a"}, "stem"),
        ({"type": "essay", "stem": "?", "points": 0}, "points"),
        ({"type": "essay", "stem": "?", "points": -2}, "points"),
        ({"type": "riddle", "stem": "?"}, "type"),
        ({"type": "essay", "stem": "?", "tags": ["a|b"]}, "tags.0"),
        ({"type": "essay", "stem": "?", "tags": [""]}, "tags.0"),
        ({"type": "essay", "stem": "bell \x07"}, "stem"),
        ({"type": "single_choice", "stem": "?", "options": [{"id": "1 bad", "text": "x"}]},
         "options.0.id"),
    ],
)  # fmt: skip
async def test_malformed_fields_are_422(browser: Any, body: dict[str, Any], field: str) -> None:
    await sign_up(browser)
    error = error_of(await browser.post(API, json=body), 422, "validation_error")
    assert field in {d["field"] for d in error["details"]}


async def test_search_by_text_tag_and_type_paginated(browser: Any) -> None:
    await sign_up(browser)
    created = await create_all(browser)
    await create(browser, {"type": "essay", "stem": "Discount of 100% off?", "tags": ["x_y"]})

    everything = await listing(browser)
    assert everything["total"] == 7 and everything["page"] == 1 and everything["page_size"] == 50
    assert everything["items"][-1]["id"] == created[0]["id"]  # newest first

    capital = await listing(browser, q="CAPITAL of")
    assert [q["stem"] for q in capital["items"]] == ["What is the capital of France?"]
    percent = await listing(browser, q="100%")  # LIKE wildcards are literal
    assert [q["stem"] for q in percent["items"]] == ["Discount of 100% off?"]
    assert (await listing(browser, q="nothing like this"))["total"] == 0

    physics = await listing(browser, tag="physics")
    assert {q["type"] for q in physics["items"]} == {"true_false", "numeric"}
    assert (await listing(browser, tag="PHYSICS", type="numeric"))["total"] == 1
    assert (await listing(browser, tag="Biología"))["items"][0]["type"] == "short_answer"
    assert (await listing(browser, tag="x_y"))["total"] == 1
    assert (await listing(browser, tag="x%"))["total"] == 0
    assert (await listing(browser, tag="phys"))["total"] == 0  # whole tags only
    both = await browser.get(API, params=[("tag", "maths"), ("tag", "primes")])
    assert [q["type"] for q in both.json()["items"]] == ["multiple_choice"]
    assert (await browser.get(API, params=[("tag", "maths"), ("tag", "physics")])).json()[
        "total"
    ] == 0
    assert (await listing(browser, type="essay"))["total"] == 2

    first = await listing(browser, page_size=3)
    second = await listing(browser, page=2, page_size=3)
    third = await listing(browser, page=3, page_size=3)
    assert first["total"] == second["total"] == 7
    ids = [q["id"] for page in (first, second, third) for q in page["items"]]
    assert len(ids) == len(set(ids)) == 7
    error_of(await browser.get(API, params={"type": "poem"}), 422, "validation_error")
    error_of(await browser.get(API, params={"page_size": 0}), 422, "validation_error")


async def test_tags_with_counts(browser: Any) -> None:
    await sign_up(browser)
    await create_all(browser)
    response = await browser.get(f"{API}/tags")
    assert response.status_code == 200, response.text
    counts = {t["tag"]: t["count"] for t in response.json()}
    assert counts == {
        "physics": 2,
        "astronomy": 1,
        "year 7": 1,
        "maths": 1,
        "primes": 1,
        "geography": 1,
        "biología": 1,
        "history": 1,
    }
    assert response.json()[0] == {"tag": "physics", "count": 2}  # most used first


async def test_edit_bumps_version_only_on_a_real_change(browser: Any) -> None:
    await sign_up(browser)
    single = await create(browser, SAMPLES[0])
    url = f"{API}/{single['id']}"

    edited = await browser.patch(url, json={"stem": "Which planet is nearest the Sun?"})
    assert edited.status_code == 200, edited.text
    body = edited.json()
    assert body["version"] == 2 and body["stem"] == "Which planet is nearest the Sun?"
    assert body["options"] == single["options"] and body["answer"] == "b"
    assert datetime.fromisoformat(body["updated_at"]) >= datetime.fromisoformat(
        single["created_at"]
    )

    same = await browser.patch(url, json={"stem": body["stem"], "points": 2})
    assert same.json()["version"] == 2

    bad = await browser.patch(url, json={"answer": "z"})
    error_of(bad, 422, "invalid_question")
    bad_shape = await browser.patch(url, json={"points": 0})
    error_of(bad_shape, 422, "validation_error")
    assert (await browser.get(url)).json() == same.json()

    # a new type needs a key that fits; options of a choice question are dropped
    turned = await browser.patch(url, json={"type": "short_answer", "answer": "Mercury"})
    assert turned.status_code == 200, turned.text
    assert turned.json()["options"] == [] and turned.json()["version"] == 3
    assert turned.json()["answer"]["accepted"] == ["Mercury"]
    error_of(await browser.patch(url, json={"type": "numeric"}), 422, "invalid_question")


async def test_delete_is_soft(browser: Any, db: Any) -> None:
    await sign_up(browser)
    kept, gone = await create(browser, SAMPLES[2]), await create(browser, SAMPLES[3])
    url = f"{API}/{gone['id']}"
    assert (await browser.delete(url)).status_code == 204

    error_of(await browser.get(url), 404, "not_found")
    error_of(await browser.patch(url, json={"stem": "back?"}), 404, "not_found")
    error_of(await browser.delete(url), 404, "not_found")
    assert [q["id"] for q in (await listing(browser))["items"]] == [kept["id"]]
    assert "geography" not in {t["tag"] for t in (await browser.get(f"{API}/tags")).json()}
    row = (await db.execute(select(Question).where(Question.id == gone["id"]))).scalar_one()
    assert row.deleted_at is not None and row.stem == gone["stem"]


async def test_changes_are_audited(browser: Any) -> None:
    owner = await sign_up(browser)
    question = await create(browser, SAMPLES[0])
    url = f"{API}/{question['id']}"
    await browser.patch(url, json={"points": 4})
    await browser.delete(url)

    log = {e["action"]: e for e in (await browser.get(AUDIT)).json()}
    created = log["question.created"]
    assert created["actor_email"] == owner.email
    assert created["details"] == {"question_id": question["id"], "type": "single_choice"}
    updated = log["question.updated"]
    assert updated["details"] == {
        "question_id": question["id"],
        "version": 2,
        "changed": ["points"],
    }
    assert log["question.deleted"]["details"] == {"question_id": question["id"]}
    assert log["question.deleted"]["actor_email"] == owner.email


async def test_teachers_share_the_org_bank(new_browser: Any, outbox: Any) -> None:
    owner = await sign_up(new_browser())
    teacher = await invite_and_join(owner, new_browser(), outbox)
    mine = await create(teacher.browser, SAMPLES[4])
    assert mine["created_by_id"] == teacher.user_id
    seen = (await owner.browser.get(API)).json()["items"]
    assert [q["id"] for q in seen] == [mine["id"]]
    edited = await owner.browser.patch(f"{API}/{mine['id']}", json={"tags": ["mechanics"]})
    assert edited.json()["tags"] == ["mechanics"]


async def test_needs_sign_in(new_browser: Any) -> None:
    anonymous = new_browser()
    error_of(await anonymous.get(API), 401, "not_authenticated")
    error_of(await anonymous.post(API, json=SAMPLES[0]), 401, "not_authenticated")
