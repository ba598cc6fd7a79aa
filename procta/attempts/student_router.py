"""``/api/v1/exam-sessions``: the exam as the student's client sees it.

Students have no accounts here: they join with their roll number (and the exam's access
code) and get an attempt token, sent back as ``Authorization: Bearer at_…``. These routes
stay apart from the teacher API, as a customer portal stays apart from the merchant API.
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query
from sqlalchemy.ext.asyncio import AsyncSession

from procta.attempts import autosave, service
from procta.attempts.models import Attempt
from procta.attempts.schemas import (
    AnswerIn,
    AnswerSavedOut,
    AnswerView,
    ExamInfoOut,
    ExamSessionOut,
    JoinIn,
    JoinOut,
    QuestionView,
    SubmittedOut,
    TimingOut,
)
from procta.auth import tokens
from procta.auth.deps import DB, State
from procta.db import after_commit, utcnow
from procta.errors import AppError, Conflict, NotAuthenticated
from procta.exams import invites
from procta.live.chat import drop_after_commit
from procta.orgs.service import get_org
from procta.state import AppState
from procta.students.models import Student

router = APIRouter(prefix="/exam-sessions", tags=["exam sessions"])
log = logging.getLogger("procta.attempts")


async def attempt_token(authorization: Annotated[str, Header()] = "") -> str:
    token = tokens.bearer(authorization, service.ATTEMPT_TOKEN_PREFIX)
    if token is None:
        raise NotAuthenticated("Join the exam first.", code="attempt_token_required")
    return token


AttemptToken = Annotated[str, Depends(attempt_token)]


async def current_attempt(attempt_id: str, db: DB, token: AttemptToken) -> Attempt:
    return await service.by_token(db, attempt_id, token)


CurrentAttempt = Annotated[Attempt, Depends(current_attempt)]


def _show_live(db: AsyncSession, state: AppState, attempt_id: str) -> None:
    """Once committed, the attempt's row goes to the teachers' live table."""
    after_commit(db, lambda: state.feed.touch([attempt_id]))


def timing(attempt: Attempt | autosave.Beat) -> TimingOut:
    """The clock as the page shows it; a paused clock stands where the pause caught it."""
    now = utcnow()
    return TimingOut(
        status=attempt.status,
        server_now=now,
        started_at=attempt.started_at,
        deadline_at=attempt.deadline_at,
        paused_at=attempt.paused_at,
        remaining_seconds=service.remaining_seconds(attempt.deadline_at, attempt.paused_at or now),
    )


async def session_view(db: AsyncSession, attempt: Attempt) -> ExamSessionOut:
    exam = await service.open_exam(db, attempt.exam_id)
    student = await db.get(Student, attempt.student_id)
    assert student is not None
    questions = await service.questions_of(db, attempt)
    answers = await service.answers_of(db, attempt)
    return ExamSessionOut(
        **timing(attempt).model_dump(),
        attempt_id=attempt.id,
        exam_id=exam.id,
        exam_title=exam.title,
        student_name=student.name,
        roll_number=student.roll_number,
        questions=[
            QuestionView(id=q.question_id, position=q.position, **q.snapshot["public"])
            for q in questions
        ],
        answers={
            qid: AnswerView(
                response=a.response, flagged=a.flagged, client_seq=a.client_seq, saved_at=a.saved_at
            )
            for qid, a in answers.items()
        },
    )


@router.get("/exams/{exam_id}")
async def exam_info(
    exam_id: str,
    db: DB,
    state: State,
    invite: Annotated[str | None, Query(max_length=200)] = None,
) -> ExamInfoOut:
    """The join screen: title, rules, timing; whether an access code is needed."""
    exam = await service.open_exam(db, exam_id)
    org = await get_org(db, exam.org_id)
    invited = (
        await invites.student_for_invite(db, state.settings.secret_key, exam, invite)
        if invite
        else None
    )
    return ExamInfoOut(
        id=exam.id,
        title=exam.title,
        instructions=exam.instructions,
        org_name=org.name,
        duration_minutes=exam.duration_minutes,
        window_start=exam.window_start,
        window_end=exam.window_end,
        needs_access_code=bool(exam.access_code),
        rules_allowed=exam.rules_allowed,
        rules_prohibited=exam.rules_prohibited,
        question_count=await service.question_count(db, exam),
        mode=exam.mode,
        screen_required=exam.screen_recording_required,
        room_camera_required=exam.room_camera_required,
        invited_name=invited.name if invited else None,
    )


@router.post("", status_code=201)
async def join(body: JoinIn, db: DB, state: State) -> JoinOut:
    attempt, token, resumed = await service.join(
        db,
        body.exam_id,
        utcnow(),
        roll_number=body.roll_number,
        access_code=body.access_code,
        invite=body.invite,
        secret=state.settings.secret_key,
    )
    view = await session_view(db, attempt)
    _show_live(db, state, attempt.id)
    return JoinOut(**view.model_dump(), token=token, resumed=resumed)


@router.get("/{attempt_id}")
async def get_session(attempt: CurrentAttempt, db: DB) -> ExamSessionOut:
    await service.settle_if_overdue(db, attempt, utcnow())
    return await session_view(db, attempt)


@router.put("/{attempt_id}/answers/{question_id}")
async def save_answer(
    attempt_id: str, question_id: str, body: AnswerIn, token: AttemptToken, db: DB
) -> AnswerSavedOut:
    saved = await autosave.save_answer(
        db,
        attempt_id,
        token,
        question_id,
        response=body.response,
        flagged=body.flagged,
        client_seq=body.client_seq,
        now=utcnow(),
    )
    return AnswerSavedOut(
        question_id=question_id,
        client_seq=saved.client_seq,
        saved_at=saved.saved_at,
        applied=saved.applied,
    )


@router.post("/{attempt_id}/heartbeat")
async def heartbeat(attempt_id: str, db: DB, token: AttemptToken, state: State) -> TimingOut:
    now = utcnow()
    beat = await autosave.heartbeat(db, attempt_id, token, now)
    after_commit(db, lambda: state.feed.seen(beat, now))  # Last Seen
    if not autosave.is_overdue(beat.status, beat.deadline_at, now):
        return timing(beat)
    attempt = await service.by_token(db, attempt_id, token)
    await service.settle_if_overdue(db, attempt, now)
    _show_live(db, state, attempt_id)
    return timing(attempt)


@router.post("/{attempt_id}/submit")
async def submit(attempt: CurrentAttempt, db: DB, state: State) -> SubmittedOut:
    """Submit and grade. If grading breaks, the attempt is recorded as failed (answers are
    kept) so that it shows in Failed Sessions and the teacher can force-submit it."""
    attempt_id = attempt.id
    if attempt.status == "paused":
        raise Conflict("Your exam is paused by the proctor.", code="attempt_paused")
    _show_live(db, state, attempt_id)
    drop_after_commit(db, state.chat, attempt_id)
    try:
        async with db.begin_nested():
            await service.submit(db, attempt, utcnow(), status="submitted")
    except AppError:
        raise
    except Exception as exc:
        log.exception("submission of attempt %s failed", attempt_id)
        await service.record_failure(db, attempt, exc)
        raise AppError(
            "Your answers are saved, but the submission could not be completed. Your teacher "
            "can submit it for you.",
            code="submission_failed",
            status=503,
            commit=True,  # keep the "failed" mark: it lists the attempt in Failed Sessions
        ) from exc
    answers = await service.answers_of(db, attempt)
    questions = await service.questions_of(db, attempt)
    assert attempt.submitted_at is not None
    return SubmittedOut(
        status=attempt.status,
        submitted_at=attempt.submitted_at,
        answered=sum(1 for a in answers.values() if a.response not in (None, "", [])),
        total=len(questions),
    )
