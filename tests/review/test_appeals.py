"""Released results and appeals: the student sees their score, the flags that count and
their evidence, files one appeal, and reads the teacher's resolution."""

from __future__ import annotations

from typing import Any

from procta.attempts.models import Attempt
from procta.exams.invites import invite_token
from tests.proctoring.helpers import event, jpeg, proctored, seconds_ago
from tests.proctoring.test_review import flagged

A = "/api/v1/attempts"


async def flagged_with_evidence(new_browser: Any, db: Any) -> tuple[Any, str, str]:
    """A submitted attempt: a tab switch shown by a snapshot, a paste to be dismissed,
    and a snapshot that shows no flag."""
    p = await proctored(new_browser, db)
    for client_id in ("shot-1", "shot-2"):
        r = await p.student.post(
            f"{p.url}/snapshots?kind=webcam&client_id={client_id}",
            content=jpeg(),
            headers={"Content-Type": "image/jpeg"},
        )
        assert r.status_code == 201, r.text
    r = await p.student.post(
        f"{p.url}/events",
        json={
            "events": [
                event("t", "tab_switch", seconds_ago(300), snapshot_id="shot-1"),
                event("c", "copy_paste", seconds_ago(200)),
            ]
        },
    )
    assert r.json()["accepted"] == 2, r.text
    assert (await p.student.post(f"{p.url}/submit")).status_code == 200
    flags = (await p.teacher.browser.get(f"{A}/{p.attempt_id}/proctoring")).json()
    media = {m["kind"]: m["id"] for m in flags["media"]}
    paste = next(f for f in flags["flags"] if f["type"] == "copy_paste")
    await p.teacher.browser.post(
        f"/api/v1/flags/{paste['id']}/decision", json={"decision": "dismissed"}
    )
    evidence = next(f for f in flags["flags"] if f["type"] == "tab_switch")["snapshots"][0]
    other = next(m["id"] for m in flags["media"] if m["id"] != evidence)
    assert media
    return p, evidence, other


async def test_results_stay_hidden_until_released(new_browser: Any, db: Any) -> None:
    p, evidence, _ = await flagged_with_evidence(new_browser, db)
    r = await p.student.get(f"{p.url}/result")
    assert r.status_code == 409 and r.json()["error"]["code"] == "results_not_released"
    r = await p.student.post(f"{p.url}/appeal", json={"comment": "Not me"})
    assert r.status_code == 409
    assert (await p.student.get(f"{p.url}/result/media/{evidence}")).status_code == 409


