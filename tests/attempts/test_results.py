from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from procta.attempts.models import Attempt, AttemptQuestion
from tests.attempts.helpers import join, make_exam
from tests.factories import sign_up

S = "/api/v1/exam-sessions"


async def finish(new_browser: Any, exam_id: str, roll: str, answers: dict[str, Any]) -> str:
    student = new_browser()
    session = await join(student, exam_id, roll)
    by_type = {q["type"]: q["id"] for q in session["questions"]}
    for kind, response in answers.items():
        r = await student.put(
            f"{S}/{session['attempt_id']}/answers/{by_type[kind]}",
            json={"response": response, "client_seq": 1},
        )
        assert r.status_code == 200, r.text
    assert (await student.post(f"{S}/{session['attempt_id']}/submit")).status_code == 200
    return str(session["attempt_id"])


ONE_Q = [
    {
        "type": "single_choice",
        "stem": "2 + 2 = ?",
        "points": 4,
        "options": [{"id": "a", "text": "3"}, {"id": "b", "text": "4"}],
        "answer": "b",
    },
]


async def test_results_table_sorts_filters_and_pages(new_browser: Any, db: Any) -> None:
    teacher = await sign_up(new_browser())
    setup = await make_exam(db, teacher.org_id, questions=ONE_Q, students=3)
    await finish(new_browser, setup.exam.id, "R000", {"single_choice": "b"})
    await finish(new_browser, setup.exam.id, "R001", {"single_choice": "a"})
    await join(new_browser(), setup.exam.id, "R002")  # still writing
    url = f"/api/v1/exams/{setup.exam.id}/attempts"
    page = (await teacher.browser.get(url, params={"sort": "score", "order": "desc"})).json()
    assert page["total"] == 3
    assert [r["roll_number"] for r in page["items"]] == ["R000", "R001", "R002"]
    assert [r["score_percent"] for r in page["items"]] == [100.0, 0.0, None]
    # No flags: a clean submitted attempt has risk 0; one still being written has none yet.
    assert [r["violations"] for r in page["items"]] == [0, 0, 0]
    assert [r["risk_score"] for r in page["items"]] == [0, 0, None]
    assert page["items"][0]["risk_tier"] == "low" and page["items"][0]["calibration"] is None
    only = (await teacher.browser.get(url, params={"status": "in_progress"})).json()
    assert [r["roll_number"] for r in only["items"]] == ["R002"]
    paged = (await teacher.browser.get(url, params={"page": 2, "page_size": 2})).json()
    assert len(paged["items"]) == 1 and paged["total"] == 3
    searched = (await teacher.browser.get(url, params={"q": "student 1"})).json()
    assert [r["roll_number"] for r in searched["items"]] == ["R001"]
    bad = await teacher.browser.get(url, params={"status": "nonsense"})
    assert bad.status_code == 400


async def test_failed_submission_is_listed_and_can_be_force_submitted(
    new_browser: Any, db: Any
) -> None:
    teacher = await sign_up(new_browser())
    setup = await make_exam(db, teacher.org_id, questions=ONE_Q, students=1)
    student = new_browser()
    session = await join(student, setup.exam.id, "R000")
    attempt = session["attempt_id"]
    frozen = (
        await db.execute(select(AttemptQuestion).where(AttemptQuestion.attempt_id == attempt))
    ).scalar_one()
    good = dict(frozen.snapshot)
    frozen.snapshot = {"public": good["public"]}  # a broken snapshot makes grading fail
    await db.flush()

    r = await student.post(f"{S}/{attempt}/submit")
    assert r.status_code == 503
    assert r.json()["error"]["code"] == "submission_failed"
    failed = (await teacher.browser.get("/api/v1/attempts/failed")).json()
    assert [f["attempt_id"] for f in failed["items"]] == [attempt]
    assert "KeyError" in failed["items"][0]["failure_reason"]

    frozen.snapshot = good
    await db.flush()
    row = (await db.execute(select(Attempt).where(Attempt.id == attempt))).scalar_one()
    row.started_at -= timedelta(days=3)  # forced long after the sitting ended
    row.deadline_at -= timedelta(days=3)
    await db.flush()
    forced = await teacher.browser.post(f"/api/v1/attempts/{attempt}/force-submit")
    assert forced.status_code == 200, forced.text
    assert forced.json()["status"] == "submitted" and forced.json()["score"] == 0
    assert forced.json()["time_seconds"] <= (row.deadline_at - row.started_at).total_seconds()
    assert (await teacher.browser.get("/api/v1/attempts/failed")).json()["total"] == 0
    twice = await teacher.browser.post(f"/api/v1/attempts/{attempt}/force-submit")
    assert twice.status_code == 409


async def test_student_history(new_browser: Any, db: Any) -> None:
    teacher = await sign_up(new_browser())
    first = await make_exam(db, teacher.org_id, questions=ONE_Q, students=2)
    second = await make_exam(db, teacher.org_id, questions=ONE_Q, students=0)
    second.exam.title = "Final"
    await db.flush()
    await finish(new_browser, first.exam.id, "R000", {"single_choice": "b"})
    await finish(new_browser, second.exam.id, "R000", {"single_choice": "a"})
    history = (await teacher.browser.get("/api/v1/student-history")).json()
    rows = {r["roll_number"]: r for r in history["items"]}
    assert rows["R000"]["exams"] == 2 and rows["R000"]["avg_score_percent"] == 50.0
    assert rows["R000"]["last_exam_title"] == "Final"
    assert rows["R001"]["exams"] == 0 and rows["R001"]["avg_score_percent"] is None
    found = (await teacher.browser.get("/api/v1/student-history", params={"q": "r001"})).json()
    assert [r["roll_number"] for r in found["items"]] == ["R001"]
    student_id = rows["R000"]["student_id"]
    attempts = (await teacher.browser.get(f"/api/v1/student-history/{student_id}")).json()
    assert sorted(a["exam_title"] for a in attempts) == ["Final", "Midterm"]


async def test_results_summary_counts_and_averages(new_browser: Any, db: Any) -> None:
    teacher = await sign_up(new_browser())
    setup = await make_exam(db, teacher.org_id, questions=ONE_Q, students=4)
    empty = await make_exam(db, teacher.org_id, questions=ONE_Q, students=0)
    url = f"/api/v1/exams/{setup.exam.id}/results/summary"
    zero = (await teacher.browser.get(url)).json()
    assert zero["attempts"] == 0 and zero["average_score_percent"] is None
    await finish(new_browser, setup.exam.id, "R000", {"single_choice": "b"})
    await finish(new_browser, setup.exam.id, "R001", {"single_choice": "a"})
    await join(new_browser(), setup.exam.id, "R002")  # still writing
    summary = (await teacher.browser.get(url)).json()
    assert summary == {
        "exam_id": setup.exam.id,
        "attempts": 3,
        "submitted": 2,
        "in_progress": 1,
        "failed": 0,
        "needs_grading": 0,
        "average_score_percent": 50.0,
    }
    every = (await teacher.browser.get("/api/v1/results/summary")).json()
    assert every == [summary]  # exams nobody has started are left out
    none = await teacher.browser.get(f"/api/v1/exams/{empty.exam.id}/results/summary")
    assert none.status_code == 200 and none.json()["submitted"] == 0
    row = (await teacher.browser.get(f"/api/v1/exams/{setup.exam.id}/attempts")).json()["items"][0]
    assert row["deadline_at"] > row["started_at"]
    other = await sign_up(new_browser())
    assert (await other.browser.get(url)).status_code == 404
    assert (await other.browser.get("/api/v1/results/summary")).json() == []
