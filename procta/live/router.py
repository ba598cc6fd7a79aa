"""Teacher side of live monitoring: ``WS /ws/teacher`` (the org's feed, with replay), the
sessions table, alerts, the triage panel, proctor actions and chat."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Query, WebSocket

from procta.attempts.models import Attempt
from procta.auth.deps import DB, OrgMember, State, resolve_principal
from procta.db import after_commit, new_id, org_get, utcnow
from procta.errors import AppError, TooManyRequests
from procta.exams.models import Exam
from procta.live import proctors, service
from procta.live.bus import (
    Message,
    attempt_channel,
    exam_channel,
    org_channel,
    publish_after_commit,
)
from procta.live.chat import attempt_thread, drop_after_commit, exam_thread, keep_after_commit
from procta.live.schemas import (
    ActedOut,
    ActionIn,
    AlertOut,
    ChatIn,
    ChatMessage,
    DutyOut,
    LiveRow,
    ProctorsIn,
    TriageOut,
)
from procta.live.sockets import serve
from procta.state import AppState, app_state

router = APIRouter(tags=["live"])
sockets = APIRouter()

CHAT_LIMIT = (20, 10)
"""At most this many chat messages per sender in this many seconds."""
CHAT_GRACE = timedelta(hours=1)
"""Chat outlives the deadline by this much at most, then it is gone."""
CHAT_PAUSE_HOLD = timedelta(days=1)


@router.get("/exams/{exam_id}/live")
async def live_sessions(
    exam_id: str, principal: OrgMember, db: DB, state: State, mine: bool = False
) -> list[LiveRow]:
    """The Live Sessions table: every attempt of the exam, highest live risk first
    (``?mine=true``: those assigned to me). The teacher socket then streams changed rows."""
    rows = await service.live_table(
        db, principal.org_id, exam_id, utcnow(), state.settings.live_half_life_s
    )
    if mine:
        me = principal.user.id if principal.user else None
        rows = [r for r in rows if r.proctor_id == me]
    return rows


@router.get("/exams/{exam_id}/proctors")
async def proctors_on_duty(exam_id: str, principal: OrgMember, db: DB) -> DutyOut:
    """Who watches this exam (live mode) and how many students each has now."""
    return await proctors.duty(db, principal.org_id, exam_id)


@router.put("/exams/{exam_id}/proctors")
async def put_proctors_on_duty(
    exam_id: str, body: ProctorsIn, principal: OrgMember, db: DB, state: State
) -> DutyOut:
    """Set who is on duty and the proctor-to-student ratio; the students are spread among
    them at once (and the moved rows stream to the dashboards)."""
    out, moved = await proctors.set_duty(db, principal.org_id, exam_id, body, principal.actor_email)
    after_commit(db, lambda: state.feed.touch(moved))
    return out


@router.get("/live/alerts")
async def live_alerts(
    principal: OrgMember,
    db: DB,
    exam_id: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[AlertOut]:
    """The live alert feed: flags of attempts still being written, newest first."""
    return await service.recent_alerts(db, principal.org_id, exam_id, limit)


@router.get("/attempts/{attempt_id}/live")
async def triage(attempt_id: str, principal: OrgMember, db: DB, state: State) -> TriageOut:
    """The triage panel: the row, progress, time left, identity, the newest snapshots, the
    live-risk history and the proctors' actions. Flags and media: ``/proctoring``."""
    return await service.triage(
        db, principal.org_id, attempt_id, utcnow(), state.settings.live_half_life_s
    )


def _student_command(action: str, message: str, action_id: str, row: LiveRow) -> Message:
    if action == "warn":
        return {"type": "warning", "warning": {"id": action_id, "message": message}}
    if action == "pause":
        return {"type": "paused"}
    if action == "resume":
        return {"type": "resumed", "deadline_at": row.deadline_at.isoformat()}
    return {"type": "ended", "reason": message}


@router.post("/attempts/{attempt_id}/actions")
async def act(
    attempt_id: str, body: ActionIn, principal: OrgMember, db: DB, state: State
) -> ActedOut:
    """Warn, pause, resume or end a running attempt, or add a note to its timeline. The
    student's page hears of it at once over its socket (or on its next reconnect)."""
    settings = state.settings
    now = utcnow()
    row = await service.act(
        db,
        principal.org_id,
        attempt_id,
        body,
        actor_id=principal.user.id if principal.user else None,
        actor_name=principal.user.name if principal.user else principal.actor_email,
        now=now,
        gap=settings.flag_merge_gap,
        half_life_s=settings.live_half_life_s,
    )
    ((live_row, _),) = await service.rows(
        db, Attempt.id == attempt_id, now=now, half_life_s=settings.live_half_life_s
    )
    if body.action != "note":
        command = _student_command(body.action, body.message, row.id, live_row)
        publish_after_commit(db, state.bus, attempt_channel(attempt_id), command)
    if body.action == "end":
        drop_after_commit(db, state.chat, attempt_id)
    elif body.action in ("pause", "resume"):  # the clock stopped, or moved the deadline
        ttl = chat_ttl(live_row.deadline_at, now, live_row.paused_at)
        keep_after_commit(db, state.chat, attempt_id, ttl)
    flags = [row.flag_id] if row.flag_id else []  # a warning is an alert in the feed too
    after_commit(db, lambda: state.feed.touch([attempt_id], flags))
    return ActedOut(action=service.action_out(row), row=live_row)


def _sender(principal: OrgMember) -> str:
    """Whose chat allowance a message uses: the person's, or the API key's."""
    if principal.user is not None:
        return f"user:{principal.user.id}"
    return f"key:{principal.api_key.id if principal.api_key else 'unknown'}"