async def test_a_student_sees_their_result_appeals_once_and_reads_the_outcome(
    new_browser: Any, db: Any
) -> None:
    p, evidence, other = await flagged_with_evidence(new_browser, db)
    r = await p.teacher.browser.post(f"/api/v1/exams/{p.exam_id}/release", json={"released": True})
    assert r.json() == {"exam_id": p.exam_id, "results_released": True}
    result = (await p.student.get(f"{p.url}/result")).json()
    assert result["review"] == {"status": "pending", "comment": "", "by": None, "at": None}
    assert [f["type"] for f in result["flags"]] == ["tab_switch"]  # the dismissed paste is not
    assert result["flags"][0]["snapshots"] == [evidence]
    assert result["can_appeal"] and result["appeal"] is None
    assert result["integrity"] == 95 and result["score"] is not None
    await p.teacher.browser.post(
        f"{A}/{p.attempt_id}/review", json={"status": "declined", "comment": "Left the tab"}
    )
    result = (await p.student.get(f"{p.url}/result")).json()
    assert (
        result["review"]["status"] == "declined" and result["review"]["comment"] == "Left the tab"
    )
    # Declined (escalated): every flag counts in full, the dismissed one too, and is shown.
    assert sorted(f["type"] for f in result["flags"]) == ["copy_paste", "tab_switch"]
    assert result["integrity"] == 85
    photo = await p.student.get(f"{p.url}/result/media/{evidence}")
    assert photo.status_code == 200 and photo.headers["content-type"] == "image/jpeg"
    # A snapshot that is no evidence, or one of another attempt, is not the student's to see.
    assert (await p.student.get(f"{p.url}/result/media/{other}")).status_code == 404

    empty = await p.student.post(f"{p.url}/appeal", json={"comment": "   "})
    assert empty.status_code == 422
    huge = await p.student.post(f"{p.url}/appeal", json={"comment": "x" * 2001})
    assert huge.status_code == 422
    filed = await p.student.post(f"{p.url}/appeal", json={"comment": "My cat sat on the keys"})
    assert filed.status_code == 201, filed.text
    assert filed.json()["status"] == "open"
    again = await p.student.post(f"{p.url}/appeal", json={"comment": "Please"})
    assert again.status_code == 409 and again.json()["error"]["code"] == "appeal_exists"

    # Open appeals first in the queue, ahead of riskier attempts without one.
    riskier = await flagged(new_browser, db, teacher=p.teacher)
    await p.teacher.browser.post(
        f"{A}/{riskier.attempt_id}/review", json={"status": "declined", "comment": "x"}
    )
    queue = (await p.teacher.browser.get("/api/v1/reviews?status=all")).json()
    assert [i["attempt_id"] for i in queue["items"]] == [p.attempt_id, riskier.attempt_id]
    assert queue["items"][0]["appeal_status"] == "open"
    assert queue["items"][0]["risk_score"] < queue["items"][1]["risk_score"]
    packet = (await p.teacher.browser.get(f"{A}/{p.attempt_id}/review")).json()
    assert packet["appeal"]["comment"] == "My cat sat on the keys"
    resolve = f"{A}/{p.attempt_id}/appeal"
    r = await p.teacher.browser.post(resolve, json={"status": "maybe", "resolution": "?"})
    assert r.status_code == 422
    r = await p.teacher.browser.post(
        resolve, json={"status": "upheld", "resolution": "The video shows the cat."}
    )
    assert r.status_code == 200 and r.json()["status"] == "upheld" and r.json()["resolved_by"]
    r = await p.teacher.browser.post(resolve, json={"status": "rejected", "resolution": "No"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "appeal_resolved"
    seen = (await p.student.get(f"{p.url}/result")).json()
    assert seen["appeal"]["status"] == "upheld" and not seen["can_appeal"]
    assert seen["appeal"]["resolution"] == "The video shows the cat."
    # Upheld: the attempt is approved, with the resolution as the review's comment.
    assert seen["review"]["status"] == "approved" and seen["integrity"] == 100
    assert seen["review"]["comment"] == "Appeal upheld: The video shows the cat."


async def test_a_rejected_appeal_leaves_the_review(new_browser: Any, db: Any) -> None:
    p, _, _ = await flagged_with_evidence(new_browser, db)
    await p.teacher.browser.post(f"/api/v1/exams/{p.exam_id}/release", json={"released": True})
    await p.teacher.browser.post(
        f"{A}/{p.attempt_id}/review", json={"status": "declined", "comment": "Left the tab"}
    )
    await p.student.post(f"{p.url}/appeal", json={"comment": "It was a notification"})
    r = await p.teacher.browser.post(
        f"{A}/{p.attempt_id}/appeal", json={"status": "rejected", "resolution": "Twice, for long."}
    )
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    seen = (await p.student.get(f"{p.url}/result")).json()
    assert seen["review"]["status"] == "declined" and seen["review"]["comment"] == "Left the tab"


async def test_no_appeal_to_resolve(new_browser: Any, db: Any) -> None:
    p, _, _ = await flagged_with_evidence(new_browser, db)
    r = await p.teacher.browser.post(
        f"{A}/{p.attempt_id}/appeal", json={"status": "rejected", "resolution": "No"}
    )
    assert r.status_code == 404 and r.json()["error"]["code"] == "appeal_not_found"


async def test_a_student_comes_back_with_their_invite_for_the_released_result(
    new_browser: Any, db: Any, settings: Any
) -> None:
    p, _, _ = await flagged_with_evidence(new_browser, db)
    attempt = await db.get(Attempt, p.attempt_id)
    invite = invite_token(settings.secret_key, p.exam_id, attempt.student_id)
    later = new_browser()  # another day, another browser
    ask = {"exam_id": p.exam_id, "invite": invite}
    r = await later.post("/api/v1/exam-sessions/result-access", json=ask)
    assert r.status_code == 409 and r.json()["error"]["code"] == "results_not_released"
    await p.teacher.browser.post(f"/api/v1/exams/{p.exam_id}/release", json={"released": True})
    # A roll number (and a code classmates share) is not enough to open a result.
    by_roll = await later.post(
        "/api/v1/exam-sessions/result-access", json={"exam_id": p.exam_id, "roll_number": "R000"}
    )
    assert by_roll.status_code == 403 and by_roll.json()["error"]["code"] == "invite_required"
    r = await later.post("/api/v1/exam-sessions/result-access", json=ask)
    assert r.status_code == 200, r.text
    access = r.json()
    assert access["attempt_id"] == p.attempt_id and access["token"].startswith("at_")
    later.headers["Authorization"] = f"Bearer {access['token']}"
    assert (await later.get(f"{p.url}/result")).json()["exam_title"] == "Midterm"
    # The new token can read, never record: the attempt is over.
    r = await later.post(
        f"{p.url}/snapshots?kind=webcam&client_id=late",
        content=jpeg(),
        headers={"Content-Type": "image/jpeg"},
    )
    assert r.status_code == 409 and r.json()["error"]["code"] == "attempt_closed"
    forged = await later.post(
        "/api/v1/exam-sessions/result-access", json={**ask, "invite": invite[:-2] + "xx"}
    )
    assert forged.status_code == 400
    running = await proctored(new_browser, db, teacher=p.teacher)
    other = invite_token(settings.secret_key, running.exam_id, attempt.student_id)
    r = await later.post(
        "/api/v1/exam-sessions/result-access", json={"exam_id": running.exam_id, "invite": other}
    )
    assert r.status_code == 409 and r.json()["error"]["code"] == "no_result"
