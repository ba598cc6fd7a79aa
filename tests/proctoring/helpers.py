"""A proctored attempt to test against: an exam, a joined student who consented."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from PIL import Image
from sqlalchemy import update

from procta.attempts.models import Attempt
from procta.db import utcnow
from tests.attempts.helpers import join, make_exam
from tests.factories import Account, sign_up

S = "/api/v1/exam-sessions"
ONE_Q = [
    {
        "type": "single_choice",
        "stem": "2 + 2 = ?",
        "points": 1,
        "options": [{"id": "a", "text": "3"}, {"id": "b", "text": "4"}],
        "answer": "b",
    }
]


@dataclass
class Proctored:
    teacher: Account
    student: Any
    attempt_id: str
    exam_id: str
    question_id: str

    @property
    def url(self) -> str:
        return f"{S}/{self.attempt_id}"


async def proctored(
    new_browser: Any, db: Any, *, consent: bool = True, teacher: Account | None = None, **exam: Any
) -> Proctored:
    teacher = teacher or await sign_up(new_browser())
    setup = await make_exam(db, teacher.org_id, questions=ONE_Q, students=1, **exam)
    student = new_browser()
    session = await join(student, setup.exam.id, "R000")
    found = Proctored(teacher, student, session["attempt_id"], setup.exam.id, setup.questions[0].id)
    # The student started ten minutes ago, so that events can carry earlier times.
    await db.execute(
        update(Attempt)
        .where(Attempt.id == found.attempt_id)
        .values(started_at=utcnow() - timedelta(minutes=10))
    )
    if consent:
        r = await student.post(f"{found.url}/consent", json={"accept": True})
        assert r.status_code == 200, r.text
    return found


def jpeg(width: int = 64, height: int = 48, colour: tuple[int, int, int] = (90, 120, 150)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG", quality=80)
    return out.getvalue()


def event(
    client_id: str,
    type: str,
    at: datetime | None = None,
    phase: str = "instant",
    **extra: Any,
) -> dict[str, Any]:
    return {
        "client_id": client_id,
        "type": type,
        "phase": phase,
        "at": (at or utcnow()).isoformat(),
        **extra,
    }


def seconds_ago(s: float) -> datetime:
    return utcnow() - timedelta(seconds=s)
