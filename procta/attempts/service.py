"""Taking an exam: join, the frozen per-student view, autosave, heartbeat, submit, grade.

The server owns the clock. ``deadline_at`` is fixed when the attempt starts (duration plus
the student's extra time); saves that arrive after it (beyond a short network grace) are
refused, and overdue attempts are submitted by ``submit_overdue`` (a job) or on the next
request that touches them.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from procta.attempts import autosave, selection
from procta.attempts.models import FINISHED, Answer, Attempt, AttemptQuestion
from procta.auth import tokens
from procta.config import get_settings
from procta.db import utcnow
from procta.errors import BadRequest, Conflict, Forbidden, NotFound
from procta.exams import invites
from procta.exams import service as exams
from procta.exams.models import Exam, ExamItem
from procta.live import proctors
from procta.proctoring import recordings, scores
from procta.proctoring import service as proctoring
from procta.questions.grading import score
from procta.questions.models import Question
from procta.students.models import Student

log = logging.getLogger("procta.attempts")

ATTEMPT_TOKEN_PREFIX = "at_"  # noqa: S105 - a prefix, not a secret


# --- joining --------------------------------------------------------------------------


async def open_exam(session: AsyncSession, exam_id: str) -> Exam:
    exam = await session.get(Exam, exam_id)
    if exam is None or exam.status != "published":
        raise NotFound("This exam does not exist or is not open.", code="exam_not_found")
    return exam


async def question_count(session: AsyncSession, exam: Exam) -> int:
    items = await _items(session, exam)
    return sum(1 if i.question_id else i.pool_count for i in items)


async def _items(session: AsyncSession, exam: Exam) -> list[ExamItem]:
    stmt = (
        select(ExamItem)
        .where(ExamItem.org_id == exam.org_id, ExamItem.exam_id == exam.id)
        .order_by(ExamItem.position)
    )
    return list((await session.execute(stmt)).scalars())


async def student_by_roll(session: AsyncSession, org_id: str, roll_number: str) -> Student:
    stmt = select(Student).where(Student.org_id == org_id, Student.roll_number == roll_number)
    student = (await session.execute(stmt)).scalar()
    if student is None:
        raise BadRequest(
            f"No student with roll number {roll_number} is registered for this exam. "
            "Check the number or ask your teacher.",
            code="unknown_roll_number",
        )
    return student


async def join(
    session: AsyncSession,
    exam_id: str,
    now: datetime,
    *,
    roll_number: str | None,
    access_code: str,
    invite: str | None,
    secret: str,
) -> tuple[Attempt, str, bool]:
    """Start the attempt, or resume it on this device (which signs the old device out).

    The student is named by roll number (plus the exam's access code) or by a personal
    invite token. Returns the attempt, its new token and whether it was resumed."""
    exam = await open_exam(session, exam_id)
    student = await _identify(session, exam, roll_number, invite, secret)
    attempt = await _attempt_of(session, exam, student)
    if attempt is not None:
        if not invite:
            exams.check_access_code(exam, access_code)
        await settle_if_overdue(session, attempt, now)
        if attempt.status in FINISHED or attempt.status == "failed":
            raise Conflict("You have already submitted this exam.", code="already_submitted")
        token = _new_token(attempt)
        return attempt, token, True
    await exams.admission_check(
        session, exam, student.id, access_code, now, invited=invite is not None
    )
    attempt = await _start(session, exam, student, now)
    await proctors.assign_new(session, exam, attempt)
    return attempt, _new_token(attempt), False


async def _identify(
    session: AsyncSession, exam: Exam, roll_number: str | None, invite: str | None, secret: str
) -> Student:
    if invite:
        return await invites.student_for_invite(session, secret, exam, invite)
    if roll_number:
        return await student_by_roll(session, exam.org_id, roll_number)
    raise BadRequest("Enter your roll number.", code="roll_number_required")


async def result_access(
    session: AsyncSession, exam_id: str, *, invite: str | None, secret: str
) -> tuple[Attempt, str]:
    """A student comes back after the exam to read a released result, with their personal
    invite link; they get a new token for their finished attempt (it can record nothing
    more). A roll number and the exam's access code are not enough: classmates share the
    code, and a result shows evidence photos."""
    exam = await session.get(Exam, exam_id)
    if exam is None or exam.status == "draft":
        raise NotFound("This exam does not exist or is not open.", code="exam_not_found")
    if not invite:
        raise Forbidden(
            "Open the personal invite link from your teacher's email to see your result, "
            "or ask your teacher for it.",
            code="invite_required",
        )
    student = await invites.student_for_invite(session, secret, exam, invite)
    attempt = await _attempt_of(session, exam, student)
    if attempt is None or attempt.status not in FINISHED:
        raise Conflict("There is no finished attempt of yours to show.", code="no_result")
    if not exam.results_released:
        raise Conflict(
            "Your teacher has not released the results of this exam yet.",
            code="results_not_released",
        )
    return attempt, _new_token(attempt)


def _new_token(attempt: Attempt) -> str:
    token = ATTEMPT_TOKEN_PREFIX + tokens.new_token()
    attempt.token_hash = tokens.digest(token)
    return token


async def _attempt_of(session: AsyncSession, exam: Exam, student: Student) -> Attempt | None:
    stmt = select(Attempt).where(
        Attempt.org_id == exam.org_id, Attempt.exam_id == exam.id, Attempt.student_id == student.id
    )
    return (await session.execute(stmt)).scalar()


async def _start(session: AsyncSession, exam: Exam, student: Student, now: datetime) -> Attempt:
    seed = selection.attempt_seed(exam.id, student.id)
    minutes = await exams.effective_duration_minutes(session, exam, student.id)
    attempt = Attempt(
        org_id=exam.org_id,
        exam_id=exam.id,
        student_id=student.id,
        status="in_progress",
        seed=seed,
        token_hash="",
        started_at=now,
        deadline_at=now + timedelta(minutes=minutes),
        last_heartbeat_at=now,
    )
    session.add(attempt)
    await session.flush()
    chosen = selection.choose(
        [
            selection.Slot(i.question_id, tuple(i.pool_tags), i.pool_count)
            for i in await _items(session, exam)
        ],
        await _bank(session, exam.org_id),
        seed,
        shuffle_questions=exam.shuffle_questions,
    )
    if not chosen:
        raise Conflict("This exam has no questions yet. Tell your teacher.", code="exam_empty")
    for position, question in enumerate(chosen, start=1):
        session.add(
            AttemptQuestion(
                org_id=exam.org_id,
                attempt_id=attempt.id,
                question_id=question.id,
                position=position,
                snapshot=selection.snapshot(question, seed, shuffle_options=exam.shuffle_options),
            )
        )
    await session.flush()
    return attempt


async def _bank(session: AsyncSession, org_id: str) -> dict[str, selection.BankQuestion]:
    stmt = select(Question).where(Question.org_id == org_id, Question.deleted_at.is_(None))
    return {
        q.id: selection.BankQuestion(
            id=q.id,
            type=q.type,
            stem=q.stem,
            options=list(q.options),
            answer=q.answer,
            points=q.points,
            partial_credit=q.partial_credit,
            tags=list(q.tags),
            version=q.version,
        )
        for q in (await session.execute(stmt)).scalars()
    }


# --- the student's session ------------------------------------------------------------


async def by_token(session: AsyncSession, attempt_id: str, token: str) -> Attempt:
    stmt = select(Attempt).where(
        Attempt.id == attempt_id, Attempt.token_hash == tokens.digest(token)
    )
    attempt = (await session.execute(stmt)).scalar()
    if attempt is None:
        raise autosave.session_not_found()
    return attempt


async def questions_of(session: AsyncSession, attempt: Attempt) -> list[AttemptQuestion]:
    stmt = (
        select(AttemptQuestion)
        .where(AttemptQuestion.org_id == attempt.org_id, AttemptQuestion.attempt_id == attempt.id)
        .order_by(AttemptQuestion.position)
    )
    return list((await session.execute(stmt)).scalars())


async def answers_of(session: AsyncSession, attempt: Attempt) -> dict[str, Answer]:
    stmt = select(Answer).where(Answer.org_id == attempt.org_id, Answer.attempt_id == attempt.id)
    return {a.question_id: a for a in (await session.execute(stmt)).scalars()}


def remaining_seconds(deadline_at: datetime, now: datetime) -> int:
    return max(0, int((deadline_at - now).total_seconds()))


# --- submitting and grading -----------------------------------------------------------


async def submit(session: AsyncSession, attempt: Attempt, now: datetime, *, status: str) -> None:
    """Close the attempt and grade what can be graded automatically. The attempt row is
    locked first (PostgreSQL), as event ingest locks it, so a flag committed meanwhile is
    in the stored scores."""
    await session.flush()  # what the caller changed is kept through the re-read
    await session.refresh(attempt, with_for_update=True)
    if attempt.status in FINISHED:
        return
    if attempt.status == "paused":  # the clock stood still; it stops here for good
        attempt.deadline_at += max(timedelta(0), now - (attempt.paused_at or now))
    attempt.status, attempt.paused_at = status, None
    attempt.submitted_at = min(now, attempt.deadline_at) if status == "auto_submitted" else now
    attempt.failure_reason = ""
    await grade(session, attempt)
    await proctoring.close_episodes(session, attempt)
    settings = get_settings()
    await scores.recompute(session, attempt, now, settings.live_half_life_s)
    await recordings.after_submit(session, attempt, analyse=settings.analysis)


async def record_failure(session: AsyncSession, attempt: Attempt, exc: Exception) -> None:
    """Mark the attempt failed after its grading was rolled back (answers stay saved)."""
    await session.refresh(attempt)
    attempt.status = "failed"
    attempt.failure_reason = f"{type(exc).__name__}: {exc}"[:500]
    await session.flush()


async def grade(session: AsyncSession, attempt: Attempt) -> None:
    questions = await questions_of(session, attempt)
    answers = await answers_of(session, attempt)
    total, maximum, pending = 0.0, 0.0, False
    for q in questions:
        public, key = q.snapshot["public"], q.snapshot["key"]
        maximum += float(public["points"])
        answer = answers.get(q.question_id)
        if answer is None:
            continue
        if answer.graded_by_id is None:  # a teacher's mark is never overwritten
            answer.points = score(
                public["type"],
                key["answer"],
                float(public["points"]),
                key["partial_credit"],
                answer.response,
            )
        if answer.points is None:
            pending = True
        else:
            total += answer.points
    attempt.score, attempt.max_score, attempt.needs_grading = total, maximum, pending
    await session.flush()


async def settle_if_overdue(session: AsyncSession, attempt: Attempt, now: datetime) -> bool:
    if autosave.is_overdue(attempt.status, attempt.deadline_at, now):
        await submit(session, attempt, now, status="auto_submitted")
        return True
    return False


async def submit_overdue(session: AsyncSession, now: datetime | None = None) -> list[str]:
    """Auto-submit every attempt whose time ran out (the job's work); returns their ids."""
    now = now or utcnow()
    stmt = select(Attempt).where(
        Attempt.status == "in_progress", Attempt.deadline_at < now - autosave.SAVE_GRACE
    )
    overdue = list((await session.execute(stmt)).scalars())
    for attempt in overdue:
        await submit(session, attempt, now, status="auto_submitted")
    return [a.id for a in overdue]
