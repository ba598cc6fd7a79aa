"""Build exams straight into the test's transaction (the bank and exam APIs have their own
tests), then act as students and teachers through HTTP."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from procta.db import utcnow
from procta.exams.models import Exam, ExamItem
from procta.questions.models import Question
from procta.students.models import Student

QUESTIONS: list[dict[str, Any]] = [
    {
        "type": "single_choice",
        "stem": "2 + 2 = ?",
        "points": 1,
        "options": [{"id": "a", "text": "3"}, {"id": "b", "text": "4"}, {"id": "c", "text": "5"}],
        "answer": "b",
    },
    {
        "type": "multiple_choice",
        "stem": "Primes?",
        "points": 2,
        "partial_credit": True,
        "options": [
            {"id": "a", "text": "2"},
            {"id": "b", "text": "4"},
            {"id": "c", "text": "5"},
            {"id": "d", "text": "9"},
        ],
        "answer": ["a", "c"],
    },
    {
        "type": "true_false",
        "stem": "The earth is flat.",
        "points": 1,
        "options": [{"id": "true", "text": "True"}, {"id": "false", "text": "False"}],
        "answer": False,
    },
    {
        "type": "short_answer",
        "stem": "Capital of France?",
        "points": 1,
        "answer": {"accepted": ["Paris"], "match": "case_insensitive"},
    },
    {
        "type": "numeric",
        "stem": "Pi to 2 decimals?",
        "points": 1,
        "answer": {"value": 3.14, "tolerance": 0.005},
    },
    {"type": "essay", "stem": "Explain recursion.", "points": 5, "answer": None},
]


@dataclass
class Setup:
    exam: Exam
    questions: list[Question]
    students: list[Student] = field(default_factory=list)


async def make_exam(
    db: Any,
    org_id: str,
    *,
    questions: list[dict[str, Any]] | None = None,
    students: int = 2,
    window: tuple[datetime | None, datetime | None] = (None, None),
    **settings: Any,
) -> Setup:
    bank = [
        Question(org_id=org_id, tags=["unit-1"], **{"options": [], **spec})
        for spec in (questions if questions is not None else QUESTIONS)
    ]
    db.add_all(bank)
    exam = Exam(
        org_id=org_id,
        title="Midterm",
        status="published",
        duration_minutes=30,
        window_start=window[0],
        window_end=window[1],
        **settings,
    )
    db.add(exam)
    await db.flush()
    db.add_all(
        ExamItem(org_id=org_id, exam_id=exam.id, position=i, question_id=q.id)
        for i, q in enumerate(bank, start=1)
    )
    # A second exam of the same org sits the same students.
    rolls = [f"R{n:03d}" for n in range(students)]
    known = {
        s.roll_number: s
        for s in (
            await db.execute(
                select(Student).where(Student.org_id == org_id, Student.roll_number.in_(rolls))
            )
        ).scalars()
    }
    people = [
        known.get(roll) or Student(org_id=org_id, roll_number=roll, name=f"Student {n}")
        for n, roll in enumerate(rolls)
    ]
    db.add_all(p for p in people if p.roll_number not in known)
    await db.flush()
    return Setup(exam, bank, people)


def past(minutes: float) -> datetime:
    return utcnow() - timedelta(minutes=minutes)


def future(minutes: float) -> datetime:
    return utcnow() + timedelta(minutes=minutes)


async def join(browser: Any, exam_id: str, roll: str, code: str = "") -> dict[str, Any]:
    r = await browser.post(
        "/api/v1/exam-sessions", json={"exam_id": exam_id, "roll_number": roll, "access_code": code}
    )
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    browser.headers["Authorization"] = f"Bearer {body['token']}"
    return body