def chat_ttl(deadline: datetime | None, now: datetime, paused_at: datetime | None = None) -> int:
    """Seconds a conversation is kept: until the deadline and ``CHAT_GRACE`` after it. While
    the attempt stands paused its clock does not run and nobody knows when it will again:
    the time it had left counts from now, plus ``CHAT_PAUSE_HOLD``; resuming sets it back."""
    end = deadline or now
    if paused_at is not None:
        end += max(now - paused_at, timedelta(0)) + CHAT_PAUSE_HOLD
    return int((max(end, now) + CHAT_GRACE - now).total_seconds())


def attempt_chat_ttl(attempt: Attempt, now: datetime) -> int:
    return chat_ttl(attempt.deadline_at, now, attempt.paused_at)


async def check_chat_rate(state: AppState, sender: str) -> None:
    count, window = CHAT_LIMIT
    if await state.limiter.hit(f"chat:{sender}", window) > count:
        raise TooManyRequests(
            f"Too many messages: at most {count} in {window} seconds.", code="chat_rate_limited"
        )


@router.get("/attempts/{attempt_id}/chat")
async def attempt_chat(
    attempt_id: str, principal: OrgMember, db: DB, state: State
) -> list[ChatMessage]:
    """The conversation with one student (with the exam's broadcasts); empty once the
    attempt is over."""
    attempt = await org_get(db, Attempt, principal.org_id, attempt_id)
    if attempt.status not in service.ACTIVE:
        await state.chat.drop(attempt_thread(attempt.id))
        return []
    found = await state.chat.history(attempt_thread(attempt.id), exam_thread(attempt.exam_id))
    return [ChatMessage(**m) for m in found]


@router.post("/attempts/{attempt_id}/chat", status_code=201)
async def chat_to_student(
    attempt_id: str, body: ChatIn, principal: OrgMember, db: DB, state: State
) -> ChatMessage:
    attempt = await org_get(db, Attempt, principal.org_id, attempt_id)
    if attempt.status not in service.ACTIVE:
        raise service.closed()
    await check_chat_rate(state, _sender(principal))
    message = chat_message("proctor", principal.user.name if principal.user else "Proctor", body)
    await state.chat.add(
        attempt_thread(attempt.id),
        message.model_dump(mode="json"),
        attempt_chat_ttl(attempt, utcnow()),
    )
    payload = {"type": "chat", "message": message.model_dump(mode="json")}
    await state.bus.publish(attempt_channel(attempt.id), payload)
    await state.bus.publish(
        org_channel(principal.org_id),
        {**payload, "attempt_id": attempt.id, "exam_id": attempt.exam_id},
    )
    return message


@router.post("/exams/{exam_id}/chat", status_code=201)
async def broadcast(
    exam_id: str, body: ChatIn, principal: OrgMember, db: DB, state: State
) -> ChatMessage:
    """One message to every student writing the exam."""
    exam = await org_get(db, Exam, principal.org_id, exam_id)
    await check_chat_rate(state, _sender(principal))
    message = chat_message(
        "proctor", principal.user.name if principal.user else "Proctor", body, broadcast=True
    )
    now = utcnow()
    until = (exam.window_end or now) + timedelta(minutes=exam.duration_minutes)
    await state.chat.add(
        exam_thread(exam.id), message.model_dump(mode="json"), chat_ttl(until, now)
    )
    payload = {"type": "chat", "message": message.model_dump(mode="json")}
    await state.bus.publish(exam_channel(exam.id), payload)
    await state.bus.publish(org_channel(principal.org_id), {**payload, "exam_id": exam.id})
    return message


def chat_message(
    sender: Literal["proctor", "student"], name: str, body: ChatIn, *, broadcast: bool = False
) -> ChatMessage:
    return ChatMessage(
        id=new_id(), at=utcnow(), sender=sender, name=name, text=body.text, broadcast=broadcast
    )


@sockets.websocket("/ws/teacher")
async def teacher_feed(ws: WebSocket, last_id: str = "") -> None:
    """The org's feed: ``session`` rows, ``alert`` flags, ``chat`` from students, and the
    member and invite changes. ``?last_id=`` replays what was missed since that message,
    or says ``resync`` when that is too old to know."""
    state = app_state(ws)
    async with state.sessionmaker() as db:
        try:
            principal = await resolve_principal(ws, db)
        except AppError:
            principal = None
        await db.commit()
    if principal is None or principal.org_id is None:
        await ws.close(code=4401, reason="sign in to an organization first")
        return
    await ws.accept()
    org_id = principal.org_id

    async def still_a_member() -> bool:
        """Signed out, the session or key revoked, or removed from the org: stop listening."""
        async with state.sessionmaker() as db:
            try:
                now = await resolve_principal(ws, db)
                return now.org_id == org_id
            except AppError:
                return False
            finally:
                await db.rollback()

    channel = org_channel(org_id)
    state.feed.watching[org_id] += 1
    try:
        async with state.bus.subscribe(channel) as messages:
            replayed = await _replay(ws, state, channel, last_id)
            await serve(ws, messages, skip_through=replayed, allowed=still_a_member)
    finally:
        state.feed.watching[org_id] -= 1


async def _replay(ws: WebSocket, state: AppState, channel: str, last_id: str) -> str:
    """Send what was posted after ``last_id``; returns the id of the last one sent."""
    if not last_id:
        return ""
    missed = await state.bus.since(channel, last_id)
    if missed is None:
        await ws.send_json({"type": "resync"})
        return ""
    for message in missed:
        await ws.send_json(message)
    return str(missed[-1]["id"]) if missed else last_id
