"""The hot path of an exam day: autosave and heartbeat.

A room of 1,000 students sends about 170 of these a second, so each is a fixed, small
number of SQL statements in Core (no ORM unit of work): autosave reads the attempt, the
question and the stored answer in one SELECT and writes with one upsert; a heartbeat is one
UPDATE … RETURNING. ``bench/exam_load.py`` measures the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from procta.attempts.models import FINISHED, Answer, Attempt, AttemptQuestion
from procta.auth import tokens
from procta.errors import Conflict, NotFound
from procta.questions.grading import validate_response

SAVE_GRACE = timedelta(seconds=10)  # a save sent just before the deadline may land after it
SESSION_GONE = "This exam session has ended on this device. Join again with your roll number."


def session_not_found() -> NotFound:
    return NotFound(SESSION_GONE, code="session_not_found")


def is_overdue(status: str, deadline_at: datetime, now: datetime) -> bool:
    return status == "in_progress" and now > deadline_at + SAVE_GRACE


def ensure_open(status: str, deadline_at: datetime, now: datetime) -> None:
    """Refuse a change to an attempt that is over, paused, or past its deadline."""
    if status in FINISHED or status == "failed":
        raise Conflict("This exam has been submitted; answers can't change.", code="attempt_closed")
    if status == "paused":
        raise Conflict("Your exam is paused by the proctor.", code="attempt_paused")
    if now > deadline_at + SAVE_GRACE:
        raise Conflict("Time is up: this answer arrived after the deadline.", code="time_over")


@dataclass(frozen=True)
class SavedAnswer:
    client_seq: int
    saved_at: datetime
    applied: bool


def _insert(session: AsyncSession) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT (SQLite and PostgreSQL alike)."""
    dialect = session.get_bind().dialect.name
    return (postgresql if dialect == "postgresql" else sqlite).insert(Answer)


async def save_answer(
    session: AsyncSession,
    attempt_id: str,
    token: str,
    question_id: str,
    *,
    response: Any,
    flagged: bool,
    client_seq: int,
    now: datetime,
) -> SavedAnswer:
    """Idempotent autosave: a save whose ``client_seq`` is not newer than the stored one
    changes nothing (a retry, or an older save overtaken by a newer one)."""
    found = (
        await session.execute(
            select(
                Attempt.org_id,
                Attempt.status,
                Attempt.deadline_at,
                AttemptQuestion.snapshot,
                Answer.client_seq,
                Answer.saved_at,
            )
            .outerjoin(
                AttemptQuestion,
                (AttemptQuestion.attempt_id == Attempt.id)
                & (AttemptQuestion.question_id == question_id),
            )
            .outerjoin(
                Answer, (Answer.attempt_id == Attempt.id) & (Answer.question_id == question_id)
            )
            .where(Attempt.id == attempt_id, Attempt.token_hash == tokens.digest(token))
        )
    ).first()
    if found is None:
        raise session_not_found()
    org_id, status, deadline_at, snapshot, stored_seq, stored_at = found
    ensure_open(status, deadline_at, now)
    if snapshot is None:
        raise NotFound("This question is not part of your exam.", code="question_not_in_attempt")
    public = snapshot["public"]
    validate_response(public["type"], public["options"], response)
    if stored_seq is not None and client_seq <= stored_seq:
        return SavedAnswer(stored_seq, stored_at, applied=False)
    stmt = _insert(session).values(
        org_id=org_id,
        attempt_id=attempt_id,
        question_id=question_id,
        response=response,
        flagged=flagged,
        client_seq=client_seq,
        saved_at=now,
    )
    written = await session.execute(
        stmt.on_conflict_do_update(
            index_elements=[Answer.attempt_id, Answer.question_id],
            set_={
                "response": stmt.excluded.response,
                "flagged": stmt.excluded.flagged,
                "client_seq": stmt.excluded.client_seq,
                "saved_at": stmt.excluded.saved_at,
            },
            where=Answer.client_seq < stmt.excluded.client_seq,
        ).returning(Answer.client_seq)
    )
    if written.first() is not None:
        return SavedAnswer(client_seq, now, applied=True)
    # A newer save of the same answer committed in between (PostgreSQL, two devices).
    newer = select(Answer.client_seq, Answer.saved_at).where(
        Answer.attempt_id == attempt_id, Answer.question_id == question_id
    )
    seq, saved_at = (await session.execute(newer)).one()
    return SavedAnswer(seq, saved_at, applied=False)


@dataclass(frozen=True)
class Beat:
    id: str
    org_id: str
    exam_id: str
    status: str
    started_at: datetime
    deadline_at: datetime
    paused_at: datetime | None


async def heartbeat(session: AsyncSession, attempt_id: str, token: str, now: datetime) -> Beat:
    """Record the heartbeat and read the attempt's clock in one statement."""
    stmt = (
        update(Attempt.__table__)  # type: ignore[arg-type]
        .where(Attempt.id == attempt_id, Attempt.token_hash == tokens.digest(token))
        .values(last_heartbeat_at=now)
        .returning(
            Attempt.id,
            Attempt.org_id,
            Attempt.exam_id,
            Attempt.status,
            Attempt.started_at,
            Attempt.deadline_at,
            Attempt.paused_at,
        )
    )
    row = (await session.execute(stmt)).first()
    if row is None:
        raise session_not_found()
    return Beat(*row)
