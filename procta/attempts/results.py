"""Teacher-side reads and actions on attempts: results tables, the attempt detail, essay
grading, force-submit, failed sessions and student history. Every query is scoped to the
caller's org."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from procta.attempts import service
from procta.attempts.models import FINISHED, Answer, Attempt
from procta.attempts.results_schemas import (
    AttemptDetailOut,
    AttemptQuestionOut,
    FailedRow,
    HistoryAttempt,
    HistoryRow,
    ResultRow,
    ResultsSummary,
)
from procta.audit.service import record
from procta.courses.models import Course
from procta.db import org_get, utcnow
from procta.errors import BadRequest, Conflict, NotFound
from procta.exams.models import Exam
from procta.pagination import Page, PageParams
from procta.proctoring.scoring import tier_of
from procta.students.models import Student

SortKey = Literal[
    "name", "roll_number", "score", "submitted_at", "started_at", "status", "risk", "violations"
]

_percent = case((Attempt.max_score > 0, Attempt.score * 100.0 / Attempt.max_score), else_=None)


def _row(attempt: Attempt, student: Student, now: datetime) -> ResultRow:
    # Time used stops at the deadline: a failed attempt force-submitted days later did not
    # take days.
    end = min(attempt.submitted_at or now, attempt.deadline_at)
    percent = (
        round(attempt.score * 100 / attempt.max_score, 1)
        if attempt.score is not None and attempt.max_score
        else None
    )
    return ResultRow(
        attempt_id=attempt.id,
        student_id=student.id,
        roll_number=student.roll_number,
        name=student.name,
        status=attempt.status,
        score=attempt.score,
        max_score=attempt.max_score,
        score_percent=percent,
        needs_grading=attempt.needs_grading,
        violations=attempt.violations,
        risk_score=attempt.risk,
        risk_tier=tier_of(attempt.risk),
        calibration=attempt.cal_status or None,
        verdict=attempt.verdict,
        review_status=attempt.review_status,
        time_seconds=max(0, int((end - attempt.started_at).total_seconds())),
        started_at=attempt.started_at,
        deadline_at=attempt.deadline_at,
        submitted_at=attempt.submitted_at,
        last_heartbeat_at=attempt.last_heartbeat_at,
    )


async def _page(
    session: AsyncSession, stmt: Select[*tuple[Any, ...]], params: PageParams
) -> tuple[list[Any], int]:
    total = (await session.execute(select(func.count()).select_from(stmt.subquery()))).scalar_one()
    rows = (await session.execute(stmt.limit(params.page_size).offset(params.offset))).all()
    return list(rows), int(total)


async def exam_results(
    session: AsyncSession,
    org_id: str,
    exam_id: str,
    params: PageParams,
    *,
    status: str | None,
    q: str | None,
    sort: SortKey,
    descending: bool,
) -> Page[ResultRow]:
    await org_get(session, Exam, org_id, exam_id)
    stmt = (
        select(Attempt, Student)
        .join(Student, Student.id == Attempt.student_id)
        .where(Attempt.org_id == org_id, Attempt.exam_id == exam_id)
    )
    if status:
        stmt = stmt.where(Attempt.status == status)
    if q:
        like = f"%{q.lower()}%"
        stmt = stmt.where(
            or_(func.lower(Student.name).like(like), func.lower(Student.roll_number).like(like))
        )
    column = {
        "name": Student.name,
        "roll_number": Student.roll_number,
        "score": _percent,
        "submitted_at": Attempt.submitted_at,
        "started_at": Attempt.started_at,
        "status": Attempt.status,
        "risk": Attempt.risk,
        "violations": Attempt.violations,
    }[sort]
    order = column.desc().nulls_last() if descending else column.asc().nulls_last()
    stmt = stmt.order_by(order, Student.roll_number)
    rows, total = await _page(session, stmt, params)
    now = utcnow()
    return Page(
        items=[_row(a, s, now) for a, s in rows],
        total=total,
        page=params.page,
        page_size=params.page_size,
    )


async def results_summaries(
    session: AsyncSession, org_id: str, exam_id: str | None = None
) -> list[ResultsSummary]:
    """Counts and the average score per exam: of one exam (zeros when nobody has started
    it), or of every exam of the org that has attempts."""
    if exam_id is not None:
        await org_get(session, Exam, org_id, exam_id)
    finished = Attempt.status.in_(FINISHED)

    def count(condition: Any) -> Any:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    stmt = (
        select(
            Attempt.exam_id,
            func.count(),
            count(finished),
            count(Attempt.status.in_(("in_progress", "paused"))),
            count(Attempt.status == "failed"),
            count(and_(finished, Attempt.needs_grading)),
            func.avg(case((finished, _percent), else_=None)),
        )
        .where(Attempt.org_id == org_id)
        .group_by(Attempt.exam_id)
    )
    if exam_id is not None:
        stmt = stmt.where(Attempt.exam_id == exam_id)
    found = [
        ResultsSummary(
            exam_id=eid,
            attempts=total,
            submitted=done,
            in_progress=writing,
            failed=failed,
            needs_grading=pending,
            average_score_percent=round(float(avg), 1) if avg is not None else None,
        )
        for eid, total, done, writing, failed, pending, avg in await session.execute(stmt)
    ]
    if exam_id is not None and not found:
        found = [
            ResultsSummary(
                exam_id=exam_id,
                attempts=0,
                submitted=0,
                in_progress=0,
                failed=0,
                needs_grading=0,
                average_score_percent=None,
            )
        ]
    return found


async def _attempt_and_student(
    session: AsyncSession, org_id: str, attempt_id: str
) -> tuple[Attempt, Student]:
    attempt = await org_get(session, Attempt, org_id, attempt_id)
    student = await org_get(session, Student, org_id, attempt.student_id)
    return attempt, student


async def attempt_detail(session: AsyncSession, org_id: str, attempt_id: str) -> AttemptDetailOut:
    attempt, student = await _attempt_and_student(session, org_id, attempt_id)
    exam = await org_get(session, Exam, org_id, attempt.exam_id)
    answers = await service.answers_of(session, attempt)
    questions = []
    for q in await service.questions_of(session, attempt):
        public, key = q.snapshot["public"], q.snapshot["key"]
        answer = answers.get(q.question_id)
        questions.append(
            AttemptQuestionOut(
                question_id=q.question_id,
                position=q.position,
                type=public["type"],
                stem=public["stem"],
                options=public["options"],
                points=public["points"],
                correct_answer=key["answer"],
                response=answer.response if answer else None,
                flagged=answer.flagged if answer else False,
                awarded=answer.points if answer else None,
                graded_by_teacher=bool(answer and answer.graded_by_id),
                feedback=answer.feedback if answer else "",
            )
        )
    return AttemptDetailOut(
        **_row(attempt, student, utcnow()).model_dump(),
        exam_id=exam.id,
        exam_title=exam.title,
        failure_reason=attempt.failure_reason,
        questions=questions,
    )


async def grade_answer(
    session: AsyncSession,
    org_id: str,
    attempt_id: str,
    question_id: str,
    *,
    points: float,
    feedback: str,
    grader_id: str | None,
    actor: str,
) -> None:
    """A teacher's mark (essays, or overriding the automatic one); the score follows."""
    attempt, _ = await _attempt_and_student(session, org_id, attempt_id)
    if attempt.status not in FINISHED:
        raise Conflict("Grade an attempt once it is submitted.", code="attempt_not_submitted")
    questions = {q.question_id: q for q in await service.questions_of(session, attempt)}
    if question_id not in questions:
        raise NotFound("This question is not part of the attempt.")
    maximum = float(questions[question_id].snapshot["public"]["points"])
    if points > maximum:
        raise BadRequest(f"At most {maximum:g} points for this question.", code="too_many_points")
    answer = (await service.answers_of(session, attempt)).get(question_id)
    if answer is None:
        answer = Answer(
            org_id=org_id,
            attempt_id=attempt.id,
            question_id=question_id,
            response=None,
            saved_at=utcnow(),
        )
        session.add(answer)
    answer.points, answer.feedback, answer.graded_by_id = points, feedback, grader_id
    await session.flush()
    await service.grade(session, attempt)
    record(
        session,
        "attempt.graded",
        org_id=org_id,
        actor_email=actor,
        attempt_id=attempt.id,
        question_id=question_id,
        points=points,
    )


