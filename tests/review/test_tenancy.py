"""Org B never reads or changes org A's reviews, recordings, reports, exports, appeals or
media: every review, report and retention route answers 404 across orgs, and B's queue and
cleanup never see A's attempts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from procta.db import utcnow
from procta.proctoring.models import Snapshot
from tests.review.media import stored_recording
from tests.review.test_appeals import flagged_with_evidence

ROUTES: set[tuple[str, str]] = {
    ("GET", "/api/v1/reviews"),
    ("GET", "/api/v1/reviews/next"),
    ("GET", "/api/v1/attempts/{attempt_id}/review"),
    ("GET", "/api/v1/attempts/{attempt_id}/recordings/{kind}"),
    ("POST", "/api/v1/attempts/{attempt_id}/warnings"),
    ("DELETE", "/api/v1/attempts/{attempt_id}/warnings/{flag_id}"),
    ("POST", "/api/v1/attempts/{attempt_id}/review"),
    ("POST", "/api/v1/attempts/reviews"),
    ("POST", "/api/v1/exams/{exam_id}/release"),
    ("POST", "/api/v1/attempts/{attempt_id}/appeal"),
    ("GET", "/api/v1/attempts/{attempt_id}/report.html"),
    ("GET", "/api/v1/attempts/{attempt_id}/report.pdf"),
    ("GET", "/api/v1/exams/{exam_id}/report.pdf"),
    ("GET", "/api/v1/exams/{exam_id}/results.csv"),
    ("GET", "/api/v1/exams/{exam_id}/flags.csv"),
    ("GET", "/api/v1/attempts/{attempt_id}/summary"),
    ("GET", "/api/v1/exams/{exam_id}/summary"),
    ("POST", "/api/v1/tools/cleanup-media"),
}


async def test_another_org_can_not_review_report_or_clean_up(
    new_browser: Any, db: Any, settings: Any
) -> None:
    a, _, _ = await flagged_with_evidence(new_browser, db)
    b, _, _ = await flagged_with_evidence(new_browser, db)
    await stored_recording(a, db, settings.data_dir, utcnow() - timedelta(minutes=5))
    assert (
        await a.teacher.browser.get(f"/api/v1/attempts/{a.attempt_id}/recordings/webcam")
    ).status_code == 200
    started = (await a.teacher.browser.get(f"/api/v1/attempts/{a.attempt_id}/review")).json()
    warning = await a.teacher.browser.post(
        f"/api/v1/attempts/{a.attempt_id}/warnings",
        json={"at": started["started_at"], "comment": "A's"},
    )
    assert warning.status_code == 201, warning.text
    intruder = b.teacher.browser
    attempt, exam = f"/api/v1/attempts/{a.attempt_id}", f"/api/v1/exams/{a.exam_id}"
    for method, url, body in (
        ("GET", f"{attempt}/review", None),
        ("GET", f"{attempt}/recordings/webcam", None),
        ("POST", f"{attempt}/warnings", {"at": "2026-11-30T00:00:00Z", "comment": "B's"}),
        ("DELETE", f"{attempt}/warnings/{warning.json()['id']}", None),
        ("POST", f"{attempt}/review", {"status": "approved"}),
        ("POST", "/api/v1/attempts/reviews", {"attempt_ids": [a.attempt_id], "status": "approved"}),
        ("POST", f"{exam}/release", {"released": True}),
        ("POST", f"{attempt}/appeal", {"status": "upheld", "resolution": "x"}),
        ("GET", f"{attempt}/report.html", None),
        ("GET", f"{attempt}/report.pdf", None),
        ("GET", f"{exam}/report.pdf", None),
        ("GET", f"{exam}/results.csv", None),
        ("GET", f"{exam}/flags.csv", None),
        ("GET", f"{attempt}/summary", None),
        ("GET", f"{exam}/summary", None),
    ):
        r = await intruder.request(method, url, json=body)
        assert r.status_code == 404, (method, url, r.text)
    queue = (await intruder.get("/api/v1/reviews?status=all")).json()
    assert [i["attempt_id"] for i in queue["items"]] == [b.attempt_id]
    assert (await intruder.get(f"/api/v1/reviews?exam_id={a.exam_id}")).json()["total"] == 0
    nxt = await intruder.get(f"/api/v1/reviews/next?exam_id={a.exam_id}")
    assert nxt.json() == {"attempt_id": None}
    # A's packet is as A left it.
    packet = (await a.teacher.browser.get(f"{attempt}/review")).json()
    assert packet["review"]["status"] == "pending" and not packet["results_released"]
    assert warning.json()["id"] in {f["id"] for f in packet["proctoring"]["flags"]}


async def test_a_student_token_reaches_only_its_own_result(new_browser: Any, db: Any) -> None:
    a, evidence, _ = await flagged_with_evidence(new_browser, db)
    b, _, _ = await flagged_with_evidence(new_browser, db)
    for p in (a, b):
        await p.teacher.browser.post(f"/api/v1/exams/{p.exam_id}/release", json={"released": True})
    # B's student token on A's attempt: unknown.
    for method, path, body in (
        ("GET", "/result", None),
        ("GET", f"/result/media/{evidence}", None),
        ("POST", "/appeal", {"comment": "not mine"}),
    ):
        r = await b.student.request(method, f"{a.url}{path}", json=body)
        assert r.status_code in (401, 404), (path, r.status_code)
    # And A's evidence id through B's own attempt: not B's.
    r = await b.student.get(f"{b.url}/result/media/{evidence}")
    assert r.status_code == 404


async def test_cleanup_of_one_org_leaves_the_other_alone(new_browser: Any, db: Any) -> None:
    a, _, _ = await flagged_with_evidence(new_browser, db)
    b, _, _ = await flagged_with_evidence(new_browser, db)
    old = utcnow() - timedelta(days=60)
    await db.execute(update(Snapshot).values(taken_at=old))
    freed = (await b.teacher.browser.post("/api/v1/tools/cleanup-media")).json()
    assert freed["snapshots_deleted"] == 2
    left = await db.execute(select(Snapshot.id).where(Snapshot.org_id == a.teacher.org_id))
    assert len(left.all()) == 2
