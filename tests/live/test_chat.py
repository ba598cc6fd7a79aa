"""Chat between a proctor and a student, and broadcasts to an exam: two-way, rate-limited,
and ephemeral (never in the database, gone when the attempt ends)."""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import timedelta
from typing import Any

import pytest
from redis.asyncio import Redis
from sqlalchemy import select

from procta.db import Base, utcnow
from procta.live.chat import MemoryChat, RedisChat, attempt_thread
from procta.live.router import CHAT_GRACE, CHAT_PAUSE_HOLD, chat_ttl
from procta.state import AppState
from tests.conftest import REDIS_URL, require_service
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


def test_a_pause_moves_the_end_of_the_conversation_with_the_clock() -> None:
    now = utcnow()
    deadline = now - timedelta(minutes=30)  # passed while the attempt stood paused
    running = chat_ttl(deadline, now)
    paused = chat_ttl(deadline, now, paused_at=now - timedelta(hours=2))
    assert running == int(CHAT_GRACE.total_seconds())
    left_at_pause = timedelta(minutes=90)
    assert paused == int((left_at_pause + CHAT_PAUSE_HOLD + CHAT_GRACE).total_seconds())


@pytest.mark.parametrize("store", ["memory", "redis"])
async def test_keep_gives_a_thread_more_time_and_never_brings_one_back(store: str) -> None:
    redis = None
    if store == "redis":
        redis = Redis.from_url(require_service(REDIS_URL, "PROCTA_TEST_REDIS_URL"))
    chat = RedisChat(redis, prefix=f"test:{uuid.uuid4().hex}:") if redis else MemoryChat()
    try:
        await chat.add("attempt:kept", {"id": "1", "at": "t1", "text": "hi"}, ttl_s=1)
        await chat.add("attempt:gone", {"id": "2", "at": "t2", "text": "hi"}, ttl_s=1)
        await chat.keep("attempt:kept", 30)
        await asyncio.sleep(1.3)
        assert [m["id"] for m in await chat.history("attempt:kept")] == ["1"]
        assert await chat.history("attempt:gone") == []
        await chat.keep("attempt:gone", 30)
        assert await chat.history("attempt:gone") == []
    finally:
        if redis is not None:
            await redis.aclose()


async def test_a_pause_keeps_the_conversation_and_resuming_sets_it_back(
    new_browser: Any, db: Any, app_state: AppState
) -> None:
    p = await proctored(new_browser, db)
    r = await p.student.post(f"{p.url}/chat", json={"text": "May I ask something?"})
    assert r.status_code == 201
    store = app_state.chat
    assert isinstance(store, MemoryChat)
    thread = attempt_thread(p.attempt_id)

    def kept_for() -> float:  # seconds left before the thread expires
        return store._threads[thread][0] - time.monotonic()

    running = kept_for()
    actions = f"/api/v1/attempts/{p.attempt_id}/actions"
    pause = await p.teacher.browser.post(actions, json={"action": "pause", "message": ""})
    assert pause.status_code == 200
    await asyncio.sleep(0.05)  # kept once the pause is committed
    assert kept_for() > running + CHAT_PAUSE_HOLD.total_seconds() - 60
    resume = await p.teacher.browser.post(actions, json={"action": "resume", "message": ""})
    assert resume.status_code == 200
    await asyncio.sleep(0.05)
    assert abs(kept_for() - running) < 60
