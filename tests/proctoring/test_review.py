"""The teacher's side: decisions, verdicts, the live table, results columns, backfill."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from procta.audit.models import AuditLog
from tests.proctoring.helpers import event, proctored, seconds_ago

A = "/api/v1/attempts"


async def flagged(new_browser: Any, db: Any, **exam: Any) -> Any:
    """A submitted attempt with one tab_switch and one devtools_open flag."""
    p = await proctored(new_browser, db, **exam)
    r = await p.student.post(
        f"{p.url}/events",
        json={
            "events": [
                event("t", "tab_switch", seconds_ago(300)),
                event("d", "devtools_open", seconds_ago(200)),
            ]
        },
    )
    assert r.json()["accepted"] == 2
    assert (await p.student.post(f"{p.url}/submit")).status_code == 200
    return p


async def record(p: Any) -> dict[str, Any]:
    r = await p.teacher.browser.get(f"{A}/{p.attempt_id}/proctoring")
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def test_decisions_change_the_scores_at_once_and_are_audited(
    new_browser: Any, db: Any
) -> None:
    p = await flagged(new_browser, db)
    before = await record(p)
    # Undecided: (10 + 20) x 1.0 x 0.5 = 15
    assert before["scores"]["integrity"] == 85 and before["scores"]["risk"] == 15
    assert before["scores"]["risk_tier"] == "low" and before["scores"]["score_version"] == 1
    tab, dev = sorted(before["flags"], key=lambda f: f["type"])[::-1]
    assert tab["type"] == "tab_switch" and tab["suggestion"] == "confirm"

    r = await p.teacher.browser.post(
        f"/api/v1/flags/{dev['id']}/decision", json={"decision": "confirmed"}
    )
    assert r.status_code == 200 and r.json() == {"updated": 1}
    after = await record(p)
    assert after["scores"]["integrity"] == 75  # 20 + 5
    confirmed = next(f for f in after["flags"] if f["id"] == dev["id"])
    assert confirmed["decision"] == "confirmed" and confirmed["decided_by"].startswith("Teacher ")

    bulk = await p.teacher.browser.post(
        "/api/v1/flags/decisions",
        json={"flag_ids": [tab["id"], dev["id"]], "decision": "dismissed"},
    )
    assert bulk.json() == {"updated": 2}
    cleared = await record(p)
    assert cleared["scores"]["integrity"] == 100 and cleared["scores"]["violations"] == 0
    row = (await p.teacher.browser.get(f"/api/v1/exams/{p.exam_id}/attempts")).json()["items"][0]
    assert row["risk_score"] == 0 and row["violations"] == 0 and row["risk_tier"] == "low"
    audit = await db.execute(select(AuditLog.action).where(AuditLog.org_id == p.teacher.org_id))
    assert list(audit.scalars()).count("flags.decided") == 2


async def test_verdicts_single_and_bulk(new_browser: Any, db: Any) -> None:
    p = await flagged(new_browser, db)
    escalate = await p.teacher.browser.post(
        f"{A}/{p.attempt_id}/verdict", json={"verdict": "escalate"}
    )
    assert escalate.status_code == 200
    scores = (await record(p))["scores"]
    assert scores["integrity"] == 70 and scores["verdict"] == "escalate"  # full weight: 10 + 20
    assert scores["verdict_by"].startswith("Teacher ")
    bulk = await p.teacher.browser.post(
        f"{A}/verdicts", json={"attempt_ids": [p.attempt_id], "verdict": "clear"}
    )
    assert bulk.json() == {"updated": 1}
    assert (await record(p))["scores"]["integrity"] == 100
    reset = await p.teacher.browser.post(f"{A}/{p.attempt_id}/verdict", json={"verdict": "none"})
    assert reset.status_code == 200
    assert (await record(p))["scores"]["integrity"] == 85
    bad = await p.teacher.browser.post(f"{A}/{p.attempt_id}/verdict", json={"verdict": "fail"})
    assert bad.status_code == 422


async def test_a_bulk_action_with_an_unknown_id_changes_nothing(new_browser: Any, db: Any) -> None:
    p = await flagged(new_browser, db)
    flags = (await record(p))["flags"]
    r = await p.teacher.browser.post(
        "/api/v1/flags/decisions",
        json={"flag_ids": [flags[0]["id"], "0" * 32], "decision": "confirmed"},
    )
    assert r.status_code == 404
    assert all(f["decision"] == "undecided" for f in (await record(p))["flags"])
    r = await p.teacher.browser.post(
        f"{A}/verdicts", json={"attempt_ids": [p.attempt_id, "nope"], "verdict": "clear"}
    )
    assert r.status_code == 404
    assert (await record(p))["scores"]["verdict"] == "none"


async def test_exam_weights_count_in_the_scores(new_browser: Any, db: Any) -> None:
    p = await flagged(new_browser, db, flag_settings={"devtools_open": {"weight": 60}})
    assert (await record(p))["scores"]["integrity"] == 65  # (10 + 60) x 0.5


async def test_the_live_table_shows_the_latest_signal_and_risk(new_browser: Any, db: Any) -> None:
    calm = await proctored(new_browser, db)
    busy = await proctored(new_browser, db)
    await calm.student.post(
        f"{calm.url}/calibration", json={"status": "ok", "baseline": {"samples": 10}}
    )
    rows = (await calm.teacher.browser.get(f"/api/v1/exams/{calm.exam_id}/live")).json()
    assert len(rows) == 1 and rows[0]["live_risk"] == 0 and rows[0]["cal_status"] == "ok"
    await calm.student.post(
        f"{calm.url}/events",
        json={"events": [event("p", "phone_detected"), event("m", "multiple_faces")]},
    )
    (row,) = (await calm.teacher.browser.get(f"/api/v1/exams/{calm.exam_id}/live")).json()
    assert row["severity"] == "high" and row["violations"] == 2
    assert row["tier"] in ("moderate", "high") and row["live_risk"] > 60
    assert row["last_event_type"] in ("phone_detected", "multiple_faces")
    assert row["last_event_label"]
    other = await busy.teacher.browser.get(f"/api/v1/exams/{calm.exam_id}/live")
    assert other.status_code == 404


async def test_backfill_through_the_api_is_idempotent(new_browser: Any, db: Any) -> None:
    p = await flagged(new_browser, db)
    first = await p.teacher.browser.post("/api/v1/tools/backfill-scores")
    assert first.status_code == 200 and first.json() == {"checked": 1, "changed": 0}


async def test_after_a_dismissal_the_next_event_opens_a_new_flag(new_browser: Any, db: Any) -> None:
    p = await proctored(new_browser, db)
    await p.student.post(
        f"{p.url}/events", json={"events": [event("a", "tab_switch", seconds_ago(20))]}
    )
    (flag,) = (await record(p))["flags"]
    await p.teacher.browser.post(
        f"/api/v1/flags/{flag['id']}/decision", json={"decision": "dismissed"}
    )
    await p.student.post(
        f"{p.url}/events", json={"events": [event("b", "tab_switch", seconds_ago(10))]}
    )
    flags = (await record(p))["flags"]
    assert sorted(f["decision"] for f in flags) == ["dismissed", "undecided"]


async def test_submission_closes_episodes_still_open(new_browser: Any, db: Any) -> None:
    p = await proctored(new_browser, db)
    start = event("cam", "camera_lost", seconds_ago(60), "start")
    await p.student.post(f"{p.url}/events", json={"events": [start]})
    assert (await record(p))["flags"][0]["open"] is True
    await p.student.post(f"{p.url}/submit")
    assert (await record(p))["flags"][0]["open"] is False
