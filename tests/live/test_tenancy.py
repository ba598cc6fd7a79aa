"""Org B never sees or steers org A's live sessions: rows, alerts, triage, actions, chat."""

from __future__ import annotations

from typing import Any

from tests.proctoring.helpers import event, jpeg, proctored

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


async def test_students_and_phones_reach_only_their_own_attempt(new_browser: Any, db: Any) -> None:
    a = await proctored(new_browser, db, room_camera_required=True)
    b = await proctored(new_browser, db, room_camera_required=True)
    warned = await a.teacher.browser.post(
        f"/api/v1/attempts/{a.attempt_id}/actions", json={"action": "warn", "message": "A only"}
    )
    warning_id = warned.json()["action"]["id"]
    # B's student token on A's session: unknown.
    for method, path, body in (
        ("GET", "/live", None),
        ("POST", "/chat", {"text": "hello"}),
        ("POST", "/room-link", None),
        ("POST", f"/warnings/{warning_id}/ack", None),
    ):
        r = await b.student.request(method, f"{a.url}{path}", json=body)
        assert r.status_code == 404, (path, r.text)
    # A's warning id under B's own session: not B's to acknowledge.
    r = await b.student.post(f"{b.url}/warnings/{warning_id}/ack")
    assert r.status_code == 404
    assert len((await a.student.get(f"{a.url}/live")).json()["warnings"]) == 1
    # A phone paired with A sends nothing into B.
    code = (await a.student.post(f"{a.url}/room-link")).json()["url"].partition("#")[2]
    phone = new_browser()
    token = (
        await phone.post(f"/api/v1/room-sessions/{a.attempt_id}/pair", json={"code": code})
    ).json()["token"]
    r = await phone.post(
        f"/api/v1/room-sessions/{b.attempt_id}/snapshots?client_id=x",
        content=jpeg(),
        headers={"Content-Type": "image/jpeg", "Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 403
    # Nor can A's pairing code pair a phone with B.
    code = (await a.student.post(f"{a.url}/room-link")).json()["url"].partition("#")[2]
    r = await phone.post(f"/api/v1/room-sessions/{b.attempt_id}/pair", json={"code": code})
    assert r.status_code == 410
