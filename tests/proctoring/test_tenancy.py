"""Org B never reads or changes org A's proctoring records, media, flags or verdicts."""

from __future__ import annotations

from typing import Any

from tests.proctoring.helpers import event, jpeg, proctored

ROUTES: set[tuple[str, str]] = {
    ("GET", "/api/v1/attempts/{attempt_id}/proctoring"),
    ("GET", "/api/v1/attempts/{attempt_id}/media/{media_id}"),
    ("POST", "/api/v1/flags/{flag_id}/decision"),
    ("POST", "/api/v1/flags/decisions"),
    ("POST", "/api/v1/attempts/{attempt_id}/verdict"),
    ("POST", "/api/v1/attempts/verdicts"),
    ("POST", "/api/v1/tools/backfill-scores"),
}


async def test_another_org_sees_and_changes_none_of_it(new_browser: Any, db: Any) -> None:
    a = await proctored(new_browser, db)
    b = await proctored(new_browser, db)
    snap = await a.student.post(
        f"{a.url}/snapshots?kind=webcam&client_id=s",
        content=jpeg(),
        headers={"Content-Type": "image/jpeg"},
    )
    await a.student.post(f"{a.url}/events", json={"events": [event("e", "tab_switch")]})
    await a.student.post(f"{a.url}/submit")
    record = (await a.teacher.browser.get(f"/api/v1/attempts/{a.attempt_id}/proctoring")).json()
    flag_id = record["flags"][0]["id"]
    before = record["scores"]
    intruder = b.teacher.browser
    for method, url, body in (
        ("GET", f"/api/v1/attempts/{a.attempt_id}/proctoring", None),
        ("GET", f"/api/v1/attempts/{a.attempt_id}/media/{snap.json()['id']}", None),
        ("POST", f"/api/v1/flags/{flag_id}/decision", {"decision": "dismissed"}),
        ("POST", "/api/v1/flags/decisions", {"flag_ids": [flag_id], "decision": "dismissed"}),
        ("POST", f"/api/v1/attempts/{a.attempt_id}/verdict", {"verdict": "clear"}),
        ("POST", "/api/v1/attempts/verdicts", {"attempt_ids": [a.attempt_id], "verdict": "clear"}),
    ):
        r = await intruder.request(method, url, json=body)
        assert r.status_code == 404, (url, r.text)
    # B's own media id under A's attempt, and A's media under B's attempt: both unknown.
    assert (
        await intruder.get(f"/api/v1/attempts/{b.attempt_id}/media/{snap.json()['id']}")
    ).status_code == 404
    # B's backfill recomputes B's attempts only.
    assert (await intruder.post("/api/v1/tools/backfill-scores")).json()["checked"] == 0
    after = (await a.teacher.browser.get(f"/api/v1/attempts/{a.attempt_id}/proctoring")).json()
    assert after["scores"] == before and after["flags"][0]["decision"] == "undecided"
