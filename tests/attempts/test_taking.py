from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from procta.attempts.models import Attempt
from procta.attempts.service import submit_overdue
from procta.db import utcnow
from tests.attempts.helpers import future, join, make_exam, past
from tests.factories import sign_up

S = "/api/v1/exam-sessions"


async def test_join_answer_resume_and_submit(new_browser: Any, db: Any) -> None:
    teacher = await sign_up(new_browser())
    setup = await make_exam(db, teacher.org_id, access_code="K7Q2")
    student = new_browser()
    info = (await student.get(f"{S}/exams/{setup.exam.id}")).json()
    assert info["needs_access_code"] and info["question_count"] == 6
    assert "access_code" not in info

    session = await join(student, setup.exam.id, "R000", "k7q2")
    assert session["resumed"] is False
    assert len(session["questions"]) == 6
    assert all("answer" not in q and "key" not in q for q in session["questions"])
    assert 29 * 60 < session["remaining_seconds"] <= 30 * 60
    by_type = {q["type"]: q for q in session["questions"]}
    attempt = session["attempt_id"]

    saves = {
        "single_choice": "b",
        "multiple_choice": ["a", "c"],
        "true_false": False,
        "short_answer": " paris ",
        "numeric": "3.141",
        "essay": "A function calling itself.",
    }
    for kind, response in saves.items():
        r = await student.put(
            f"{S}/{attempt}/answers/{by_type[kind]['id']}",
            json={"response": response, "client_seq": 1},
        )
        assert r.status_code == 200, r.text
        assert r.json()["applied"] is True

    # A closed tab: the student joins again on another device and sees the same exam.
    again = new_browser()
    resumed = await join(again, setup.exam.id, "R000", "K7Q2")
    assert resumed["resumed"] is True
    assert [q["id"] for q in resumed["questions"]] == [q["id"] for q in session["questions"]]
    assert [q["options"] for q in resumed["questions"]] == [
        q["options"] for q in session["questions"]
    ]
    assert resumed["answers"][by_type["single_choice"]["id"]]["response"] == "b"
    # ... and the old device's token no longer works.
    assert (await student.get(f"{S}/{attempt}")).status_code == 404

    done = await again.post(f"{S}/{attempt}/submit")
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "submitted"
    assert done.json()["answered"] == 6

    detail = (await teacher.browser.get(f"/api/v1/attempts/{attempt}")).json()
    assert detail["score"] == 6  # 1+2+1+1+1, the essay waits for the teacher
    assert detail["needs_grading"] is True
    essay = by_type["essay"]["id"]
    graded = await teacher.browser.put(
        f"/api/v1/attempts/{attempt}/answers/{essay}/grade", json={"points": 4, "feedback": "Good"}
    )
    assert graded.status_code == 200, graded.text
    assert graded.json()["score"] == 10 and graded.json()["needs_grading"] is False
    assert graded.json()["score_percent"] == round(10 / 11 * 100, 1)
    too_many = await teacher.browser.put(
        f"/api/v1/attempts/{attempt}/answers/{essay}/grade", json={"points": 6}
    )
    assert too_many.status_code == 400


async def test_autosave_is_idempotent_and_ordered(new_browser: Any, db: Any) -> None:
    teacher = await sign_up(new_browser())
    setup = await make_exam(db, teacher.org_id)
    student = new_browser()
    session = await join(student, setup.exam.id, "R001")
    attempt = session["attempt_id"]
    qid = next(q["id"] for q in session["questions"] if q["type"] == "short_answer")
    url = f"{S}/{attempt}/answers/{qid}"
    assert (await student.put(url, json={"response": "Lyon", "client_seq": 2})).json()["applied"]
    stale = await student.put(url, json={"response": "Nice", "client_seq": 1})
    assert stale.json() == {**stale.json(), "applied": False, "client_seq": 2}
    retry = await student.put(url, json={"response": "Lyon", "client_seq": 2})
    assert retry.json()["applied"] is False
    view = (await student.get(f"{S}/{attempt}")).json()
    assert view["answers"][qid]["response"] == "Lyon"


async def test_students_differ_but_each_view_is_deterministic(new_browser: Any, db: Any) -> None:
    teacher = await sign_up(new_browser())
    setup = await make_exam(db, teacher.org_id, students=6)
    orders = []
    for student in setup.students:
        session = await join(new_browser(), setup.exam.id, student.roll_number)
        orders.append(tuple(q["id"] for q in session["questions"]))
    assert len(set(orders)) > 1


