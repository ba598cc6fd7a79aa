"""Live monitoring: the sessions table and its rows, the alert feed, the triage panel, and
what a proctor does to a running attempt (warn, pause, resume, end, note)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from procta.attempts import service as attempts
from procta.attempts.models import FINISHED, Answer, Attempt, AttemptQuestion
from procta.audit import service as audit
from procta.db import org_get, org_select
from procta.errors import Conflict, NotFound
from procta.exams.flags import FLAG_TYPES
from procta.exams.models import Exam
from procta.live.models import ProctorAction
from procta.live.schemas import (
    ActionIn,
    ActionOut,
    AlertOut,
    Identity,
    LiveRow,
    TriageOut,
    WarningOut,
)
from procta.proctoring import scores, scoring
from procta.proctoring import service as proctoring
from procta.proctoring.ingest import LIVE_COLUMNS, Signal, ingest_events
from procta.proctoring.models import Flag, ProctorEvent, Snapshot
from procta.students.models import Student

ACTIVE = ("in_progress", "paused")
FLAG_COLUMNS = ("id", "attempt_id", "type", "severity", "source", "started_at", "evidence")
ALERT_WORDS = {
    "gaze_deviation": "Sustained gaze deviation detected",
    "face_not_detected": "No face in front of the camera",
    "multiple_faces": "More than one person in view",
    "phone_detected": "A phone is visible",
    "identity_mismatch": "The face does not match the selfie",
    "speech_detected": "Speech detected",
    "head_movement": "Head turned away from the screen",
    "tab_switch": "Left the exam tab",
    "fullscreen_exit": "Left full screen",
    "prohibited_content": "A prohibited site or app is on screen",
    "proctor_warning": "Warned by a proctor",
}
SERIES_POINTS = 40


# --- rows and alerts -----------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    """What a live row shows that never changes during the sitting: the feed keeps it, so
    that an ingested batch becomes a row without reading the database again."""

    org_id: str
    roll_number: str
    name: str
    exam_title: str
    end_reason: str = ""


def row_of(attempt: Mapping[str, Any], card: Card, live_risk: float) -> LiveRow:
    """The row from the attempt's columns (``ingest.LIVE_COLUMNS``) and its card."""
    kind = FLAG_TYPES.get(attempt["last_event_type"])
    return LiveRow(
        attempt_id=attempt["id"],
        exam_id=attempt["exam_id"],
        student_id=attempt["student_id"],
        roll_number=card.roll_number,
        name=card.name,
        status=attempt["status"],
        last_event_type=attempt["last_event_type"],
        last_event_label=kind.label if kind else "",
        last_event_at=attempt["last_event_at"],
        severity=attempt["severity"],
        live_risk=round(live_risk, 1),
        tier=scoring.tier(live_risk),
        violations=attempt["violations"],
        cal_status=attempt["cal_status"],
        last_seen_at=attempt["last_heartbeat_at"],
        started_at=attempt["started_at"],
        deadline_at=attempt["deadline_at"],
        paused_at=attempt["paused_at"],
        end_reason=card.end_reason,
        proctor_id=attempt["proctor_id"],
        version=attempt["live_version"],
    )


async def rows(
    session: AsyncSession, *where: Any, now: datetime, half_life_s: float
) -> list[tuple[LiveRow, Card]]:
    """The rows (and cards) of the attempts that match ``where``: callers scope it by org,
    or by attempt ids they already hold (the feed)."""
    found = await session.execute(
        select(Attempt, Student.roll_number, Student.name, Exam.title)
        .join(Student, Student.id == Attempt.student_id)
        .join(Exam, Exam.id == Attempt.exam_id)
        .where(*where)
    )
    out = []
    for attempt, roll, name, title in found.all():
        card = Card(attempt.org_id, roll, name, title, attempt.end_reason)
        columns = {c: getattr(attempt, c) for c in LIVE_COLUMNS}
        out.append((row_of(columns, card, scores.live_risk_now(attempt, now, half_life_s)), card))
    return out


async def live_table(
    session: AsyncSession, org_id: str, exam_id: str, now: datetime, half_life_s: float
) -> list[LiveRow]:
    """The Live Sessions table of one exam, riskiest first."""
    await org_get(session, Exam, org_id, exam_id)
    found = await rows(
        session,
        Attempt.org_id == org_id,
        Attempt.exam_id == exam_id,
        now=now,
        half_life_s=half_life_s,
    )
    return sorted((r for r, _ in found), key=lambda r: (-r.live_risk, r.roll_number))


def alert_message(flag_type: str, details: Any) -> str:
    if flag_type == "proctor_warning" and isinstance(details, dict) and details.get("message"):
        return f"Warned: {details['message']}"[:200]
    kind = FLAG_TYPES.get(flag_type)
    return ALERT_WORDS.get(flag_type) or (f"{kind.label} detected" if kind else flag_type)


