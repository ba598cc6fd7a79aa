"""A live exam on a real server process: a signed-in teacher, a published exam, and
students who joined and consented; socket helpers."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from procta.db import new_id, utcnow

PASSWORD = "a-sturdy-passphrase-31"


@dataclass
class Sitter:
    client: httpx.AsyncClient
    attempt_id: str
    token: str

    @property
    def url(self) -> str:
        return f"/api/v1/exam-sessions/{self.attempt_id}"

    async def events(self, *types: str) -> None:
        now = utcnow().isoformat()
        batch = [{"client_id": new_id(), "type": t, "at": now} for t in types]
        r = await self.client.post(f"{self.url}/events", json={"events": batch})
        assert r.status_code == 200, r.text


async def teacher(base: str, email: str = "lee@live.example") -> httpx.AsyncClient:
    api = httpx.AsyncClient(base_url=base, timeout=30)
    body = {"org_name": "Live School", "name": "Lee Proctor", "email": email}
    r = await api.post("/api/v1/auth/signup", json={**body, "password": PASSWORD})
    assert r.status_code == 201, r.text
    api.headers["X-CSRF-Token"] = api.cookies["procta_csrf"]
    return api


async def live_exam(api: httpx.AsyncClient, students: int = 2) -> str:
    r = await api.post(
        "/api/v1/questions", json={"type": "true_false", "stem": "The sky is blue.", "answer": True}
    )
    assert r.status_code == 201, r.text
    question = r.json()["id"]
    for i in range(students):
        r = await api.post("/api/v1/students", json={"roll_number": f"L{i}", "name": f"Sam {i}"})
        assert r.status_code == 201, r.text
    r = await api.post(
        "/api/v1/exams", json={"title": "Live check", "duration_minutes": 30, "mode": "live"}
    )
    assert r.status_code == 201, r.text
    exam_id: str = r.json()["id"]
    r = await api.put(
        f"/api/v1/exams/{exam_id}/questions", json={"items": [{"question_id": question}]}
    )
    assert r.status_code == 200, r.text
    r = await api.patch(f"/api/v1/exams/{exam_id}", json={"status": "published"})
    assert r.status_code == 200, r.text
    return exam_id


async def sit(base: str, exam_id: str, roll: str) -> Sitter:
    client = httpx.AsyncClient(base_url=base, timeout=30)
    r = await client.post(
        "/api/v1/exam-sessions", json={"exam_id": exam_id, "roll_number": roll, "access_code": ""}
    )
    assert r.status_code == 201, r.text
    body = r.json()
    client.headers["Authorization"] = f"Bearer {body['token']}"
    consent = await client.post(
        f"/api/v1/exam-sessions/{body['attempt_id']}/consent", json={"accept": True}
    )
    assert consent.status_code == 200, consent.text
    return Sitter(client, body["attempt_id"], body["token"])


def ws_base(base: str) -> str:
    return base.replace("http://", "ws://")


def teacher_socket(base: str, api: httpx.AsyncClient, last_id: str = "") -> Any:
    cookies = "; ".join(f"{k}={v}" for k, v in api.cookies.items())
    query = f"?last_id={last_id}" if last_id else ""
    return connect(f"{ws_base(base)}/ws/teacher{query}", additional_headers={"Cookie": cookies})


async def student_socket(base: str, attempt_id: str, token: str) -> ClientConnection:
    ws = await connect(f"{ws_base(base)}/ws/exam-sessions/{attempt_id}")
    await ws.send(json.dumps({"token": token}))
    return ws


async def next_message(ws: ClientConnection, want: Any, wait_s: float = 10) -> dict[str, Any]:
    """The next message for which ``want(message)`` holds (others are skipped: the demo's
    own sitters and fading repaints share the feed)."""

    async def find() -> dict[str, Any]:
        while True:
            message: dict[str, Any] = json.loads(await ws.recv())
            if want(message):
                return message

    return await asyncio.wait_for(find(), wait_s)


async def closed_with(ws: ClientConnection, wait_s: float = 10) -> tuple[int, str]:
    """Read until the server closes; its close code and reason."""

    async def drain() -> tuple[int, str]:
        try:
            while True:
                await ws.recv()
        except ConnectionClosed as closed:
            assert closed.rcvd is not None
            return closed.rcvd.code, closed.rcvd.reason

    return await asyncio.wait_for(drain(), wait_s)


def row_of(attempt_id: str) -> Any:
    return lambda m: m.get("type") == "session" and m["row"]["attempt_id"] == attempt_id
