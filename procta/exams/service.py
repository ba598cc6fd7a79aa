"""Exams: settings, schedule, access code, groups, publishing; and the admission rules the
student side applies before an attempt starts."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from procta.attempts.models import Attempt
from procta.audit.service import record
from procta.courses.models import Course
from procta.db import org_get, org_select
from procta.errors import BadRequest, Conflict, Forbidden, NotFound
from procta.exams.models import Accommodation, Exam, ExamGroup, ExamItem
from procta.exams.schemas import ExamIn, ExamPatchIn
from procta.pagination import PageParams
from procta.students.models import GroupMember, StudentGroup

# Exam columns the API sets as given (title, status, windows and groups have their rules).
SETTINGS = (
    "instructions",
    "course_id",
    "duration_minutes",
    "access_code",
    "mode",
    "rules_allowed",
    "rules_prohibited",
    "flag_settings",
    "room_camera_required",
    "screen_recording_required",
    "record_video",
    "snapshot_interval_s",
    "screen_interval_s",
    "shuffle_questions",
    "shuffle_options",
)
# No 0/O, 1/I/L: a student copies the code from a board or a sheet of paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


@dataclass(frozen=True)
class Actor:
    """Who makes a change, for ``created_by`` and the audit log."""

    user_id: str | None
    email: str


def audit(session: AsyncSession, action: str, exam: Exam, actor: Actor, **details: Any) -> None:
    record(
        session,
        action,
        org_id=exam.org_id,
        user_id=actor.user_id,
        actor_email=actor.email,
        exam_id=exam.id,
        title=exam.title,
        **details,
    )


async def get_exam(session: AsyncSession, org_id: str, exam_id: str) -> Exam:
    return await org_get(session, Exam, org_id, exam_id)


async def attempt_count(session: AsyncSession, org_id: str, exam_id: str) -> int:
    stmt = org_select(Attempt, org_id).where(Attempt.exam_id == exam_id)
    return int(
        (await session.execute(select(func.count()).select_from(stmt.subquery()))).scalar_one()
    )


async def item_count(session: AsyncSession, org_id: str, exam_id: str) -> int:
    stmt = org_select(ExamItem, org_id).where(ExamItem.exam_id == exam_id)
    return int(
        (await session.execute(select(func.count()).select_from(stmt.subquery()))).scalar_one()
    )


# --- listing --------------------------------------------------------------------------


async def list_exams(
    session: AsyncSession,
    org_id: str,
    page: PageParams,
    *,
    status: str | None = None,
    course_id: str | None = None,
    q: str | None = None,
) -> tuple[list[Exam], int]:
    """One page of the org's exams, newest first, and how many match in all."""
    stmt = org_select(Exam, org_id)
    if status:
        stmt = stmt.where(Exam.status == status)
    if course_id:
        stmt = stmt.where(Exam.course_id == course_id)
    if q and q.strip():
        pattern = q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(Exam.title.ilike(f"%{pattern}%", escape="\\"))
    total = (await session.execute(select(func.count()).select_from(stmt.subquery()))).scalar_one()
    rows = await session.execute(
        stmt.order_by(Exam.created_at.desc(), Exam.id).offset(page.offset).limit(page.page_size)
    )
    return list(rows.scalars()), int(total)


# --- courses and groups ---------------------------------------------------------------


async def check_course(session: AsyncSession, org_id: str, course_id: str | None) -> None:
    if course_id is not None:
        await org_get(session, Course, org_id, course_id)


async def set_groups(session: AsyncSession, org_id: str, exam: Exam, group_ids: list[str]) -> None:
    """Restrict the exam to these groups (none: every student of the org may take it)."""
    wanted = list(dict.fromkeys(group_ids))
    if wanted:
        stmt = org_select(StudentGroup, org_id).where(StudentGroup.id.in_(wanted))
        found = set((await session.execute(stmt)).scalars())
        if len(found) != len(wanted):
            raise NotFound("group not found")
    await session.execute(
        delete(ExamGroup).where(ExamGroup.org_id == org_id, ExamGroup.exam_id == exam.id)
    )
    session.add_all(ExamGroup(org_id=org_id, exam_id=exam.id, group_id=g) for g in wanted)
    await session.flush()


async def group_ids_of(session: AsyncSession, org_id: str, exam_id: str) -> list[str]:
    stmt = org_select(ExamGroup, org_id).where(ExamGroup.exam_id == exam_id)
    return [g.group_id for g in (await session.execute(stmt)).scalars()]


# --- create, change, delete -----------------------------------------------------------


async def _check_publishable(session: AsyncSession, exam: Exam) -> None:
    if await item_count(session, exam.org_id, exam.id) == 0:
        raise BadRequest("Add at least one question before publishing the exam.", code="exam_empty")


