"""Rows of the neighbouring domains (courses, questions, students, groups, attempts) made
directly in the test's transaction, and exams made through the API."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

from procta.attempts.models import Attempt
from procta.courses.models import Course
from procta.db import utcnow
from procta.questions.models import Question
from procta.students.models import GroupMember, Student, StudentGroup

EXAMS = "/api/v1/exams"
TEMPLATES = "/api/v1/exam-templates"
_seq = itertools.count(1)


async def add_course(db: Any, org_id: str, name: str = "Physics 101") -> Course:
    course = Course(org_id=org_id, name=name, code="PHY101")
    db.add(course)
    await db.flush()
    return course


async def add_question(
    db: Any,
    org_id: str,
    *,
    tags: list[str] | None = None,
    stem: str | None = None,
    qtype: str = "single_choice",
    points: float = 1.0,
    deleted: bool = False,
) -> Question:
    question = Question(
        org_id=org_id,
        type=qtype,
        stem=stem or f"Question {next(_seq)}?",
        options=[{"id": "a", "text": "Yes"}, {"id": "b", "text": "No"}],
        answer="a",
        points=points,
        tags=tags or [],
        deleted_at=utcnow() if deleted else None,
    )
    db.add(question)
    await db.flush()
    return question


async def add_student(db: Any, org_id: str, name: str = "Sam Student") -> Student:
    student = Student(org_id=org_id, roll_number=f"R{next(_seq):04d}", name=name)
    db.add(student)
    await db.flush()
    return student


async def add_group(
    db: Any, org_id: str, name: str, members: list[Student] | None = None
) -> StudentGroup:
    group = StudentGroup(org_id=org_id, name=name)
    db.add(group)
    await db.flush()
    db.add_all(
        GroupMember(org_id=org_id, group_id=group.id, student_id=s.id) for s in members or []
    )
    await db.flush()
    return group


async def add_attempt(db: Any, org_id: str, exam_id: str, student: Student) -> Attempt:
    now = utcnow()
    attempt = Attempt(
        org_id=org_id,
        exam_id=exam_id,
        student_id=student.id,
        seed=next(_seq),
        token_hash=f"hash-{next(_seq)}-{exam_id}",
        started_at=now,
        deadline_at=now + timedelta(hours=1),
    )
    db.add(attempt)
    await db.flush()
    return attempt


async def create_exam(browser: Any, **body: Any) -> dict[str, Any]:
    response = await browser.post(EXAMS, json={"title": "Midterm", **body})
    assert response.status_code == 201, response.text
    exam: dict[str, Any] = response.json()
    return exam


async def set_items(browser: Any, exam_id: str, items: list[dict[str, Any]]) -> Any:
    return await browser.put(f"{EXAMS}/{exam_id}/questions", json={"items": items})


def error_code(response: Any) -> str:
    code: str = response.json()["error"]["code"]
    return code
