"""Chat between a proctor and a student, and broadcasts to an exam: two-way, rate-limited,
and ephemeral (never in the database, gone when the attempt ends)."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import select

from procta.db import Base
from procta.live.chat import attempt_thread
from procta.state import AppState
from tests.proctoring.helpers import proctored


async def database_holds(db: Any, text: str) -> list[str]:
    """The tables in which any row mentions ``text``."""
    found = []
    for table in Base.metadata.sorted_tables:
        for row in (await db.execute(select(table))).all():
            if text in repr(tuple(row)):
                found.append(table.name)
    return found


async def test_two_way_chat_and_broadcast_leave_nothing_in_the_database(
    new_browser: Any, db: Any, app_state: AppState
) -> None:
    p = await proctored(new_browser, db)
    teacher = p.teacher.browser
    mine = "Is the calculator allowed? marker-7f3c"
    r = await p.student.post(f"{p.url}/chat", json={"text": mine})
    assert r.status_code == 201, r.text
    assert r.json()["sender"] == "student" and r.json()["name"]
    reply = await teacher.post(
        f"/api/v1/attempts/{p.attempt_id}/chat", json={"text": "Yes, the basic one. marker-7f3c"}
    )
    assert reply.status_code == 201 and reply.json()["sender"] == "proctor"
    everyone = await teacher.post(
        f"/api/v1/exams/{p.exam_id}/chat", json={"text": "Ten minutes left. marker-7f3c"}
    )
    assert everyone.status_code == 201 and everyone.json()["broadcast"] is True

    seen_by_student = (await p.student.get(f"{p.url}/live")).json()["chat"]
    assert [m["sender"] for m in seen_by_student] == ["student", "proctor", "proctor"]
    assert seen_by_student[2]["broadcast"] is True
    seen_by_teacher = (await teacher.get(f"/api/v1/attempts/{p.attempt_id}/chat")).json()
    assert [m["text"] for m in seen_by_teacher] == [m["text"] for m in seen_by_student]

    assert await database_holds(db, "marker-7f3c") == []

    # The attempt ends: its conversation is gone, and nobody can write to it any more.
    thread = attempt_thread(p.attempt_id)
    assert len(await app_state.chat.history(thread)) == 2
    await p.student.post(f"{p.url}/submit")
    await asyncio.sleep(0.05)  # the drop runs once the submission committed
    assert await app_state.chat.history(thread) == []
    assert (await teacher.get(f"/api/v1/attempts/{p.attempt_id}/chat")).json() == []
    assert (await p.student.get(f"{p.url}/live")).json()["chat"] == []
    late = await teacher.post(f"/api/v1/attempts/{p.attempt_id}/chat", json={"text": "hello?"})
    assert late.status_code == 409 and late.json()["error"]["code"] == "attempt_closed"
    late = await p.student.post(f"{p.url}/chat", json={"text": "hello?"})
    assert late.status_code == 409


async def test_bad_chat_is_refused_and_a_flood_is_rate_limited(new_browser: Any, db: Any) -> None:
    p = await proctored(new_browser, db)
    for text in ("", "   ", "x" * 2001):
        r = await p.student.post(f"{p.url}/chat", json={"text": text})
        assert r.status_code == 422, text
    huge = await p.student.post(
        f"{p.url}/chat",
        content=b'{"text": "' + b"x" * 1_000_000 + b'"}',
        headers={"Content-Type": "application/json"},
    )
    assert huge.status_code in (413, 422) and "error" in huge.json()
    codes = [
        (await p.student.post(f"{p.url}/chat", json={"text": f"help {i}"})).status_code
        for i in range(25)
    ]
    assert codes[:20] == [201] * 20 and set(codes[20:]) == {429}
    body = (await p.student.post(f"{p.url}/chat", json={"text": "again"})).json()
    assert body["error"]["code"] == "chat_rate_limited"
    # The proctor's own allowance is separate from the student's.
    ok = await p.teacher.browser.post(f"/api/v1/attempts/{p.attempt_id}/chat", json={"text": "ok"})
    assert ok.status_code == 201
    assert len((await p.student.get(f"{p.url}/live")).json()["chat"]) == 21
