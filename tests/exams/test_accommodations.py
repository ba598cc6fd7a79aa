"""Accommodations: extra time and flag types switched off, per student per exam."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from procta.exams import service
from procta.exams.models import Accommodation, Exam
from tests.exams.helpers import EXAMS, add_student, create_exam, error_code
from tests.factories import sign_up


async def test_set_list_change_and_remove(new_browser: Any, db: Any) -> None:
    teacher = await sign_up(new_browser())
    other = await sign_up(new_browser())
    ada = await add_student(db, teacher.org_id, "Ada")
    bob = await add_student(db, teacher.org_id, "Bob")
    stranger = await add_student(db, other.org_id, "Stranger")
    exam = await create_exam(teacher.browser, duration_minutes=60)
    base = f"{EXAMS}/{exam['id']}/accommodations"
    assert (await teacher.browser.get(base)).json() == []

    response = await teacher.browser.put(
        f"{base}/{ada.id}",
        json={"extra_minutes": 30, "disabled_flags": ["speech_detected", "speech_detected"]},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["student"] == {"id": ada.id, "roll_number": ada.roll_number, "name": "Ada"}
    assert body["extra_minutes"] == 30 and body["disabled_flags"] == ["speech_detected"]
    assert "created_at" in body

    changed = await teacher.browser.put(f"{base}/{ada.id}", json={"extra_minutes": 15})
    assert changed.json()["extra_minutes"] == 15 and changed.json()["disabled_flags"] == []
    await teacher.browser.put(f"{base}/{bob.id}", json={"disabled_flags": ["gaze_deviation"]})
    listed = (await teacher.browser.get(base)).json()
    assert [(a["student"]["name"], a["extra_minutes"]) for a in listed] == [("Ada", 15), ("Bob", 0)]

    stored = await db.get(Exam, exam["id"])
    assert await service.effective_duration_minutes(db, stored, ada.id) == 75
    assert await service.disabled_flags(db, stored, bob.id) == ["gaze_deviation"]
    assert await service.disabled_flags(db, stored, ada.id) == []

    bad: list[dict[str, Any]] = [
        {"extra_minutes": -1},
        {"extra_minutes": 601},
        {"disabled_flags": ["sneezing"]},
        {"extra_minutes": "lots"},
    ]
    for payload in bad:
        refused = await teacher.browser.put(f"{base}/{ada.id}", json=payload)
        assert refused.status_code == 422, (payload, refused.text)
    for student_id in (stranger.id, "nope"):
        refused = await teacher.browser.put(f"{base}/{student_id}", json={"extra_minutes": 5})
        assert refused.status_code == 404 and error_code(refused) == "not_found"

    assert (await teacher.browser.delete(f"{base}/{ada.id}")).status_code == 204
    assert (await teacher.browser.delete(f"{base}/{ada.id}")).status_code == 404
    assert [a["student"]["id"] for a in (await teacher.browser.get(base)).json()] == [bob.id]
    ada_id, bob_id = ada.id, bob.id
    db.expire_all()
    await db.refresh(stored)
    assert await service.effective_duration_minutes(db, stored, ada_id) == 60
    rows = await db.execute(select(Accommodation).where(Accommodation.exam_id == exam["id"]))
    assert [a.student_id for a in rows.scalars()] == [bob_id]