async def force_submit(session: AsyncSession, org_id: str, attempt_id: str, actor: str) -> Attempt:
    attempt, _ = await _attempt_and_student(session, org_id, attempt_id)
    if attempt.status in FINISHED:
        raise Conflict("This attempt is already submitted.", code="already_submitted")
    await service.submit(session, attempt, utcnow(), status="submitted")
    record(
        session, "attempt.force_submitted", org_id=org_id, actor_email=actor, attempt_id=attempt.id
    )
    return attempt


async def failed_sessions(
    session: AsyncSession, org_id: str, params: PageParams
) -> Page[FailedRow]:
    stmt = (
        select(Attempt, Student, Exam)
        .join(Student, Student.id == Attempt.student_id)
        .join(Exam, Exam.id == Attempt.exam_id)
        .where(Attempt.org_id == org_id, Attempt.status == "failed")
        .order_by(Attempt.started_at.desc())
    )
    rows, total = await _page(session, stmt, params)
    return Page(
        items=[
            FailedRow(
                attempt_id=a.id,
                exam_id=e.id,
                exam_title=e.title,
                roll_number=s.roll_number,
                name=s.name,
                status=a.status,
                failure_reason=a.failure_reason,
                started_at=a.started_at,
                deadline_at=a.deadline_at,
                last_heartbeat_at=a.last_heartbeat_at,
            )
            for a, s, e in rows
        ],
        total=total,
        page=params.page,
        page_size=params.page_size,
    )


