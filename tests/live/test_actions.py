"""Proctor actions over HTTP, as the teacher's dashboard and the student's page use them:
warn (a flag the student must acknowledge), pause (the clock stops on the server),
resume, end (submitted as is, with the reason), note; the triage panel and the alerts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from procta.attempts.models import Attempt
from procta.db import utcnow
from tests.proctoring.helpers import event, jpeg, proctored, seconds_ago


async def act(p: Any, action: str, message: str = "") -> Any:
    return await p.teacher.browser.post(
        f"/api/v1/attempts/{p.attempt_id}/actions", json={"action": action, "message": message}
    )


async def test_a_warning_is_a_flag_the_student_must_acknowledge(new_browser: Any, db: Any) -> None:
    p = await proctored(new_browser, db)
    r = await act(p, "warn", "Please keep your eyes on the screen.")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["action"]["action"] == "warn" and body["action"]["actor_name"]
    assert body["row"]["violations"] == 1 and body["row"]["live_risk"] > 0

    record = (await p.teacher.browser.get(f"/api/v1/attempts/{p.attempt_id}/proctoring")).json()
    (flag,) = record["flags"]
    assert (flag["type"], flag["source"]) == ("proctor_warning", "proctor")
    assert flag["details"]["message"] == "Please keep your eyes on the screen."

    live = (await p.student.get(f"{p.url}/live")).json()
    (warning,) = live["warnings"]
    assert warning["message"] == "Please keep your eyes on the screen."
    ack = await p.student.post(f"{p.url}/warnings/{warning['id']}/ack")
    assert ack.status_code == 204
    assert (await p.student.post(f"{p.url}/warnings/{warning['id']}/ack")).status_code == 204
    assert (await p.student.get(f"{p.url}/live")).json()["warnings"] == []
    unknown = await p.student.post(f"{p.url}/warnings/nope/ack")
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "warning_not_found"

    triage = (await p.teacher.browser.get(f"/api/v1/attempts/{p.attempt_id}/live")).json()
    (timeline,) = triage["actions"]
    assert timeline["acknowledged_at"] is not None


async def test_pause_stops_the_clock_and_resume_gives_the_time_back(
    new_browser: Any, db: Any
) -> None:
    p = await proctored(new_browser, db)
    before = (
        await db.execute(select(Attempt.deadline_at).where(Attempt.id == p.attempt_id))
    ).scalar()
    paused = (await act(p, "pause")).json()["row"]
    assert paused["status"] == "paused"
    assert (await act(p, "pause")).json()["error"]["code"] == "already_paused"

    save = await p.student.put(
        f"{p.url}/answers/{p.question_id}", json={"response": "b", "client_seq": 1}
    )
    assert save.status_code == 409 and save.json()["error"]["code"] == "attempt_paused"
    assert (await p.student.post(f"{p.url}/submit")).json()["error"]["code"] == "attempt_paused"
    beat = (await p.student.post(f"{p.url}/heartbeat")).json()
    assert beat["status"] == "paused" and beat["paused_at"] is not None

    # The pause began five minutes ago: the clock shows what was left then, and resuming
    # moves the deadline by those five minutes.
    await db.execute(
        update(Attempt)
        .where(Attempt.id == p.attempt_id)
        .values(paused_at=utcnow() - timedelta(minutes=5))
    )
    frozen = (await p.student.get(f"{p.url}/live")).json()
    left_then = (before - (utcnow() - timedelta(minutes=5))).total_seconds()
    assert abs(frozen["remaining_seconds"] - left_then) < 5
    resumed = (await act(p, "resume")).json()["row"]
    assert resumed["status"] == "in_progress" and resumed["paused_at"] is None
    assert resumed["version"] > paused["version"]  # a page holding both keeps the newer
    await db.refresh(await db.get(Attempt, p.attempt_id))
    after = (
        await db.execute(select(Attempt.deadline_at).where(Attempt.id == p.attempt_id))
    ).scalar()
    assert abs((after - before).total_seconds() - 300) < 5
    assert (await act(p, "resume")).json()["error"]["code"] == "not_paused"
    save = await p.student.put(
        f"{p.url}/answers/{p.question_id}", json={"response": "b", "client_seq": 2}
    )
    assert save.status_code == 200, save.text


async def test_end_submits_as_is_with_the_reason(new_browser: Any, db: Any) -> None:
    p = await proctored(new_browser, db)
    await p.student.put(f"{p.url}/answers/{p.question_id}", json={"response": "b", "client_seq": 1})
    missing = await act(p, "end")
    assert missing.status_code == 422
    r = await act(p, "end", "A second person was answering for you.")
    assert r.status_code == 200, r.text
    assert r.json()["row"]["status"] == "terminated"
    live = (await p.student.get(f"{p.url}/live")).json()
    assert live["status"] == "terminated"
    assert live["end_reason"] == "A second person was answering for you."
    detail = (await p.teacher.browser.get(f"/api/v1/attempts/{p.attempt_id}")).json()
    assert detail["score"] == 1  # graded as it stood

    for action, message in (("warn", "x"), ("pause", ""), ("resume", ""), ("end", "again")):
        late = await act(p, action, message)
        assert late.status_code == 409 and late.json()["error"]["code"] == "attempt_closed"
    note = await act(p, "note", "Reviewed the room video: two people.")
    assert note.status_code == 200
    triage = (await p.teacher.browser.get(f"/api/v1/attempts/{p.attempt_id}/live")).json()
    assert [a["action"] for a in triage["actions"]] == ["end", "note"]


async def test_bad_actions_are_refused_clearly(new_browser: Any, db: Any) -> None:
    p = await proctored(new_browser, db)
    for body in (
        {"action": "explode"},
        {"action": "warn", "message": "   "},
        {"action": "note", "message": "x" * 2001},
        {},
    ):
        r = await p.teacher.browser.post(f"/api/v1/attempts/{p.attempt_id}/actions", json=body)
        assert r.status_code == 422, (body, r.text)
    r = await p.teacher.browser.post(
        "/api/v1/attempts/unknown/actions", json={"action": "pause", "message": ""}
    )
    assert r.status_code == 404
    # Nothing was written by the refusals.
    triage = (await p.teacher.browser.get(f"/api/v1/attempts/{p.attempt_id}/live")).json()
    assert triage["actions"] == [] and triage["row"]["status"] == "in_progress"


async def test_the_triage_panel_and_the_alert_feed(new_browser: Any, db: Any) -> None:
    p = await proctored(new_browser, db)
    snap = await p.student.post(
        f"{p.url}/snapshots?kind=webcam&client_id=w1",
        content=jpeg(),
        headers={"Content-Type": "image/jpeg"},
    )
    assert snap.status_code == 201, snap.text
    await p.student.put(f"{p.url}/answers/{p.question_id}", json={"response": "a", "client_seq": 1})
    await p.student.post(
        f"{p.url}/events",
        json={"events": [event("g1", "gaze_deviation"), event("t1", "tab_switch")]},
    )
    triage = (await p.teacher.browser.get(f"/api/v1/attempts/{p.attempt_id}/live")).json()
    assert (triage["answered"], triage["total"]) == (1, 1)
    assert triage["latest"] == {"webcam": snap.json()["id"], "screen": None, "room": None}
    assert triage["remaining_seconds"] > 0 and triage["exam_title"]
    series = triage["risk_series"]
    assert len(series) == 40 and series[0][1] == 0 and series[-1][1] == triage["row"]["live_risk"]
    assert triage["identity"] == {"selfie_id": None, "id_document_id": None, "match": None}

    alerts = (await p.teacher.browser.get("/api/v1/live/alerts")).json()
    assert {a["type"] for a in alerts} == {"gaze_deviation", "tab_switch"}
    gaze = next(a for a in alerts if a["type"] == "gaze_deviation")
    assert gaze["message"] == "Sustained gaze deviation detected"
    assert gaze["student_name"] and gaze["exam_id"] == p.exam_id
    only = await p.teacher.browser.get(f"/api/v1/live/alerts?exam_id={p.exam_id}&limit=1")
    assert len(only.json()) == 1
    assert (await p.teacher.browser.get("/api/v1/live/alerts?limit=0")).status_code == 422
    # Once the attempt is over it leaves the live feed.
    await p.student.post(f"{p.url}/submit")
    assert (await p.teacher.browser.get("/api/v1/live/alerts")).json() == []


async def test_a_change_saved_from_an_older_copy_still_raises_the_live_version(
    new_browser: Any, db: Any
) -> None:
    """A writer that holds no row lock (the student's consent, a proctor rebalance) may
    save an attempt it read before events came in: its row must still be the newest."""
    p = await proctored(new_browser, db)
    copy = await db.get(Attempt, p.attempt_id)
    read_then = copy.live_version
    for n in range(3):
        batch = {"events": [event(f"v{n}", "tab_switch", seconds_ago(0))]}
        assert (await p.student.post(f"{p.url}/events", json=batch)).status_code == 200
    version = select(Attempt.live_version).where(Attempt.id == p.attempt_id)
    after_events = (await db.execute(version)).scalar()
    assert after_events >= read_then + 3
    copy.cal_reason = "written from the copy read before the events"
    await db.flush()
    assert copy.live_version == after_events + 1  # back with the UPDATE, nothing lazy
