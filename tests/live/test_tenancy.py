"""Org B never sees or steers org A's live sessions: rows, alerts, triage, actions, chat."""

from __future__ import annotations

from typing import Any

from tests.proctoring.helpers import event, proctored

ROUTES: set[tuple[str, str]] = {
    ("GET", "/api/v1/exams/{exam_id}/live"),
    ("GET", "/api/v1/live/alerts"),
    ("GET", "/api/v1/attempts/{attempt_id}/live"),
    ("POST", "/api/v1/attempts/{attempt_id}/actions"),
    ("GET", "/api/v1/attempts/{attempt_id}/chat"),
    ("POST", "/api/v1/attempts/{attempt_id}/chat"),
    ("POST", "/api/v1/exams/{exam_id}/chat"),
    # proven in test_proctors.py
    ("GET", "/api/v1/exams/{exam_id}/proctors"),
    ("PUT", "/api/v1/exams/{exam_id}/proctors"),
}


async def test_another_org_can_not_watch_or_act(new_browser: Any, db: Any) -> None:
    a = await proctored(new_browser, db)
    b = await proctored(new_browser, db)
    await a.student.post(f"{a.url}/events", json={"events": [event("e", "tab_switch")]})
    await a.student.post(f"{a.url}/chat", json={"text": "only for my proctor"})
    intruder = b.teacher.browser
    for method, url, body in (
        ("GET", f"/api/v1/exams/{a.exam_id}/live", None),
        ("GET", f"/api/v1/attempts/{a.attempt_id}/live", None),
        ("POST", f"/api/v1/attempts/{a.attempt_id}/actions", {"action": "pause", "message": ""}),
        ("POST", f"/api/v1/attempts/{a.attempt_id}/actions", {"action": "end", "message": "x"}),
        ("GET", f"/api/v1/attempts/{a.attempt_id}/chat", None),
        ("POST", f"/api/v1/attempts/{a.attempt_id}/chat", {"text": "hi"}),
        ("POST", f"/api/v1/exams/{a.exam_id}/chat", {"text": "hi"}),
    ):
        r = await intruder.request(method, url, json=body)
        assert r.status_code == 404, (method, url, r.text)
    assert (await intruder.get("/api/v1/live/alerts")).json() == []
    assert (await intruder.get(f"/api/v1/live/alerts?exam_id={a.exam_id}")).json() == []
    # A's attempt is untouched and A's student heard nothing from B.
    row = (await a.teacher.browser.get(f"/api/v1/attempts/{a.attempt_id}/live")).json()
    assert row["row"]["status"] == "in_progress" and row["actions"] == []
    assert [m["text"] for m in (await a.student.get(f"{a.url}/live")).json()["chat"]] == [
        "only for my proctor"
    ]
