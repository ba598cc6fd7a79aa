"""The exam API's answers, assembled with as few queries as a page needs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from procta.attempts.models import Attempt
from procta.courses.models import Course
from procta.db import org_select
from procta.exams.flags import effective_flags
from procta.exams.items import bank_tags, exam_items, pool_matches, question_count, question_counts
from procta.exams.models import Exam, ExamGroup, ExamItem
from procta.exams.schemas import (
    CourseRef,
    EffectiveFlagOut,
    ExamItemOut,
    ExamOut,
    ExamSummaryOut,
    FlagSetting,
    GroupRef,
    QuestionSummaryOut,
)
from procta.exams.service import attempt_count
from procta.proctoring.models import Snapshot
from procta.questions.models import Question
from procta.students.models import StudentGroup


async def _course_names(session: AsyncSession, org_id: str, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    stmt = org_select(Course, org_id).where(Course.id.in_(ids))
    return {c.id: c.name for c in (await session.execute(stmt)).scalars()}


def _summary(exam: Exam, courses: dict[str, str], count: int) -> dict[str, Any]:
    course = (
        CourseRef(id=exam.course_id, name=courses[exam.course_id])
        if exam.course_id in courses and exam.course_id
        else None
    )
    return {
        "id": exam.id,
        "title": exam.title,
        "course": course,
        "status": exam.status,
        "mode": exam.mode,
        "duration_minutes": exam.duration_minutes,
        "window_start": exam.window_start,
        "window_end": exam.window_end,
        "question_count": count,
        "has_access_code": bool(exam.access_code.strip()),
        "created_at": exam.created_at,
    }


async def exam_summaries(
    session: AsyncSession, org_id: str, exams: list[Exam]
) -> list[ExamSummaryOut]:
    courses = await _course_names(session, org_id, {e.course_id for e in exams if e.course_id})
    counts = await question_counts(session, org_id, [e.id for e in exams])
    return [ExamSummaryOut(**_summary(e, courses, counts.get(e.id, 0))) for e in exams]


async def items_out(session: AsyncSession, org_id: str, items: list[ExamItem]) -> list[ExamItemOut]:
    ids = [i.question_id for i in items if i.question_id]
    questions: dict[str, Question] = {}
    if ids:
        stmt = org_select(Question, org_id).where(Question.id.in_(ids))
        questions = {q.id: q for q in (await session.execute(stmt)).scalars()}
    bank = await bank_tags(session, org_id) if len(ids) < len(items) else {}
    out: list[ExamItemOut] = []
    for item in items:
        question = questions.get(item.question_id or "")
        out.append(
            ExamItemOut(
                position=item.position,
                kind="question" if item.question_id else "pool",
                question=QuestionSummaryOut(
                    id=question.id,
                    type=question.type,
                    stem=question.stem,
                    points=question.points,
                    tags=list(question.tags),
                    deleted=question.deleted_at is not None,
                )
                if question
                else None,
                pool_tags=list(item.pool_tags),
                pool_count=item.pool_count,
                matching_count=None
                if item.question_id
                else pool_matches(bank, item.pool_tags, set(ids)),
            )
        )
    return out


async def _groups(session: AsyncSession, org_id: str, exam_id: str) -> list[GroupRef]:
    stmt = (
        org_select(StudentGroup, org_id)
        .join(ExamGroup, ExamGroup.group_id == StudentGroup.id)
        .where(ExamGroup.exam_id == exam_id)
        .order_by(StudentGroup.name)
    )
    return [GroupRef(id=g.id, name=g.name) for g in (await session.execute(stmt)).scalars()]


RECENT_ANALYSES = 50


async def analysis_warnings(session: AsyncSession, org_id: str, exam_id: str) -> list[str]:
    """The distinct warnings of the exam's latest analysed snapshots (a model that could not
    load switched its analysis off)."""
    stmt = (
        select(Snapshot.analysis)
        .join(Attempt, Attempt.id == Snapshot.attempt_id)
        .where(Snapshot.org_id == org_id, Attempt.exam_id == exam_id)
        .order_by(Snapshot.taken_at.desc())
        .limit(RECENT_ANALYSES)
    )
    found = (await session.execute(stmt)).scalars()
    return list(dict.fromkeys(w for analysis in found for w in analysis.get("warnings", [])))


async def exam_out(session: AsyncSession, org_id: str, exam: Exam) -> ExamOut:
    items = await exam_items(session, org_id, exam.id)
    courses = await _course_names(session, org_id, {exam.course_id} if exam.course_id else set())
    flags = effective_flags(exam.flag_settings)
    return ExamOut(
        **_summary(exam, courses, question_count(items)),
        instructions=exam.instructions,
        access_code=exam.access_code,
        rules_allowed=list(exam.rules_allowed),
        rules_prohibited=list(exam.rules_prohibited),
        flag_settings={k: FlagSetting(**v) for k, v in exam.flag_settings.items()},
        flags=[
            EffectiveFlagOut(
                type=name,
                label=f.type.label,
                severity=f.type.severity,
                default_weight=f.type.weight,
                enabled=f.enabled,
                weight=f.weight,
            )
            for name, f in flags.items()
        ],
        room_camera_required=exam.room_camera_required,
        screen_recording_required=exam.screen_recording_required,
        record_video=exam.record_video,
        results_released=exam.results_released,
        snapshot_interval_s=exam.snapshot_interval_s,
        screen_interval_s=exam.screen_interval_s,
        shuffle_questions=exam.shuffle_questions,
        shuffle_options=exam.shuffle_options,
        groups=await _groups(session, org_id, exam.id),
        items=await items_out(session, org_id, items),
        attempt_count=await attempt_count(session, org_id, exam.id),
        analysis_warnings=await analysis_warnings(session, org_id, exam.id),
    )
