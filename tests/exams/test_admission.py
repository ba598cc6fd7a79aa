"""The admission rules the student side applies before an attempt starts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from procta.db import utcnow
from procta.errors import AppError
from procta.exams.models import Exam
from procta.exams.service import admission_check, check_access_code
from tests.exams.helpers import EXAMS, add_group, add_question, add_student, create_exam, set_items
from tests.factories import sign_up


async def published_exam(teacher: Any, db: Any, **settings: Any) -> Exam:
    question = await add_question(db, teacher.org_id)
    exam = await create_exam(teacher.browser, **settings)
    assert (await set_items(teacher.browser, exam["id"], [{"question_id": question.id}])).is_success
    published = await teacher.browser.patch(f"{EXAMS}/{exam['id']}", json={"status": "published"})
    assert published.status_code == 200, published.text
    stored: Exam = await db.get(Exam, exam["id"])
    return stored


async def refusal(db: Any, exam: Exam, student_id: str, code: str | None, now: Any) -> AppError:
    with pytest.raises(AppError) as caught:
        await admission_check(db, exam, student_id, code, now)
    return caught.value


async def test_window_bounds(browser: Any, db: Any) -> None:
    teacher = await sign_up(browser)
    student = await add_student(db, teacher.org_id)
    start = utcnow().replace(microsecond=0) + timedelta(hours=1)
    end = start + timedelta(hours=2)
    exam = await published_exam(
        teacher, db, window_start=start.isoformat(), window_end=end.isoformat()
    )
    early = await refusal(db, exam, student.id, None, start - timedelta(seconds=1))
    assert (early.status, early.code) == (403, "exam_not_started")
    assert start.isoformat() in early.message
    assert early.details == {"window_start": start.isoformat()}
    await admission_check(db, exam, student.id, None, start)
    await admission_check(db, exam, student.id, None, end - timedelta(seconds=1))
    late = await refusal(db, exam, student.id, None, end)
    assert (late.status, late.code) == (403, "exam_closed")


async def test_unpublished_exam_is_not_open(browser: Any, db: Any) -> None:
    teacher = await sign_up(browser)
    student = await add_student(db, teacher.org_id)
    draft = await create_exam(teacher.browser)
    exam = await db.get(Exam, draft["id"])
    assert (await refusal(db, exam, student.id, None, utcnow())).code == "exam_not_open"
    published = await published_exam(teacher, db)
    await teacher.browser.patch(f"{EXAMS}/{published.id}", json={"status": "archived"})
    await db.refresh(published)
    assert (await refusal(db, published, student.id, None, utcnow())).code == "exam_not_open"


async def test_access_code_is_case_insensitive_and_required(browser: Any, db: Any) -> None:
    teacher = await sign_up(browser)
    student = await add_student(db, teacher.org_id)
    exam = await published_exam(teacher, db, access_code="Blue-42")
    for good in ("Blue-42", "blue-42", " BLUE-42 "):
        await admission_check(db, exam, student.id, good, utcnow())
    for bad in (None, "", "blue-43", "Blue-42x"):
        error = await refusal(db, exam, student.id, bad, utcnow())
        assert (error.status, error.code) == (403, "invalid_access_code")
        assert "access code" in error.message
    with pytest.raises(AppError):
        check_access_code(exam, "nope")
    open_exam = await published_exam(teacher, db)  # no code: anyone, whatever they type
    await admission_check(db, open_exam, student.id, None, utcnow())
    await admission_check(db, open_exam, student.id, "anything", utcnow())


async def test_groups_admit_only_their_members(browser: Any, db: Any) -> None:
    teacher = await sign_up(browser)
    inside = await add_student(db, teacher.org_id, "In")
    outside = await add_student(db, teacher.org_id, "Out")
    morning = await add_group(db, teacher.org_id, "Morning", [inside])
    evening = await add_group(db, teacher.org_id, "Evening")
    exam = await published_exam(teacher, db, group_ids=[morning.id, evening.id])
    await admission_check(db, exam, inside.id, None, utcnow())
    error = await refusal(db, exam, outside.id, None, utcnow())
    assert (error.status, error.code) == (403, "not_in_group")
    everyone = await published_exam(teacher, db)
    await admission_check(db, everyone, outside.id, None, utcnow())