def alert_of(flag: Mapping[str, Any], exam_id: str, card: Card) -> AlertOut:
    """The alert of a flag (its stored columns, as ingest writes them)."""
    details = (flag.get("evidence") or {}).get("details")
    first = details[0] if isinstance(details, list) and details else details
    kind = FLAG_TYPES.get(flag["type"])
    return AlertOut(
        id=flag["id"],
        attempt_id=flag["attempt_id"],
        exam_id=exam_id,
        exam_title=card.exam_title,
        student_name=card.name,
        roll_number=card.roll_number,
        type=flag["type"],
        label=kind.label if kind else flag["type"],
        severity=flag["severity"],
        source=flag["source"],
        started_at=flag["started_at"],
        message=alert_message(flag["type"], first),
    )


async def alerts(
    session: AsyncSession, *where: Any, limit: int = 50
) -> list[tuple[AlertOut, Card]]:
    """The alerts (and their attempts' cards) of the flags that match ``where``, newest
    first."""
    found = await session.execute(
        select(Flag, Attempt.exam_id, Exam.title, Student.name, Student.roll_number)
        .join(Attempt, Attempt.id == Flag.attempt_id)
        .join(Exam, Exam.id == Attempt.exam_id)
        .join(Student, Student.id == Attempt.student_id)
        .where(*where)
        .order_by(Flag.started_at.desc(), Flag.id)
        .limit(limit)
    )
    out = []
    for flag, exam_id, title, name, roll in found.all():
        card = Card(flag.org_id, roll, name, title)
        out.append((alert_of({c: getattr(flag, c) for c in FLAG_COLUMNS}, exam_id, card), card))
    return out


async def recent_alerts(
    session: AsyncSession, org_id: str, exam_id: str | None, limit: int
) -> list[AlertOut]:
    """The alert feed as it stands: flags of the attempts still being written."""
    where = [Flag.org_id == org_id, Attempt.status.in_(ACTIVE)]
    if exam_id is not None:
        where.append(Attempt.exam_id == exam_id)
    return [alert for alert, _ in await alerts(session, *where, limit=limit)]


# --- proctor actions -----------------------------------------------------------------


def closed() -> Conflict:
    return Conflict(
        "This attempt is over: it can't be warned, paused, ended or chatted with any more.",
        code="attempt_closed",
    )


def _refuse(attempt: Attempt, action: str) -> None:
    if attempt.status not in ACTIVE:
        raise closed()
    if action == "pause" and attempt.status == "paused":
        raise Conflict("This attempt is paused already.", code="already_paused")
    if action == "resume" and attempt.status != "paused":
        raise Conflict("This attempt is not paused.", code="not_paused")


def resume_clock(attempt: Attempt, now: datetime) -> None:
    """Give back the paused time: the deadline moves by exactly as long as the pause."""
    if attempt.paused_at is not None:
        attempt.deadline_at += max(timedelta(0), now - attempt.paused_at)
    attempt.status, attempt.paused_at = "in_progress", None


async def act(
    session: AsyncSession,
    org_id: str,
    attempt_id: str,
    body: ActionIn,
    *,
    actor_id: str | None,
    actor_name: str,
    now: datetime,
    gap: timedelta,
    half_life_s: float,
) -> ProctorAction:
    """Carry out one proctor action on a running attempt and record it (timeline + audit).

    A warning is also a ``proctor_warning`` flag (it counts in the scores) that the
    student must acknowledge; pausing stops the student's clock on the server; ending
    submits the attempt as it stands, status ``terminated``, with the reason."""
    attempt = await proctoring.locked_attempt(session, org_id, attempt_id)
    if body.action != "note":
        _refuse(attempt, body.action)
    row = ProctorAction(
        org_id=org_id,
        attempt_id=attempt.id,
        action=body.action,
        message=body.message,
        actor_id=actor_id,
        actor_name=actor_name,
        created_at=now,
    )
    session.add(row)
    await session.flush()
    if body.action == "warn":
        signal = Signal(
            client_id=f"proctor:{row.id}",
            type="proctor_warning",
            phase="instant",
            at=now,
            details={"message": body.message, "by": actor_name},
            source="proctor",
        )
        await ingest_events(
            session, attempt.id, None, [signal], now=now, gap=gap, half_life_s=half_life_s
        )
        row.flag_id = await session.scalar(
            select(ProctorEvent.flag_id).where(
                ProctorEvent.attempt_id == attempt.id, ProctorEvent.client_id == signal.client_id
            )
        )
        await session.refresh(attempt)
    elif body.action == "pause":
        attempt.status, attempt.paused_at = "paused", now
    elif body.action == "resume":
        resume_clock(attempt, now)
    elif body.action == "end":
        attempt.end_reason = body.message
        await attempts.submit(session, attempt, now, status="terminated")
    audit.record(
        session,
        f"attempt.{body.action}",
        org_id=org_id,
        user_id=actor_id,
        actor_email=actor_name,
        attempt_id=attempt.id,
        message=body.message,
    )
    await session.flush()
    return row


def action_out(row: ProctorAction) -> ActionOut:
    return ActionOut(
        id=row.id,
        action=row.action,
        message=row.message,
        actor_name=row.actor_name,
        at=row.created_at,
        acknowledged_at=row.acknowledged_at,
    )


