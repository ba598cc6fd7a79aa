"""The review workflow through HTTP: the queue, the packet, warnings (only your own can be
removed), Approved / Declined with the scores per DESIGN.md, bulk, and bad input."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from procta.audit.models import AuditLog
from procta.db import utcnow
from procta.proctoring.models import Flag
from tests.factories import invite_and_join
from tests.proctoring.helpers import proctored, seconds_ago
from tests.proctoring.test_review import flagged, record

A = "/api/v1/attempts"


async def queue(client: Any, **params: str) -> dict[str, Any]:
    r = await client.get("/api/v1/reviews", params=params)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def test_the_queue_lists_finished_flagged_attempts_with_filters_and_next(
    new_browser: Any, db: Any
) -> None:
    p = await flagged(new_browser, db)  # risk 15: low
    other = await flagged(new_browser, db, teacher=p.teacher)
    clean = await proctored(new_browser, db, teacher=p.teacher)
    assert (await clean.student.post(f"{clean.url}/submit")).status_code == 200
    running = await flagged(new_browser, db, teacher=p.teacher)
    await running.teacher.browser.post(
        f"{A}/{running.attempt_id}/verdict", json={"verdict": "none"}
    )

    pending = await queue(p.teacher.browser)
    ids = {i["attempt_id"] for i in pending["items"]}
    # A clean auto-mode attempt needs no review; every flagged finished one does.
    assert {p.attempt_id, other.attempt_id, running.attempt_id} == ids
    item = next(i for i in pending["items"] if i["attempt_id"] == p.attempt_id)
    assert item["review_status"] == "pending" and item["undecided"] == 2
    assert item["risk_tier"] == "low" and item["exam_id"] == p.exam_id and item["name"]

    only = await queue(p.teacher.browser, exam_id=p.exam_id)
    assert [i["attempt_id"] for i in only["items"]] == [p.attempt_id]
    assert (await queue(p.teacher.browser, tier="critical"))["total"] == 0
    assert (await queue(p.teacher.browser, tier="low"))["total"] == 3

    r = await p.teacher.browser.post(f"{A}/{p.attempt_id}/review", json={"status": "approved"})
    assert r.status_code == 200, r.text
    assert p.attempt_id not in {i["attempt_id"] for i in (await queue(p.teacher.browser))["items"]}
    approved = await queue(p.teacher.browser, status="approved")
    assert [i["attempt_id"] for i in approved["items"]] == [p.attempt_id]
    nxt = (await p.teacher.browser.get(f"/api/v1/reviews/next?after={other.attempt_id}")).json()
    assert nxt["attempt_id"] == running.attempt_id
    last = await p.teacher.browser.get(f"/api/v1/reviews/next?exam_id={p.exam_id}")
    assert last.json() == {"attempt_id": None}
    bad = await p.teacher.browser.get("/api/v1/reviews?tier=purple")
    assert bad.status_code == 422


async def test_record_review_puts_every_finished_attempt_in_the_queue(
    new_browser: Any, db: Any
) -> None:
    p = await proctored(new_browser, db, mode="record_review")
    assert [i["attempt_id"] for i in (await queue(p.teacher.browser))["items"]] == []
    await p.student.post(f"{p.url}/submit")
    assert [i["attempt_id"] for i in (await queue(p.teacher.browser))["items"]] == [p.attempt_id]


async def test_the_packet_holds_identity_rules_flags_and_the_review(
    new_browser: Any, db: Any
) -> None:
    p = await flagged(
        new_browser,
        db,
        rules_allowed=["A calculator"],
        rules_prohibited=["Phones", "Other people in the room"],
    )
    r = await p.teacher.browser.get(f"{A}/{p.attempt_id}/review")
    assert r.status_code == 200, r.text
    packet = r.json()
    assert packet["rules_allowed"] == ["A calculator"]
    assert packet["rules_prohibited"] == ["Phones", "Other people in the room"]
    assert packet["name"] and packet["roll_number"] == "R000" and packet["status"] == "submitted"
    assert {f["type"] for f in packet["proctoring"]["flags"]} == {"tab_switch", "devtools_open"}
    assert packet["recordings"] == [] and packet["appeal"] is None
    assert packet["review"] == {"status": "pending", "comment": "", "by": None, "at": None}
    assert packet["timeline_start"]


async def test_a_warning_at_a_moment_counts_and_only_its_author_removes_it(
    new_browser: Any, db: Any, outbox: Any
) -> None:
    p = await flagged(new_browser, db)
    colleague = await invite_and_join(p.teacher, new_browser(), outbox)
    url = f"{A}/{p.attempt_id}/warnings"
    at = seconds_ago(240).isoformat()
    r = await p.teacher.browser.post(url, json={"at": at, "comment": "Looks at a second screen"})
    assert r.status_code == 201, r.text
    warning = r.json()
    assert warning["type"] == "proctor_warning" and warning["source"] == "proctor"
    assert warning["decision"] == "confirmed" and warning["comment"] == "Looks at a second screen"
    assert warning["created_by_id"] == p.teacher.user_id and warning["created_by"]
    # 15 before, plus a confirmed warning at full weight (25).
    assert (await record(p))["scores"]["integrity"] == 60

    # The colleague sees it but cannot remove it.
    seen = await colleague.browser.get(f"{A}/{p.attempt_id}/review")
    assert warning["id"] in {f["id"] for f in seen.json()["proctoring"]["flags"]}
    refused = await colleague.browser.delete(f"{url}/{warning['id']}")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "not_your_warning"
    theirs = await colleague.browser.post(url, json={"at": at, "comment": "Me too"})
    assert theirs.status_code == 201

    gone = await p.teacher.browser.delete(f"{url}/{warning['id']}")
    assert gone.status_code == 204
    flags = (await record(p))["flags"]
    assert warning["id"] not in {f["id"] for f in flags}
    assert (await record(p))["scores"]["integrity"] == 60  # the colleague's warning stands
    # A browser flag is no reviewer's warning: nothing to remove.
    browser_flag = next(f for f in flags if f["type"] == "tab_switch")
    r = await p.teacher.browser.delete(f"{url}/{browser_flag['id']}")
    assert r.status_code == 404 and r.json()["error"]["code"] == "warning_not_found"
    audit = await db.execute(select(AuditLog.action).where(AuditLog.org_id == p.teacher.org_id))
    assert {"review.warning_added", "review.warning_removed"} <= set(audit.scalars())


async def test_bad_warnings_are_refused(new_browser: Any, db: Any) -> None:
    p = await flagged(new_browser, db)
    url = f"{A}/{p.attempt_id}/warnings"
    future = await p.teacher.browser.post(url, json={"at": utcnow().isoformat(), "comment": "x"})
    assert future.status_code == 400
    assert future.json()["error"]["code"] == "warning_out_of_range"
    empty = await p.teacher.browser.post(
        url, json={"at": seconds_ago(60).isoformat(), "comment": " "}
    )
    assert empty.status_code == 422
    naive = await p.teacher.browser.post(url, json={"at": "2026-01-01T10:00:00", "comment": "x"})
    assert naive.status_code == 422
    count = await db.execute(select(Flag.id).where(Flag.attempt_id == p.attempt_id))
    assert len(count.all()) == 2


async def test_approved_clears_declined_escalates_with_the_comment(
    new_browser: Any, db: Any
) -> None:
    p = await flagged(new_browser, db)
    url = f"{A}/{p.attempt_id}/review"
    r = await p.teacher.browser.post(url, json={"status": "declined", "comment": "Two screens"})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "declined" and r.json()["comment"] == "Two screens"
    assert r.json()["by"] and r.json()["at"]
    scores = (await record(p))["scores"]
    assert scores["verdict"] == "escalate" and scores["integrity"] == 70  # 10 + 20 in full
    r = await p.teacher.browser.post(url, json={"status": "approved", "comment": "Fine"})
    assert (await record(p))["scores"]["integrity"] == 100
    packet = (await p.teacher.browser.get(f"{A}/{p.attempt_id}/review")).json()
    assert packet["review"]["status"] == "approved" and packet["review"]["comment"] == "Fine"
    results = await p.teacher.browser.get(f"/api/v1/exams/{p.exam_id}/attempts")
    assert results.json()["items"][0]["review_status"] == "approved"


async def test_a_name_that_does_not_match_the_id_declines(new_browser: Any, db: Any) -> None:
    p = await flagged(new_browser, db)
    r = await p.teacher.browser.post(
        f"{A}/{p.attempt_id}/review", json={"status": "approved", "name_mismatch": True}
    )
    assert r.status_code == 200 and r.json()["status"] == "declined"
    assert "does not show the registered name" in r.json()["comment"]
    flags = (await record(p))["flags"]
    mismatch = [f for f in flags if f["type"] == "identity_mismatch"]
    assert len(mismatch) == 1 and mismatch[0]["decision"] == "confirmed"
    assert (await record(p))["scores"]["integrity"] == 30  # escalate: 10 + 20 + 40


async def test_a_verdict_on_an_unsubmitted_attempt_is_refused_and_bulk_is_all_or_none(
    new_browser: Any, db: Any
) -> None:
    done = await flagged(new_browser, db)
    running = await proctored(new_browser, db, teacher=done.teacher)
    teacher = done.teacher.browser
    r = await teacher.post(f"{A}/{running.attempt_id}/review", json={"status": "approved"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "attempt_not_finished"
    r = await teacher.post(f"{A}/{running.attempt_id}/verdict", json={"verdict": "clear"})
    assert r.status_code == 409
    both = [done.attempt_id, running.attempt_id]
    r = await teacher.post(f"{A}/reviews", json={"attempt_ids": both, "status": "declined"})
    assert r.status_code == 409 and r.json()["error"]["details"]["attempt_ids"] == [
        running.attempt_id
    ]
    assert (await record(done))["scores"]["verdict"] == "none"  # nothing half written
    other = await flagged(new_browser, db, teacher=done.teacher)
    two = [done.attempt_id, other.attempt_id]
    r = await teacher.post(
        f"{A}/reviews", json={"attempt_ids": two, "status": "declined", "comment": "Bulk"}
    )
    assert r.json() == {"updated": 2}
    assert (await record(other))["scores"]["verdict"] == "escalate"
    unknown = await teacher.post(
        f"{A}/reviews", json={"attempt_ids": [done.attempt_id, "nope"], "status": "approved"}
    )
    assert unknown.status_code == 404
