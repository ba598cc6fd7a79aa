"""Org B never reaches org A's attempts, results or student history."""

from __future__ import annotations

from typing import Any

from tests.attempts.helpers import make_exam
from tests.attempts.test_results import ONE_Q, finish
from tests.factories import sign_up

ROUTES: set[tuple[str, str]] = {
    ("GET", "/api/v1/exams/{exam_id}/attempts"),
    ("GET", "/api/v1/exams/{exam_id}/results/summary"),
    ("GET", "/api/v1/results/summary"),
    ("GET", "/api/v1/attempts/failed"),
    ("GET", "/api/v1/attempts/{attempt_id}"),
    ("PUT", "/api/v1/attempts/{attempt_id}/answers/{question_id}/grade"),
    ("POST", "/api/v1/attempts/{attempt_id}/force-submit"),
    ("GET", "/api/v1/student-history"),
    ("GET", "/api/v1/student-history/{student_id}"),
}


async def test_another_org_sees_none_of_it(new_browser: Any, db: Any) -> None:
    a = await sign_up(new_browser())
    b = await sign_up(new_browser())
    setup = await make_exam(db, a.org_id, questions=ONE_Q, students=1)
    attempt = await finish(new_browser, setup.exam.id, "R000", {"single_choice": "b"})
    student_id = setup.students[0].id
    for method, url, body in (
        ("GET", f"/api/v1/exams/{setup.exam.id}/attempts", None),
        ("GET", f"/api/v1/exams/{setup.exam.id}/results/summary", None),
        ("GET", f"/api/v1/attempts/{attempt}", None),
        ("PUT", f"/api/v1/attempts/{attempt}/answers/{setup.questions[0].id}/grade", {"points": 0}),
        ("POST", f"/api/v1/attempts/{attempt}/force-submit", None),
        ("GET", f"/api/v1/student-history/{student_id}", None),
    ):
        r = await b.browser.request(method, url, json=body)
        assert r.status_code == 404, (url, r.text)
    history = (await b.browser.get("/api/v1/student-history")).json()
    assert history["total"] == 0
    assert (await b.browser.get("/api/v1/attempts/failed")).json()["total"] == 0
    assert (await b.browser.get("/api/v1/results/summary")).json() == []
    detail = (await a.browser.get(f"/api/v1/attempts/{attempt}")).json()
    assert detail["score"] == 4
