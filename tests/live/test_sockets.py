"""The live sockets on a real server process: the teacher's feed (rows, alerts, chat,
replay after a reconnect) and the student's page (warnings, pause, resume, end, chat), and
what they refuse."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from tests.live.helpers import (
    closed_with,
    live_exam,
    next_message,
    row_of,
    sit,
    student_socket,
    teacher,
    teacher_socket,
)
from tests.servers import migrated_data_dir, procta_server

pytestmark = pytest.mark.slow


async def test_the_teacher_feed_streams_rows_alerts_and_chat_and_replays_what_was_missed(
    tmp_path: Path,
) -> None:
    with procta_server(migrated_data_dir(tmp_path / "data")) as base:
        api = await teacher(base)
        exam_id = await live_exam(api)
        async with teacher_socket(base, api) as ws:
            sam = await sit(base, exam_id, "L0")
            joined = await next_message(ws, row_of(sam.attempt_id))
            assert joined["row"]["status"] == "in_progress" and joined["row"]["name"] == "Sam 0"

            await sam.events("tab_switch")
            alert = await next_message(ws, lambda m: m.get("type") == "alert")
            assert alert["alert"]["type"] == "tab_switch"
            assert (
                alert["alert"]["student_name"] == "Sam 0" and alert["alert"]["exam_id"] == exam_id
            )
            row = await next_message(
                ws, lambda m: row_of(sam.attempt_id)(m) and m["row"]["violations"]
            )
            assert row["row"]["last_event_type"] == "tab_switch" and row["row"]["live_risk"] > 0
            assert row["row"]["version"] > joined["row"]["version"]
            last_id = row["id"]

            await sam.client.post(f"{sam.url}/chat", json={"text": "My camera froze."})
            chat = await next_message(ws, lambda m: m.get("type") == "chat")
            assert chat["attempt_id"] == sam.attempt_id
            assert chat["message"]["text"] == "My camera froze."

        # Offline for a moment: what happened meanwhile comes back on reconnect, in order.
        await sam.events("gaze_deviation")
        await asyncio.sleep(1)
        async with teacher_socket(base, api, last_id=last_id) as ws:
            replayed = await next_message(ws, lambda m: m.get("type") == "alert")
            assert replayed["alert"]["type"] == "gaze_deviation"
        async with teacher_socket(base, api, last_id="1-0") as ws:
            assert await next_message(ws, lambda m: m.get("type") == "resync")
        await api.aclose()
        await sam.client.aclose()


async def test_the_student_page_hears_warnings_pause_resume_chat_and_end(tmp_path: Path) -> None:
    with procta_server(migrated_data_dir(tmp_path / "data")) as base:
        api = await teacher(base)
        exam_id = await live_exam(api)
        sam = await sit(base, exam_id, "L0")
        other = await sit(base, exam_id, "L1")
        actions = f"/api/v1/attempts/{sam.attempt_id}/actions"
        ws = await student_socket(base, sam.attempt_id, sam.token)
        try:
            assert (await next_message(ws, lambda m: True))["type"] == "ready"
            r = await api.post(actions, json={"action": "warn", "message": "Eyes on the screen."})
            assert r.status_code == 200, r.text
            warning = await next_message(ws, lambda m: m["type"] == "warning")
            assert warning["warning"]["message"] == "Eyes on the screen."
            await api.post(actions, json={"action": "pause", "message": ""})
            assert await next_message(ws, lambda m: m["type"] == "paused")
            await api.post(actions, json={"action": "resume", "message": ""})
            assert (await next_message(ws, lambda m: m["type"] == "resumed"))["deadline_at"]
            await api.post(f"/api/v1/attempts/{sam.attempt_id}/chat", json={"text": "All good?"})
            direct = await next_message(ws, lambda m: m["type"] == "chat")
            assert direct["message"]["text"] == "All good?" and not direct["message"]["broadcast"]
            await api.post(f"/api/v1/exams/{exam_id}/chat", json={"text": "Five minutes left."})
            everyone = await next_message(ws, lambda m: m["type"] == "chat")
            assert everyone["message"]["broadcast"] is True
            # A message to another student is not heard here.
            await api.post(f"/api/v1/attempts/{other.attempt_id}/chat", json={"text": "psst"})
            await api.post(actions, json={"action": "end", "message": "Phone on the desk."})
            ended = await next_message(ws, lambda m: m["type"] in ("ended", "chat"))
            assert ended == {"type": "ended", "reason": "Phone on the desk."}
        finally:
            await ws.close()
        # The session is over: a new socket is told so, and the page's reload says why.
        again = await student_socket(base, sam.attempt_id, sam.token)
        assert await closed_with(again) == (4410, "this exam session is over")
        live = (await sam.client.get(f"{sam.url}/live")).json()
        assert (live["status"], live["end_reason"]) == ("terminated", "Phone on the desk.")
        for client in (api, sam.client, other.client):
            await client.aclose()


async def test_sockets_refuse_strangers_large_frames_and_floods(tmp_path: Path) -> None:
    with procta_server(migrated_data_dir(tmp_path / "data")) as base:
        api = await teacher(base)
        exam_id = await live_exam(api)
        sam = await sit(base, exam_id, "L0")
        other = await sit(base, exam_id, "L1")

        # Another student's token for this attempt, a made-up one, and no hello at all.
        for token in (other.token, "made-up"):
            ws = await student_socket(base, sam.attempt_id, token)
            assert await closed_with(ws) == (4403, "this token is not for this exam session")
        ws = await student_socket(base, sam.attempt_id, "")
        assert (await closed_with(ws))[0] == 4401

        ws = await student_socket(base, sam.attempt_id, sam.token)
        await ws.send("x" * 1_000_000)
        assert await closed_with(ws) == (1009, "message too big: at most 4096 bytes")

        async with teacher_socket(base, api) as teacher_ws:
            for _ in range(40):
                await teacher_ws.send(json.dumps({"type": "ping"}))
            code, reason = await closed_with(teacher_ws)
        assert (code, reason) == (1008, "too many messages: at most 30 in 10 seconds")

        # A teacher of another org hears nothing of this one.
        stranger = await teacher(base, "someone@else.example")
        async with teacher_socket(base, stranger) as ws:
            await sam.events("tab_switch")
            with pytest.raises(TimeoutError):
                await next_message(ws, lambda m: m.get("type") in ("alert", "session"), wait_s=2)
        for client in (api, stranger, sam.client, other.client):
            await client.aclose()
