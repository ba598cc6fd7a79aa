"""An exam's questions: fixed bank questions in order and tagged pools."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from procta.db import utcnow
from procta.exams.models import ExamItem
from tests.exams.helpers import (
    EXAMS,
    add_attempt,
    add_question,
    add_student,
    create_exam,
    error_code,
    set_items,
)
from tests.factories import sign_up


async def stored_items(db: Any, exam_id: str) -> list[tuple[int, str | None, list[str], int]]:
    stmt = select(ExamItem).where(ExamItem.exam_id == exam_id).order_by(ExamItem.position)
    return [
        (i.position, i.question_id, i.pool_tags, i.pool_count)
        for i in (await db.execute(stmt)).scalars()
    ]


async def test_put_replaces_the_ordered_list_and_get_describes_it(browser: Any, db: Any) -> None:
    teacher = await sign_up(browser)
    q1 = await add_question(db, teacher.org_id, stem="What is 2+2?", points=2, tags=["math"])
    q2 = await add_question(db, teacher.org_id, qtype="essay", stem="Explain gravity.")
    for _ in range(3):
        await add_question(db, teacher.org_id, tags=["algebra", "easy"])
    await add_question(db, teacher.org_id, tags=["algebra"])  # lacks "easy"
    exam = await create_exam(teacher.browser)
    url = f"{EXAMS}/{exam['id']}/questions"

    response = await set_items(
        teacher.browser,
        exam["id"],
        [
            {"question_id": q2.id},
            {"pool_tags": ["algebra", "easy"], "pool_count": 2},
            {"question_id": q1.id},
        ],
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["question_count"] == 4
    assert body["items"] == [
        {
            "position": 1,
            "kind": "question",
            "question": {
                "id": q2.id,
                "type": "essay",
                "stem": "Explain gravity.",
                "points": 1.0,
                "tags": [],
                "deleted": False,
            },
            "pool_tags": [],
            "pool_count": 0,
            "matching_count": None,
        },
        {
            "position": 2,
            "kind": "pool",
            "question": None,
            "pool_tags": ["algebra", "easy"],
            "pool_count": 2,
            "matching_count": 3,
        },
        {
            "position": 3,
            "kind": "question",
            "question": {
                "id": q1.id,
                "type": "single_choice",
                "stem": "What is 2+2?",
                "points": 2.0,
                "tags": ["math"],
                "deleted": False,
            },
            "pool_tags": [],
            "pool_count": 0,
            "matching_count": None,
        },
    ]
    assert (await teacher.browser.get(url)).json() == body
    exam_view = (await teacher.browser.get(f"{EXAMS}/{exam['id']}")).json()
    assert exam_view["items"] == body["items"] and exam_view["question_count"] == 4

    # a second PUT replaces, in the new order
    again = await set_items(teacher.browser, exam["id"], [{"question_id": q1.id}])
    assert again.status_code == 200
    assert await stored_items(db, exam["id"]) == [(1, q1.id, [], 0)]


async def test_bad_items_are_refused_and_nothing_changes(new_browser: Any, db: Any) -> None:
    teacher = await sign_up(new_browser())
    other = await sign_up(new_browser())
    mine = await add_question(db, teacher.org_id, tags=["geo"])
    await add_question(db, teacher.org_id, tags=["geo"])
    deleted = await add_question(db, teacher.org_id, tags=["geo"], deleted=True)
    theirs = await add_question(db, other.org_id, tags=["geo"])
    exam = await create_exam(teacher.browser)
    assert (await set_items(teacher.browser, exam["id"], [{"question_id": mine.id}])).is_success
    before = await stored_items(db, exam["id"])

    for item in (theirs.id, deleted.id, "nope"):
        response = await set_items(teacher.browser, exam["id"], [{"question_id": item}])
        assert response.status_code == 404, response.text
        assert error_code(response) == "not_found"
    twice = await set_items(
        teacher.browser, exam["id"], [{"question_id": mine.id}, {"question_id": mine.id}]
    )
    assert twice.status_code == 400 and error_code(twice) == "duplicate_question"

    # two live "geo" questions, one of them picked by hand: a pool can draw just one more
    too_many = await set_items(
        teacher.browser,
        exam["id"],
        [{"question_id": mine.id}, {"pool_tags": ["geo"], "pool_count": 2}],
    )
    assert too_many.status_code == 400, too_many.text
    error = too_many.json()["error"]
    assert error["code"] == "pool_too_small"
    assert "only 1 such questions exist" in error["message"]
    assert error["details"] == {"position": 2, "available": 1}
    none = await set_items(teacher.browser, exam["id"], [{"pool_tags": ["zzz"], "pool_count": 1}])
    assert none.status_code == 400 and "only 0" in none.json()["error"]["message"]

    malformed: list[Any] = [
        [{}],
        [{"question_id": mine.id, "pool_tags": ["geo"], "pool_count": 1}],
        [{"pool_tags": ["geo"]}],
        [{"pool_tags": [], "pool_count": 1}],
        [{"pool_tags": ["geo"], "pool_count": -1}],
    ]
    for items in malformed:
        response = await set_items(teacher.browser, exam["id"], items)
        assert response.status_code == 422, (items, response.text)
    missing = await teacher.browser.put(f"{EXAMS}/{exam['id']}/questions", json={})
    assert missing.status_code == 422
    db.expire_all()
    assert await stored_items(db, exam["id"]) == before


async def test_items_are_fixed_once_an_attempt_started(browser: Any, db: Any) -> None:
    teacher = await sign_up(browser)
    q1 = await add_question(db, teacher.org_id)
    q2 = await add_question(db, teacher.org_id)
    exam = await create_exam(teacher.browser)
    await set_items(teacher.browser, exam["id"], [{"question_id": q1.id}])
    await add_attempt(db, teacher.org_id, exam["id"], await add_student(db, teacher.org_id))
    refused = await set_items(teacher.browser, exam["id"], [{"question_id": q2.id}])
    assert refused.status_code == 409 and error_code(refused) == "exam_started"
    assert await stored_items(db, exam["id"]) == [(1, q1.id, [], 0)]
    # settings other than the questions may still change
    renamed = await teacher.browser.patch(f"{EXAMS}/{exam['id']}", json={"title": "Still"})
    assert renamed.status_code == 200


async def test_a_question_deleted_from_the_bank_shows_as_deleted(browser: Any, db: Any) -> None:
    teacher = await sign_up(browser)
    question = await add_question(db, teacher.org_id)
    exam = await create_exam(teacher.browser)
    await set_items(teacher.browser, exam["id"], [{"question_id": question.id}])
    question.deleted_at = utcnow()
    await db.flush()
    (item,) = (await teacher.browser.get(f"{EXAMS}/{exam['id']}/questions")).json()["items"]
    assert item["question"]["id"] == question.id and item["question"]["deleted"] is True