async def create_exam(session: AsyncSession, org_id: str, body: ExamIn, actor: Actor) -> Exam:
    """A new exam has no questions yet, so it starts as a draft; publish it once it has."""
    if body.status == "published":
        raise BadRequest("Add at least one question before publishing the exam.", code="exam_empty")
    await check_course(session, org_id, body.course_id)
    data = body.model_dump()
    exam = Exam(
        org_id=org_id,
        title=body.title,
        status="draft",
        window_start=body.window_start,
        window_end=body.window_end,
        created_by_id=actor.user_id,
        **{name: data[name] for name in SETTINGS},
    )
    session.add(exam)
    await session.flush()
    await set_groups(session, org_id, exam, body.group_ids)
    audit(session, "exam.created", exam, actor)
    await session.flush()
    return exam


async def update_exam(
    session: AsyncSession, org_id: str, exam_id: str, body: ExamPatchIn, actor: Actor
) -> Exam:
    exam = await get_exam(session, org_id, exam_id)
    changes = body.model_dump(exclude_unset=True)
    if body.flag_settings is not None:  # whole entries, defaults included
        changes["flag_settings"] = {k: v.model_dump() for k, v in body.flag_settings.items()}
    if "course_id" in changes:
        await check_course(session, org_id, body.course_id)
    start = changes.get("window_start", exam.window_start)
    end = changes.get("window_end", exam.window_end)
    if start is not None and end is not None and end <= start:
        raise BadRequest("The exam must close after it opens.", code="invalid_window")
    if "group_ids" in changes:
        await set_groups(session, org_id, exam, changes.pop("group_ids"))
    publishing = changes.get("status") == "published" and exam.status != "published"
    if changes.get("status") == "published":
        await _check_publishable(session, exam)
    for name, value in changes.items():
        setattr(exam, name, value)
    audit(session, "exam.updated", exam, actor, fields=sorted(body.model_fields_set))
    if publishing:
        audit(session, "exam.published", exam, actor)
    await session.flush()
    return exam


async def delete_exam(session: AsyncSession, org_id: str, exam_id: str, actor: Actor) -> None:
    exam = await get_exam(session, org_id, exam_id)
    if await attempt_count(session, org_id, exam.id):
        raise Conflict(
            "Students have already taken this exam, so it cannot be deleted. Archive it instead.",
            code="exam_has_attempts",
        )
    audit(session, "exam.deleted", exam, actor)
    await session.delete(exam)
    await session.flush()


async def regenerate_access_code(
    session: AsyncSession, org_id: str, exam_id: str, actor: Actor
) -> Exam:
    exam = await get_exam(session, org_id, exam_id)
    exam.access_code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    audit(session, "exam.updated", exam, actor, fields=["access_code"])
    await session.flush()
    return exam


# --- admission (called by the student side before an attempt starts) -------------------


def check_access_code(exam: Exam, access_code: str | None) -> None:
    """Refuse a wrong or missing code (case-insensitive, constant-time); an exam without a
    code takes anyone. Also used on a resume, which skips the other admission rules."""
    expected = exam.access_code.strip().casefold()
    if not expected:
        return
    given = (access_code or "").strip().casefold()
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise Forbidden(
            "The access code is wrong. Check it with your teacher.", code="invalid_access_code"
        )


async def admission_check(
    session: AsyncSession,
    exam: Exam,
    student_id: str,
    access_code: str | None,
    now: datetime,
    *,
    invited: bool = False,
) -> None:
    """Refuse, in words the student can act on, a start the exam's rules do not allow.

    A personal invite (``invited``) stands in for the access code and the group rule."""
    if exam.status != "published":
        raise Forbidden("This exam is not open for students.", code="exam_not_open")
    if exam.window_start is not None and now < exam.window_start:
        opens = exam.window_start.isoformat()
        raise Forbidden(
            f"This exam opens at {opens}.",
            code="exam_not_started",
            details={"window_start": opens},
        )
    if exam.window_end is not None and now >= exam.window_end:
        raise Forbidden("This exam has closed.", code="exam_closed")
    if invited:
        return
    check_access_code(exam, access_code)
    group_ids = await group_ids_of(session, exam.org_id, exam.id)
    if group_ids:
        stmt = org_select(GroupMember, exam.org_id).where(
            GroupMember.student_id == student_id, GroupMember.group_id.in_(group_ids)
        )
        if (await session.execute(stmt.limit(1))).first() is None:
            raise Forbidden(
                "This exam is only for students of certain groups, and you are not in them.",
                code="not_in_group",
            )


async def _accommodation(
    session: AsyncSession, exam: Exam, student_id: str
) -> Accommodation | None:
    stmt = org_select(Accommodation, exam.org_id).where(
        Accommodation.exam_id == exam.id, Accommodation.student_id == student_id
    )
    return (await session.execute(stmt)).scalar()


async def effective_duration_minutes(session: AsyncSession, exam: Exam, student_id: str) -> int:
    """The exam's duration plus the student's extra time."""
    found = await _accommodation(session, exam, student_id)
    return exam.duration_minutes + (found.extra_minutes if found else 0)


async def disabled_flags(session: AsyncSession, exam: Exam, student_id: str) -> list[str]:
    """Flag types switched off for this student by an accommodation."""
    found = await _accommodation(session, exam, student_id)
    return list(found.disabled_flags) if found else []
