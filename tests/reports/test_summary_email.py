"""When an exam's window closes, its teacher gets the summary by email, once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import update

from procta.db import utcnow
from procta.exams.models import Exam
from procta.reports.tasks import send_due_summaries
from tests.review.test_appeals import flagged_with_evidence


async def send(app_state: Any, settings: Any, now: Any) -> int:
    return await send_due_summaries(app_state.sessionmaker, settings, now)


async def test_the_summary_goes_out_once_when_the_window_closes(
    new_browser: Any, db: Any, app_state: Any, settings: Any, outbox: Any
) -> None:
    p, _, _ = await flagged_with_evidence(new_browser, db)
    closes = utcnow() + timedelta(minutes=5)
    await db.execute(update(Exam).where(Exam.id == p.exam_id).values(window_end=closes))
    await db.execute(
        update(Exam).where(Exam.id == p.exam_id).values(created_by_id=p.teacher.user_id)
    )
    await db.commit()
    assert await send(app_state, settings, utcnow()) == 0  # still open
    assert outbox.to(p.teacher.email) == []
    later = closes + timedelta(minutes=1)
    assert await send(app_state, settings, later) == 1
    assert await send(app_state, settings, later + timedelta(minutes=1)) == 0  # only once
    [mail] = outbox.to(p.teacher.email)
    assert mail["Subject"] == "Exam summary: Midterm"
    body = outbox.body(mail)
    assert "“Midterm”: 1 attempt, 1 finished." in body
    assert f"http://testserver/exams/{p.exam_id}/results" in body


async def test_old_windows_send_nothing(
    new_browser: Any, db: Any, app_state: Any, settings: Any, outbox: Any
) -> None:
    p, _, _ = await flagged_with_evidence(new_browser, db)
    await db.execute(
        update(Exam).where(Exam.id == p.exam_id).values(window_end=utcnow() - timedelta(days=30))
    )
    await db.commit()
    assert await send(app_state, settings, utcnow()) == 0
