"""The room camera: a one-time QR link pairs a phone, which sends room snapshots with a
token good for nothing else; the exam page sees whether it is on."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import update

from procta.db import utcnow
from procta.live.models import RoomCamera
from tests.proctoring.helpers import event, jpeg, proctored


async def test_a_phone_pairs_once_and_sends_room_snapshots(new_browser: Any, db: Any) -> None:
    p = await proctored(new_browser, db, room_camera_required=True)
    before = (await p.student.get(f"{p.url}/live")).json()["room"]
    assert before == {"required": True, "paired": False, "last_seen_at": None}

    r = await p.student.post(f"{p.url}/room-link")
    assert r.status_code == 200, r.text
    link = r.json()
    assert link["qr_svg"].lstrip().startswith("<svg")
    path, _, code = link["url"].partition("#")
    assert path.endswith(f"/room/{p.attempt_id}") and len(code) > 16

    phone = new_browser()
    pair = f"/api/v1/room-sessions/{p.attempt_id}/pair"
    wrong = await phone.post(pair, json={"code": "not-the-code"})
    assert wrong.status_code == 410 and wrong.json()["error"]["code"] == "room_link_gone"
    paired = await phone.post(pair, json={"code": code})
    assert paired.status_code == 200, paired.text
    assert paired.json()["interval_s"] >= 5 and paired.json()["student_name"]
    again = await phone.post(pair, json={"code": code})
    assert again.status_code == 410  # one time only

    phone.headers["Authorization"] = f"Bearer {paired.json()['token']}"
    shot = await phone.post(
        f"/api/v1/room-sessions/{p.attempt_id}/snapshots?client_id=room-1",
        content=jpeg(),
        headers={"Content-Type": "image/jpeg"},
    )
    assert shot.status_code == 201, shot.text
    assert shot.json()["kind"] == "room"
    room = (await p.student.get(f"{p.url}/live")).json()["room"]
    assert room["paired"] is True and room["last_seen_at"] is not None
    triage = (await p.teacher.browser.get(f"/api/v1/attempts/{p.attempt_id}/live")).json()
    assert triage["latest"]["room"] == shot.json()["id"]

    # The phone's token opens nothing else, and the student's token is no phone.
    assert (await phone.get(p.url)).status_code == 401
    student_as_phone = await p.student.post(
        f"/api/v1/room-sessions/{p.attempt_id}/snapshots?client_id=room-2",
        content=jpeg(),
        headers={"Content-Type": "image/jpeg"},
    )
    assert student_as_phone.status_code == 401

    # A new link lets the old phone go.
    assert (await p.student.post(f"{p.url}/room-link")).status_code == 200
    late = await phone.post(
        f"/api/v1/room-sessions/{p.attempt_id}/snapshots?client_id=room-3",
        content=jpeg(),
        headers={"Content-Type": "image/jpeg"},
    )
    assert late.status_code == 403 and late.json()["error"]["code"] == "room_not_paired"

    # The exam page reports a phone gone quiet as its own flag.
    r = await p.student.post(
        f"{p.url}/events", json={"events": [event("rc1", "room_camera_lost", phase="start")]}
    )
    assert r.status_code == 200, r.text
    record = (await p.teacher.browser.get(f"/api/v1/attempts/{p.attempt_id}/proctoring")).json()
    assert [f["label"] for f in record["flags"]] == ["Room camera lost"]


async def test_room_links_expire_and_need_an_exam_that_asks_for_one(
    new_browser: Any, db: Any
) -> None:
    p = await proctored(new_browser, db, room_camera_required=True)
    code = (await p.student.post(f"{p.url}/room-link")).json()["url"].partition("#")[2]
    await db.execute(update(RoomCamera).values(code_expires_at=utcnow() - timedelta(seconds=1)))
    r = await new_browser().post(f"/api/v1/room-sessions/{p.attempt_id}/pair", json={"code": code})
    assert r.status_code == 410 and r.json()["error"]["code"] == "room_link_expired"

    plain = await proctored(new_browser, db)
    r = await plain.student.post(f"{plain.url}/room-link")
    assert r.status_code == 409 and r.json()["error"]["code"] == "room_camera_not_required"
    assert (await plain.student.get(f"{plain.url}/live")).json()["room"]["required"] is False