async def timeline(session: AsyncSession, org_id: str, attempt_id: str) -> list[ActionOut]:
    found = await session.execute(
        org_select(ProctorAction, org_id)
        .where(ProctorAction.attempt_id == attempt_id)
        .order_by(ProctorAction.created_at, ProctorAction.id)
    )
    return [action_out(a) for a in found.scalars()]


# --- the triage panel ----------------------------------------------------------------


async def _latest_media(session: AsyncSession, attempt: Attempt) -> dict[str, str | None]:
    latest: dict[str, str | None] = {"webcam": None, "screen": None, "room": None}
    found = await session.execute(
        select(Snapshot.kind, Snapshot.id)
        .where(
            Snapshot.org_id == attempt.org_id,
            Snapshot.attempt_id == attempt.id,
            Snapshot.kind.in_(tuple(latest)),
        )
        .order_by(Snapshot.taken_at)
    )
    for kind, media_id in found.all():
        latest[kind] = media_id
    return latest


async def _identity_match(session: AsyncSession, attempt: Attempt) -> bool | None:
    """False once a webcam snapshot was judged a different person; True once one matched."""
    if attempt.flag_counts.get("identity_mismatch"):
        return False
    found = await session.execute(
        select(Snapshot.analysis).where(
            Snapshot.org_id == attempt.org_id,
            Snapshot.attempt_id == attempt.id,
            Snapshot.kind == "webcam",
        )
    )
    for (analysis,) in found.all():
        identity = (analysis or {}).get("identity")
        if isinstance(identity, dict) and identity.get("same") is True:
            return True
    return None


async def triage(
    session: AsyncSession, org_id: str, attempt_id: str, now: datetime, half_life_s: float
) -> TriageOut:
    found = await rows(
        session,
        Attempt.org_id == org_id,
        Attempt.id == attempt_id,
        now=now,
        half_life_s=half_life_s,
    )
    if not found:
        raise NotFound("No such attempt in this organization.", code="attempt_not_found")
    row = found[0][0]
    attempt = await org_get(session, Attempt, org_id, attempt_id)
    exam = await org_get(session, Exam, org_id, attempt.exam_id)
    total = await session.scalar(
        select(func.count()).where(
            AttemptQuestion.org_id == org_id, AttemptQuestion.attempt_id == attempt.id
        )
    )
    answered = await session.scalar(
        select(func.count()).where(
            Answer.org_id == org_id,
            Answer.attempt_id == attempt.id,
            Answer.response.is_not(None),
        )
    )
    flags = await scores.flags_of(session, attempt)
    table = await scores.flag_table(session, attempt)
    timed = [
        scoring.TimedFlag(s, f.started_at)
        for f, s in zip(
            [f for f in flags if f.type in table and table[f.type].enabled],
            scores.scored(flags, table),
            strict=True,
        )
    ]
    end = min(now, attempt.submitted_at or now)
    return TriageOut(
        row=row,
        exam_title=exam.title,
        answered=answered or 0,
        total=total or 0,
        remaining_seconds=remaining(attempt, now),
        cal_reason=attempt.cal_reason,
        identity=Identity(
            selfie_id=attempt.selfie_id,
            id_document_id=attempt.id_document_id,
            match=await _identity_match(session, attempt),
        ),
        latest=await _latest_media(session, attempt),
        risk_series=scoring.live_series(timed, attempt.started_at, end, SERIES_POINTS, half_life_s),
        actions=await timeline(session, org_id, attempt.id),
    )


def remaining(attempt: Attempt, now: datetime) -> int:
    """Seconds left; a paused clock stands still where the pause caught it."""
    if attempt.status in FINISHED or attempt.status == "failed":
        return 0
    return attempts.remaining_seconds(attempt.deadline_at, attempt.paused_at or now)


# --- the student's side --------------------------------------------------------------


async def pending_warnings(session: AsyncSession, attempt: Attempt) -> list[WarningOut]:
    """Warnings the student has not acknowledged yet: shown again after a reconnect."""
    found = await session.execute(
        org_select(ProctorAction, attempt.org_id)
        .where(
            ProctorAction.attempt_id == attempt.id,
            ProctorAction.action == "warn",
            ProctorAction.acknowledged_at.is_(None),
        )
        .order_by(ProctorAction.created_at)
    )
    return [WarningOut(id=a.id, message=a.message, at=a.created_at) for a in found.scalars()]


async def acknowledge(
    session: AsyncSession, attempt: Attempt, action_id: str, now: datetime
) -> None:
    action = (
        await session.execute(
            org_select(ProctorAction, attempt.org_id).where(
                ProctorAction.id == action_id,
                ProctorAction.attempt_id == attempt.id,
                ProctorAction.action == "warn",
            )
        )
    ).scalar()
    if action is None:
        raise NotFound("No such warning for this exam session.", code="warning_not_found")
    action.acknowledged_at = action.acknowledged_at or now


async def student_name(session: AsyncSession, attempt: Attempt) -> str:
    student = await session.get(Student, attempt.student_id)
    return student.name if student is not None else ""
