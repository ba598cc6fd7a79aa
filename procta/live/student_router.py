"""Student side of live monitoring: the page's socket (warnings, pause, resume, end, chat),
what it reloads on every reconnect, acknowledging a warning, and writing to the proctor."""

from __future__ import annotations

import asyncio
import json

from fastapi import APIRouter, Response, WebSocket, WebSocketDisconnect

from procta.attempts import service as attempts
from procta.attempts.student_router import CurrentAttempt
from procta.auth.deps import DB, State
from procta.db import org_get, utcnow
from procta.errors import AppError
from procta.exams.models import Exam
from procta.live import room, service
from procta.live.bus import attempt_channel, exam_channel, org_channel
from procta.live.chat import attempt_thread, exam_thread
from procta.live.router import attempt_chat_ttl, chat_message, check_chat_rate
from procta.live.schemas import ChatIn, ChatMessage, RoomStatus, StudentLiveOut
from procta.live.sockets import serve
from procta.state import app_state

router = APIRouter(prefix="/exam-sessions", tags=["exam sessions"])
sockets = APIRouter()
HELLO_TIMEOUT_S = 10.0


@router.get("/{attempt_id}/live")
async def student_live(attempt: CurrentAttempt, db: DB, state: State) -> StudentLiveOut:
    """What the page must show after (re)connecting: pause or end, the warnings not yet
    acknowledged, the chat so far, and whether the room camera is on."""
    now = utcnow()
    active = attempt.status in service.ACTIVE
    exam = await org_get(db, Exam, attempt.org_id, attempt.exam_id)
    paired, seen = await room.status(db, attempt)
    chat = (
        await state.chat.history(attempt_thread(attempt.id), exam_thread(attempt.exam_id))
        if active
        else []
    )
    return StudentLiveOut(
        status=attempt.status,
        remaining_seconds=service.remaining(attempt, now),
        deadline_at=attempt.deadline_at,
        paused_at=attempt.paused_at,
        end_reason=attempt.end_reason,
        warnings=await service.pending_warnings(db, attempt) if active else [],
        chat=[ChatMessage(**m) for m in chat],
        room=RoomStatus(required=exam.room_camera_required, paired=paired, last_seen_at=seen),
    )


@router.post("/{attempt_id}/warnings/{warning_id}/ack", status_code=204)
async def acknowledge(attempt: CurrentAttempt, warning_id: str, db: DB) -> Response:
    """The student read the warning: it is not shown again."""
    await service.acknowledge(db, attempt, warning_id, utcnow())
    return Response(status_code=204)


@router.post("/{attempt_id}/chat", status_code=201)
async def chat_to_proctor(
    attempt: CurrentAttempt, body: ChatIn, db: DB, state: State
) -> ChatMessage:
    if attempt.status not in service.ACTIVE:
        raise service.closed()
    await check_chat_rate(state, f"attempt:{attempt.id}")
    student_name = await service.student_name(db, attempt)
    message = chat_message("student", student_name, body)
    payload = message.model_dump(mode="json")
    await state.chat.add(attempt_thread(attempt.id), payload, attempt_chat_ttl(attempt, utcnow()))
    await state.bus.publish(attempt_channel(attempt.id), {"type": "chat", "message": payload})
    await state.bus.publish(
        org_channel(attempt.org_id),
        {"type": "chat", "message": payload, "attempt_id": attempt.id, "exam_id": attempt.exam_id},
    )
    return message


async def _hello(ws: WebSocket) -> str | None:
    """The first frame must be ``{"token": "..."}``: the attempt token stays out of URLs
    (and so out of access logs)."""
    try:
        text = await asyncio.wait_for(ws.receive_text(), HELLO_TIMEOUT_S)
        token = json.loads(text).get("token") if len(text) < 1000 else None
    except (TimeoutError, ValueError, AttributeError, KeyError, WebSocketDisconnect):
        return None
    return token if isinstance(token, str) and token else None


@sockets.websocket("/ws/exam-sessions/{attempt_id}")
async def student_socket(ws: WebSocket, attempt_id: str) -> None:
    """Pushes ``warning``, ``paused``, ``resumed``, ``ended``, ``chat`` and ``room`` (a room
    snapshot came) to the student's page. After a reconnect the page reloads ``/live``
    for what it missed."""
    await ws.accept()
    token = await _hello(ws)
    if token is None:
        await ws.close(code=4401, reason='send {"token": ...} first')
        return
    state = app_state(ws)
    exam_id: str | None = None
    status = ""
    async with state.sessionmaker() as db:
        try:
            attempt = await attempts.by_token(db, attempt_id, token)
            exam_id, status = attempt.exam_id, attempt.status
        except AppError:
            pass
        await db.rollback()
    if exam_id is None:
        await ws.close(code=4403, reason="this token is not for this exam session")
        return
    if status not in service.ACTIVE:
        await ws.close(code=4410, reason="this exam session is over")
        return

    async def still_this_device() -> bool:
        """A resume on another device rotates the token: this socket is then signed out."""
        async with state.sessionmaker() as db:
            try:
                found = await attempts.by_token(db, attempt_id, token)
                return found.status in service.ACTIVE
            except AppError:
                return False
            finally:
                await db.rollback()

    async with (
        state.bus.subscribe(attempt_channel(attempt_id)) as own,
        state.bus.subscribe(exam_channel(exam_id)) as everyone,
    ):
        # Subscribed first: what is published after "ready" (and the page's reload of
        # /live that it triggers) reaches this socket.
        await ws.send_json({"type": "ready", "status": status})
        await serve(ws, own, everyone, allowed=still_this_device)