async def test_refusals(new_browser: Any, db: Any) -> None:
    teacher = await sign_up(new_browser())
    setup = await make_exam(db, teacher.org_id, access_code="ABC123", students=1)
    student = new_browser()
    body = {"exam_id": setup.exam.id, "roll_number": "R000", "access_code": "WRONG"}
    wrong = await student.post(S, json=body)
    assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "invalid_access_code"
    unknown = await student.post(S, json={**body, "roll_number": "NOPE", "access_code": "ABC123"})
    assert unknown.status_code == 400
    assert unknown.json()["error"]["code"] == "unknown_roll_number"
    missing = await student.post(S, json={**body, "exam_id": "0" * 32})
    assert missing.status_code == 404
    assert (await student.get(f"{S}/{'0' * 32}")).status_code == 401
    closed = await make_exam(db, teacher.org_id, window=(past(60), past(1)), students=0)
    r = await student.post(S, json={**body, "exam_id": closed.exam.id, "access_code": ""})
    assert r.status_code == 403 and r.json()["error"]["code"] == "exam_closed"
    later = await make_exam(db, teacher.org_id, window=(future(60), None), students=0)
    r = await student.post(S, json={**body, "exam_id": later.exam.id, "access_code": ""})
    assert r.status_code == 403 and r.json()["error"]["code"] == "exam_not_started"


async def test_answers_after_the_deadline_are_refused_and_overdue_is_auto_submitted(
    new_browser: Any, db: Any
) -> None:
    teacher = await sign_up(new_browser())
    setup = await make_exam(db, teacher.org_id)
    exam_id = setup.exam.id
    student = new_browser()
    session = await join(student, exam_id, "R000")
    attempt, qid = session["attempt_id"], session["questions"][0]["id"]
    await student.put(f"{S}/{attempt}/answers/{qid}", json={"response": None, "client_seq": 1})
    await db.execute(
        update(Attempt)
        .where(Attempt.id == attempt)
        .values(deadline_at=utcnow() - timedelta(minutes=1))
    )
    await db.flush()
    late = await student.put(
        f"{S}/{attempt}/answers/{qid}", json={"response": None, "client_seq": 2}
    )
    assert late.status_code == 409 and late.json()["error"]["code"] == "time_over"
    other = await join(new_browser(), exam_id, "R001")
    await db.execute(
        update(Attempt)
        .where(Attempt.id == other["attempt_id"])
        .values(deadline_at=utcnow() - timedelta(minutes=1))
    )
    await db.flush()
    assert len(await submit_overdue(db)) == 2
    db.expire_all()
    row = (await teacher.browser.get(f"/api/v1/attempts/{attempt}")).json()
    assert row["status"] == "auto_submitted"
    assert (await student.post(f"{S}/{attempt}/submit")).json()["status"] == "auto_submitted"
    again = await student.post(
        S, json={"exam_id": exam_id, "roll_number": "R000", "access_code": ""}
    )
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_submitted"


async def test_bad_answers(new_browser: Any, db: Any) -> None:
    teacher = await sign_up(new_browser())
    setup = await make_exam(db, teacher.org_id)
    student = new_browser()
    session = await join(student, setup.exam.id, "R000")
    attempt = session["attempt_id"]
    single = next(q["id"] for q in session["questions"] if q["type"] == "single_choice")
    wrong_option = await student.put(
        f"{S}/{attempt}/answers/{single}", json={"response": "zzz", "client_seq": 1}
    )
    assert wrong_option.status_code == 400
    assert wrong_option.json()["error"]["code"] == "invalid_response"
    foreign = await student.put(
        f"{S}/{attempt}/answers/{'f' * 32}", json={"response": "b", "client_seq": 1}
    )
    assert foreign.status_code == 404
    await student.post(f"{S}/{attempt}/submit")
    after = await student.put(
        f"{S}/{attempt}/answers/{single}", json={"response": "b", "client_seq": 5}
    )
    assert after.status_code == 409 and after.json()["error"]["code"] == "attempt_closed"


async def test_heartbeat_records_and_reports_time(new_browser: Any, db: Any) -> None:
    teacher = await sign_up(new_browser())
    setup = await make_exam(db, teacher.org_id)
    student = new_browser()
    session = await join(student, setup.exam.id, "R000")
    attempt = session["attempt_id"]
    beat = await student.post(f"{S}/{attempt}/heartbeat")
    assert beat.status_code == 200, beat.text
    assert beat.json()["status"] == "in_progress"
    assert 0 < beat.json()["remaining_seconds"] <= 30 * 60
    stored = (await db.execute(select(Attempt).where(Attempt.id == attempt))).scalar_one()
    await db.refresh(stored)
    assert stored.last_heartbeat_at is not None
    assert abs((stored.last_heartbeat_at - utcnow()).total_seconds()) < 5
    stranger = new_browser()
    stranger.headers["Authorization"] = "Bearer at_forged"
    assert (await stranger.post(f"{S}/{attempt}/heartbeat")).status_code == 404