async def student_history(
    session: AsyncSession, org_id: str, params: PageParams, q: str | None
) -> Page[HistoryRow]:
    finished = Attempt.status.in_(FINISHED)
    stats = (
        select(
            Attempt.student_id,
            func.count().label("exams"),
            func.avg(_percent).label("avg"),
            func.max(Attempt.submitted_at).label("last_at"),
        )
        .where(Attempt.org_id == org_id, finished)
        .group_by(Attempt.student_id)
        .subquery()
    )
    stmt = (
        select(Student, stats.c.exams, stats.c.avg, stats.c.last_at)
        .outerjoin(stats, stats.c.student_id == Student.id)
        .where(Student.org_id == org_id)
    )
    if q:
        like = f"%{q.lower()}%"
        stmt = stmt.where(
            or_(func.lower(Student.name).like(like), func.lower(Student.roll_number).like(like))
        )
    stmt = stmt.order_by(stats.c.last_at.desc().nulls_last(), Student.roll_number)
    rows, total = await _page(session, stmt, params)
    last = await _last_exams(session, org_id, [s.id for s, *_ in rows])
    return Page(
        items=[
            HistoryRow(
                student_id=s.id,
                roll_number=s.roll_number,
                name=s.name,
                exams=exams or 0,
                avg_score_percent=round(float(avg), 1) if avg is not None else None,
                last_exam_title=last.get(s.id, (None, None))[0],
                last_risk=last.get(s.id, (None, None))[1],
                last_risk_tier=tier_of(last.get(s.id, (None, None))[1]),
                last_exam_at=last_at,
            )
            for s, exams, avg, last_at in rows
        ],
        total=total,
        page=params.page,
        page_size=params.page_size,
    )


async def _last_exams(
    session: AsyncSession, org_id: str, student_ids: list[str]
) -> dict[str, tuple[str | None, float | None]]:
    """Each student's last finished exam: its title and the attempt's risk score."""
    if not student_ids:
        return {}
    stmt = (
        select(Attempt.student_id, Exam.title, Attempt.risk)
        .join(Exam, Exam.id == Attempt.exam_id)
        .where(
            Attempt.org_id == org_id,
            Attempt.student_id.in_(student_ids),
            Attempt.status.in_(FINISHED),
        )
        .order_by(Attempt.submitted_at)
    )
    return {sid: (title, risk) for sid, title, risk in await session.execute(stmt)}


async def attempts_of_student(
    session: AsyncSession, org_id: str, student_id: str
) -> list[HistoryAttempt]:
    await org_get(session, Student, org_id, student_id)
    stmt = (
        select(Attempt, Exam, Course.name)
        .join(Exam, Exam.id == Attempt.exam_id)
        .outerjoin(Course, Course.id == Exam.course_id)
        .where(Attempt.org_id == org_id, Attempt.student_id == student_id)
        .order_by(Attempt.started_at.desc())
    )
    out = []
    for a, e, course in await session.execute(stmt):
        percent = (
            round(a.score * 100 / a.max_score, 1) if a.score is not None and a.max_score else None
        )
        out.append(
            HistoryAttempt(
                attempt_id=a.id,
                exam_id=e.id,
                exam_title=e.title,
                course_name=course,
                status=a.status,
                score_percent=percent,
                needs_grading=a.needs_grading,
                violations=a.violations,
                risk_score=a.risk,
                risk_tier=tier_of(a.risk),
                started_at=a.started_at,
                submitted_at=a.submitted_at,
            )
        )
    return out
