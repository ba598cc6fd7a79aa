"""Exam templates and cloning."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from procta.audit.models import AuditLog
from procta.db import utcnow
from procta.exams.models import Accommodation
from tests.exams.helpers import (
    EXAMS,
    TEMPLATES,
    add_attempt,
    add_course,
    add_group,
    add_question,
    add_student,
    create_exam,
    error_code,
    set_items,
)
from tests.factories import sign_up

SETTINGS = {
    "instructions": "Read carefully.",
    "duration_minutes": 75,
    "access_code": "K3Y",
    "mode": "live",
    "rules_allowed": ["Calculator"],
    "rules_prohibited": ["Phones", "Notes"],
    "flag_settings": {"tab_switch": {"enabled": False, "weight": 4.0}},
    "room_camera_required": True,
    "screen_recording_required": True,
    "shuffle_questions": False,
    "shuffle_options": True,
}


async def full_exam(teacher: Any, db: Any) -> tuple[dict[str, Any], list[str]]:
    course = await add_course(db, teacher.org_id)
    group = await add_group(db, teacher.org_id, "Group 1")
    q1 = await add_question(db, teacher.org_id)
    q2 = await add_question(db, teacher.org_id, tags=["t"])
    await add_question(db, teacher.org_id, tags=["t"])
    start = utcnow().replace(microsecond=0) + timedelta(days=3)
    exam = await create_exam(
        teacher.browser,
        title="Original",
        course_id=course.id,
        group_ids=[group.id],
        window_start=start.isoformat(),
        window_end=(start + timedelta(hours=1)).isoformat(),
        **SETTINGS,
    )
    items = [{"question_id": q1.id}, {"pool_tags": ["t"], "pool_count": 2}]
    assert (await set_items(teacher.browser, exam["id"], items)).is_success
    published = await teacher.browser.patch(f"{EXAMS}/{exam['id']}", json={"status": "published"})
    return published.json(), [q1.id, q2.id]


def settings_of(exam: dict[str, Any]) -> dict[str, Any]:
    return {k: exam[k] for k in SETTINGS}


async def test_save_list_use_and_delete_a_template(browser: Any, db: Any) -> None:
    teacher = await sign_up(browser)
    exam, (q1, _) = await full_exam(teacher, db)
    saved = await teacher.browser.post(
        f"{EXAMS}/{exam['id']}/save-as-template", json={"name": "Weekly quiz"}
    )
    assert saved.status_code == 201, saved.text
    template = saved.json()
    assert template["name"] == "Weekly quiz" and template["question_count"] == 3
    config = template["config"]
    assert {k: config[k] for k in SETTINGS} == SETTINGS
    assert config["course_id"] == exam["course"]["id"]
    assert config["group_ids"] == [g["id"] for g in exam["groups"]]
    assert config["items"] == [{"question_id": q1}, {"pool_tags": ["t"], "pool_count": 2}]
    assert "window_start" not in config and "status" not in config and "title" not in config
    assert (await teacher.browser.get(TEMPLATES)).json() == [template]

    made = await teacher.browser.post(
        f"{TEMPLATES}/{template['id']}/create-exam", json={"title": "Week 2"}
    )
    assert made.status_code == 201, made.text
    new = made.json()
    assert new["id"] != exam["id"] and new["title"] == "Week 2" and new["status"] == "draft"
    assert settings_of(new) == SETTINGS
    assert new["course"] == exam["course"] and new["groups"] == exam["groups"]
    assert new["items"] == exam["items"] and new["question_count"] == 3
    assert new["window_start"] is None and new["window_end"] is None

    no_course = await teacher.browser.post(
        f"{TEMPLATES}/{template['id']}/create-exam", json={"title": "W3", "course_id": None}
    )
    assert no_course.status_code == 201 and no_course.json()["course"] is None
    other_course = await add_course(db, teacher.org_id, "Other")
    moved = await teacher.browser.post(
        f"{TEMPLATES}/{template['id']}/create-exam",
        json={"title": "W4", "course_id": other_course.id},
    )
    assert moved.json()["course"]["name"] == "Other"
    bad_course = await teacher.browser.post(
        f"{TEMPLATES}/{template['id']}/create-exam", json={"title": "W5", "course_id": "nope"}
    )
    assert bad_course.status_code == 404
    no_title = await teacher.browser.post(f"{TEMPLATES}/{template['id']}/create-exam", json={})
    assert no_title.status_code == 422
    empty_name = await teacher.browser.post(
        f"{EXAMS}/{exam['id']}/save-as-template", json={"name": " "}
    )
    assert empty_name.status_code == 422

    assert (await teacher.browser.delete(f"{TEMPLATES}/{template['id']}")).status_code == 204
    assert (await teacher.browser.get(TEMPLATES)).json() == []
    gone = await teacher.browser.post(
        f"{TEMPLATES}/{template['id']}/create-exam", json={"title": "x"}
    )
    assert gone.status_code == 404 and error_code(gone) == "not_found"
    assert (await teacher.browser.delete(f"{TEMPLATES}/{template['id']}")).status_code == 404


async def test_a_template_outlives_deleted_questions(browser: Any, db: Any) -> None:
    teacher = await sign_up(browser)
    q1 = await add_question(db, teacher.org_id)
    q2 = await add_question(db, teacher.org_id)
    exam = await create_exam(teacher.browser)
    items = [{"question_id": q1.id}, {"question_id": q2.id}]
    await set_items(teacher.browser, exam["id"], items)
    template = (
        await teacher.browser.post(f"{EXAMS}/{exam['id']}/save-as-template", json={"name": "T"})
    ).json()
    q1.deleted_at = utcnow()
    await db.flush()
    made = await teacher.browser.post(
        f"{TEMPLATES}/{template['id']}/create-exam", json={"title": "New"}
    )
    assert made.status_code == 201, made.text
    assert [(i["position"], i["question"]["id"]) for i in made.json()["items"]] == [(1, q2.id)]


async def test_clone_copies_settings_items_groups_but_not_attempts(browser: Any, db: Any) -> None:
    teacher = await sign_up(browser)
    exam, _ = await full_exam(teacher, db)
    student = await add_student(db, teacher.org_id)
    await add_attempt(db, teacher.org_id, exam["id"], student)
    await teacher.browser.put(
        f"{EXAMS}/{exam['id']}/accommodations/{student.id}", json={"extra_minutes": 10}
    )
    response = await teacher.browser.post(f"{EXAMS}/{exam['id']}/clone", json={})
    assert response.status_code == 201, response.text
    clone = response.json()
    assert clone["id"] != exam["id"]
    assert clone["title"] == "Copy of Original" and clone["status"] == "draft"
    assert settings_of(clone) == SETTINGS
    for key in ("course", "groups", "items", "window_start", "window_end", "question_count"):
        assert clone[key] == exam[key], key
    assert clone["attempt_count"] == 0
    assert (await teacher.browser.get(f"{EXAMS}/{clone['id']}/accommodations")).json() == []
    rows = await db.execute(select(Accommodation).where(Accommodation.exam_id == clone["id"]))
    assert rows.first() is None
    # the clone can be edited although the original has attempts
    assert (await set_items(teacher.browser, clone["id"], exam_items(exam)[:1])).is_success

    named = await teacher.browser.post(f"{EXAMS}/{exam['id']}/clone", json={"title": "Retake"})
    assert named.json()["title"] == "Retake"
    audited = await db.execute(
        select(AuditLog.details).where(
            AuditLog.org_id == teacher.org_id, AuditLog.action == "exam.cloned"
        )
    )
    assert {d["source_exam_id"] for d in audited.scalars()} == {exam["id"]}
    assert (await teacher.browser.post(f"{EXAMS}/nope/clone", json={})).status_code == 404


def exam_items(exam: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"question_id": i["question"]["id"]}
        if i["kind"] == "question"
        else {"pool_tags": i["pool_tags"], "pool_count": i["pool_count"]}
        for i in exam["items"]
    ]
