"""Creating, reading, listing, changing, publishing and deleting exams."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from procta.audit.models import AuditLog
from procta.db import utcnow
from procta.exams.flags import FLAG_TYPES
from procta.exams.models import Exam, ExamItem
from tests.exams.helpers import (
    EXAMS,
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


async def audit_actions(db: Any, org_id: str) -> list[tuple[str, dict[str, Any]]]:
    stmt = select(AuditLog).where(AuditLog.org_id == org_id).order_by(AuditLog.created_at)
    return [(a.action, a.details) for a in (await db.execute(stmt)).scalars()]


async def test_create_with_every_setting_and_read_it_back(new_browser: Any, db: Any) -> None:
    teacher = await sign_up(new_browser())
    course = await add_course(db, teacher.org_id, "Chemistry")
    group = await add_group(db, teacher.org_id, "Section A")
    start = utcnow().replace(microsecond=0) + timedelta(days=1)
    body = {
        "title": "  Final exam  ",
        "instructions": "Answer everything.",
        "course_id": course.id,
        "duration_minutes": 90,
        "window_start": start.isoformat(),
        "window_end": (start + timedelta(hours=3)).isoformat(),
        "access_code": "Blue-42",
        "mode": "record_review",
        "rules_allowed": ["Calculator", "One sheet of notes"],
        "rules_prohibited": ["Phones"],
        "flag_settings": {
            "tab_switch": {"enabled": False, "weight": 10},
            "phone_detected": {"enabled": True, "weight": 50},
        },
        "room_camera_required": True,
        "screen_recording_required": True,
        "shuffle_questions": False,
        "shuffle_options": False,
        "group_ids": [group.id],
    }
    created = await teacher.browser.post(EXAMS, json=body)
    assert created.status_code == 201, created.text
    exam = created.json()
    assert exam["title"] == "Final exam"
    assert exam["status"] == "draft"
    assert exam["course"] == {"id": course.id, "name": "Chemistry"}
    assert exam["groups"] == [{"id": group.id, "name": "Section A"}]
    assert exam["access_code"] == "Blue-42" and exam["has_access_code"] is True
    assert datetime.fromisoformat(exam["window_start"]) == start
    assert exam["items"] == [] and exam["question_count"] == 0 and exam["attempt_count"] == 0
    for key in (
        "instructions",
        "duration_minutes",
        "mode",
        "rules_allowed",
        "rules_prohibited",
        "flag_settings",
        "room_camera_required",
        "screen_recording_required",
        "shuffle_questions",
        "shuffle_options",
    ):
        assert exam[key] == body[key], key
    flags = {f["type"]: f for f in exam["flags"]}
    assert set(flags) == set(FLAG_TYPES)
    assert flags["tab_switch"]["enabled"] is False
    assert flags["phone_detected"] == {
        "type": "phone_detected",
        "label": "Phone detected",
        "severity": "high",
        "default_weight": 30,
        "enabled": True,
        "weight": 50,
    }
    assert flags["gaze_deviation"]["enabled"] is True and flags["gaze_deviation"]["weight"] == 10

    fetched = await teacher.browser.get(f"{EXAMS}/{exam['id']}")
    assert fetched.status_code == 200
    assert fetched.json() == exam
    stored = await db.get(Exam, exam["id"])
    assert stored.created_by_id == teacher.user_id and stored.org_id == teacher.org_id
    assert ("exam.created", {"exam_id": exam["id"], "title": "Final exam"}) in await audit_actions(
        db, teacher.org_id
    )


async def test_defaults_of_a_minimal_exam(browser: Any) -> None:
    teacher = await sign_up(browser)
    exam = await create_exam(teacher.browser, title="Quiz")
    assert exam["duration_minutes"] == 60
    assert exam["mode"] == "auto"
    assert exam["course"] is None and exam["groups"] == []  # all students can access it
    assert exam["window_start"] is None and exam["window_end"] is None
    assert exam["access_code"] == "" and exam["has_access_code"] is False
    assert exam["shuffle_questions"] is True and exam["shuffle_options"] is True
    assert all(f["enabled"] and f["weight"] == f["default_weight"] for f in exam["flags"])


async def test_bad_settings_are_refused_in_words(new_browser: Any, db: Any) -> None:
    teacher = await sign_up(new_browser())
    other = await sign_up(new_browser())
    foreign_course = await add_course(db, other.org_id)
    foreign_group = await add_group(db, other.org_id, "Theirs")
    now = utcnow()
    cases: list[tuple[dict[str, Any], int, str]] = [
        ({"title": ""}, 422, "title"),
        ({"title": "x" * 201}, 422, "title"),
        ({"duration_minutes": 0}, 422, "duration_minutes"),
        ({"duration_minutes": 1441}, 422, "duration_minutes"),
        ({"mode": "sometimes"}, 422, "mode"),
        ({"window_start": "2030-01-01T09:00:00"}, 422, "window_start"),  # no zone
        (
            {"window_start": now.isoformat(), "window_end": (now - timedelta(hours=1)).isoformat()},
            422,
            "body",
        ),
        ({"access_code": "x" * 41}, 422, "access_code"),
        ({"rules_allowed": ["r"] * 31}, 422, "rules_allowed"),
        ({"flag_settings": {"sneezing": {"enabled": True, "weight": 1}}}, 422, "flag_settings"),
        ({"flag_settings": {"tab_switch": {"enabled": True, "weight": -1}}}, 422, "flag_settings"),
        ({"status": "archived"}, 422, "status"),
    ]
    for extra, status, field in cases:
        response = await teacher.browser.post(EXAMS, json={"title": "T", **extra})
        assert response.status_code == status, (extra, response.text)
        error = response.json()["error"]
        assert error["code"] == "validation_error"
        assert error["message"].startswith(field), (extra, error)
    unknown_flag = await teacher.browser.post(
        EXAMS, json={"title": "T", "flag_settings": {"sneezing": {"weight": 1}}}
    )
    assert "unknown flag type 'sneezing'" in unknown_flag.text

    for extra in ({"course_id": foreign_course.id}, {"group_ids": [foreign_group.id]}):
        response = await teacher.browser.post(EXAMS, json={"title": "T", **extra})
        assert response.status_code == 404, response.text
        assert error_code(response) == "not_found"
    published = await teacher.browser.post(EXAMS, json={"title": "T", "status": "published"})
    assert published.status_code == 400 and error_code(published) == "exam_empty"
    listed = (await teacher.browser.get(EXAMS)).json()
    assert listed["total"] == 0  # nothing half written
    assert (await db.execute(select(Exam).where(Exam.org_id == teacher.org_id))).first() is None


async def test_patch_changes_only_what_is_sent_and_null_clears(browser: Any, db: Any) -> None:
    teacher = await sign_up(browser)
    course = await add_course(db, teacher.org_id)
    group = await add_group(db, teacher.org_id, "Evening")
    start = utcnow().replace(microsecond=0) + timedelta(days=2)
    exam = await create_exam(
        teacher.browser,
        course_id=course.id,
        access_code="abc",
        window_start=start.isoformat(),
        window_end=(start + timedelta(hours=2)).isoformat(),
    )
    url = f"{EXAMS}/{exam['id']}"
    changed = await teacher.browser.patch(
        url, json={"title": "Renamed", "duration_minutes": 45, "group_ids": [group.id]}
    )
    assert changed.status_code == 200, changed.text
    out = changed.json()
    assert (out["title"], out["duration_minutes"], out["access_code"]) == ("Renamed", 45, "abc")
    assert out["course"]["id"] == course.id and out["groups"][0]["id"] == group.id

    # "Schedule Exam": move the window; clear its end and the course
    later = start + timedelta(days=1)
    scheduled = await teacher.browser.patch(
        url, json={"window_start": later.isoformat(), "window_end": None, "course_id": None}
    )
    assert scheduled.status_code == 200, scheduled.text
    assert datetime.fromisoformat(scheduled.json()["window_start"]) == later
    assert scheduled.json()["window_end"] is None and scheduled.json()["course"] is None

    # "Exam Access Code": set, then remove
    coded = await teacher.browser.patch(url, json={"access_code": "NEW-1"})
    assert coded.json()["access_code"] == "NEW-1"
    cleared = await teacher.browser.patch(url, json={"access_code": "", "group_ids": []})
    assert cleared.json()["has_access_code"] is False and cleared.json()["groups"] == []

    # "flag types on/off and weights": an entry without "enabled" keeps the type on
    flagged = await teacher.browser.patch(
        url,
        json={
            "flag_settings": {
                "noise_level": {"weight": 0},
                "tab_switch": {"enabled": False, "weight": 12.5},
            }
        },
    )
    assert flagged.status_code == 200, flagged.text
    assert flagged.json()["flag_settings"] == {
        "noise_level": {"enabled": True, "weight": 0},
        "tab_switch": {"enabled": False, "weight": 12.5},
    }
    effective = {f["type"]: (f["enabled"], f["weight"]) for f in flagged.json()["flags"]}
    assert effective["noise_level"] == (True, 0) and effective["tab_switch"] == (False, 12.5)
    assert effective["multiple_faces"] == (True, 30)

    bad_window = await teacher.browser.patch(
        url, json={"window_end": (later - timedelta(minutes=1)).isoformat()}
    )
    assert bad_window.status_code == 400 and error_code(bad_window) == "invalid_window"
    for body in ({"title": None}, {"duration_minutes": None}, {"mode": "never"}):
        refused = await teacher.browser.patch(url, json=body)
        assert refused.status_code == 422, (body, refused.text)
    db.expire_all()
    stored = await db.get(Exam, exam["id"])
    assert stored.window_end is None and stored.title == "Renamed"
    assert stored.flag_settings["noise_level"] == {"enabled": True, "weight": 0}
    updates = [d for a, d in await audit_actions(db, teacher.org_id) if a == "exam.updated"]
    assert {"access_code"} in [set(d["fields"]) for d in updates]


async def test_publishing_needs_a_question_and_is_audited(browser: Any, db: Any) -> None:
    teacher = await sign_up(browser)
    exam = await create_exam(teacher.browser)
    url = f"{EXAMS}/{exam['id']}"
    empty = await teacher.browser.patch(url, json={"status": "published"})
    assert empty.status_code == 400 and error_code(empty) == "exam_empty"
    assert "at least one question" in empty.json()["error"]["message"]

    question = await add_question(db, teacher.org_id)
    assert (await set_items(teacher.browser, exam["id"], [{"question_id": question.id}])).is_success
    published = await teacher.browser.patch(url, json={"status": "published"})
    assert published.status_code == 200 and published.json()["status"] == "published"
    # a published exam cannot lose its last question
    emptied = await set_items(teacher.browser, exam["id"], [])
    assert emptied.status_code == 400 and error_code(emptied) == "exam_empty"
    archived = await teacher.browser.patch(url, json={"status": "archived"})
    assert archived.json()["status"] == "archived"
    actions = [a for a, _ in await audit_actions(db, teacher.org_id) if a.startswith("exam.")]
    assert actions.count("exam.published") == 1


async def test_list_filters_searches_and_paginates(browser: Any, db: Any) -> None:
    teacher = await sign_up(browser)
    course = await add_course(db, teacher.org_id, "Biology")
    question = await add_question(db, teacher.org_id, tags=["cells"])
    await add_question(db, teacher.org_id, tags=["cells"])
    made = []
    for n in range(5):
        made.append(
            await create_exam(teacher.browser, title=f"Biology quiz {n}", course_id=course.id)
        )
    other = await create_exam(teacher.browser, title="History 100%_test", access_code="x")
    items = [{"question_id": question.id}, {"pool_tags": ["cells"], "pool_count": 1}]
    assert (await set_items(teacher.browser, made[0]["id"], items)).is_success
    await teacher.browser.patch(f"{EXAMS}/{made[0]['id']}", json={"status": "published"})

    everything = (await teacher.browser.get(EXAMS)).json()
    assert everything["total"] == 6 and everything["page"] == 1 and everything["page_size"] == 50
    assert everything["items"][0]["id"] == other["id"]  # newest first
    assert set(everything["items"][0]) == {
        "id",
        "title",
        "course",
        "status",
        "mode",
        "duration_minutes",
        "window_start",
        "window_end",
        "question_count",
        "has_access_code",
        "created_at",
    }
    assert everything["items"][0]["has_access_code"] is True

    first = (await teacher.browser.get(EXAMS, params={"page_size": 4})).json()
    second = (await teacher.browser.get(EXAMS, params={"page_size": 4, "page": 2})).json()
    assert len(first["items"]) == 4 and len(second["items"]) == 2
    assert not {e["id"] for e in first["items"]} & {e["id"] for e in second["items"]}

    by_course = (await teacher.browser.get(EXAMS, params={"course_id": course.id})).json()
    assert by_course["total"] == 5
    assert all(e["course"] == {"id": course.id, "name": "Biology"} for e in by_course["items"])
    published = (await teacher.browser.get(EXAMS, params={"status": "published"})).json()
    assert [e["id"] for e in published["items"]] == [made[0]["id"]]
    assert published["items"][0]["question_count"] == 2
    found = (await teacher.browser.get(EXAMS, params={"q": "QUIZ 3"})).json()
    assert [e["title"] for e in found["items"]] == ["Biology quiz 3"]
    literal = (await teacher.browser.get(EXAMS, params={"q": "100%_"})).json()
    assert [e["id"] for e in literal["items"]] == [other["id"]]
    assert (await teacher.browser.get(EXAMS, params={"q": "y%"})).json()["total"] == 0
    bad = await teacher.browser.get(EXAMS, params={"status": "gone"})
    assert bad.status_code == 422
    assert (await teacher.browser.get(EXAMS, params={"page": 0})).status_code == 422


async def test_delete_and_refusal_once_attempted(browser: Any, db: Any) -> None:
    teacher = await sign_up(browser)
    question = await add_question(db, teacher.org_id)
    unused = await create_exam(teacher.browser, title="Unused")
    await set_items(teacher.browser, unused["id"], [{"question_id": question.id}])
    deleted = await teacher.browser.delete(f"{EXAMS}/{unused['id']}")
    assert deleted.status_code == 204
    assert (await teacher.browser.get(f"{EXAMS}/{unused['id']}")).status_code == 404
    remaining = await db.execute(select(ExamItem).where(ExamItem.exam_id == unused["id"]))
    assert remaining.first() is None

    taken = await create_exam(teacher.browser, title="Taken")
    await add_attempt(db, teacher.org_id, taken["id"], await add_student(db, teacher.org_id))
    refused = await teacher.browser.delete(f"{EXAMS}/{taken['id']}")
    assert refused.status_code == 409 and error_code(refused) == "exam_has_attempts"
    assert "Archive" in refused.json()["error"]["message"]
    assert (await teacher.browser.get(f"{EXAMS}/{taken['id']}")).json()["attempt_count"] == 1
    archived = await teacher.browser.patch(f"{EXAMS}/{taken['id']}", json={"status": "archived"})
    assert archived.status_code == 200
    assert ("exam.deleted", {"exam_id": unused["id"], "title": "Unused"}) in await audit_actions(
        db, teacher.org_id
    )
    assert (await teacher.browser.delete(f"{EXAMS}/nope")).status_code == 404


async def test_regenerated_access_code_is_six_unambiguous_characters(browser: Any) -> None:
    teacher = await sign_up(browser)
    exam = await create_exam(teacher.browser, access_code="old")
    codes = set()
    for _ in range(5):
        response = await teacher.browser.post(f"{EXAMS}/{exam['id']}/access-code/regenerate")
        assert response.status_code == 200, response.text
        code = response.json()["access_code"]
        assert len(code) == 6 and set(code) <= set("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
        codes.add(code)
    assert len(codes) > 1
    assert (await teacher.browser.get(f"{EXAMS}/{exam['id']}")).json()["access_code"] == code


async def test_signed_out_and_orgless_callers_are_refused(new_browser: Any) -> None:
    anonymous = new_browser()
    assert (await anonymous.get(EXAMS)).status_code == 401
    assert (await anonymous.post(EXAMS, json={"title": "x"})).status_code == 401
