"""Courses: a teacher's classes, each holding exams."""

from __future__ import annotations

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession

from procta.audit.service import record
from procta.auth.models import User
from procta.courses.models import Course
from procta.db import org_get, org_select
from procta.errors import NotFound
from procta.orgs import service as orgs


async def _check_teacher(session: AsyncSession, org_id: str, teacher_id: str) -> None:
    if await orgs.membership(session, org_id, teacher_id) is None:
        raise NotFound("That teacher is not a member of this organization.")


async def list_courses(
    session: AsyncSession,
    org_id: str,
    *,
    teacher_id: str | None,
    include_archived: bool,
) -> list[tuple[Course, str | None]]:
    """Courses with their teacher's name; ``teacher_id`` None means every course."""
    stmt = (
        org_select(Course, org_id)
        .outerjoin(User, User.id == Course.teacher_id)
        .add_columns(User.name)
        .order_by(func.lower(Course.name), Course.id)
    )
    if teacher_id is not None:
        stmt = stmt.where(Course.teacher_id == teacher_id)
    if not include_archived:
        stmt = stmt.where(Course.archived.is_(False))
    return [(row[0], row[1]) for row in await session.execute(stmt)]


async def get_course(session: AsyncSession, org_id: str, course_id: str) -> Course:
    return await org_get(session, Course, org_id, course_id)


async def teacher_name(session: AsyncSession, course: Course) -> str | None:
    if course.teacher_id is None:
        return None
    user = await session.get(User, course.teacher_id)
    return user.name if user else None


async def create_course(
    session: AsyncSession,
    org_id: str,
    *,
    name: str,
    code: str,
    teacher_id: str | None,
    actor: str,
) -> Course:
    if teacher_id is not None:
        await _check_teacher(session, org_id, teacher_id)
    course = Course(org_id=org_id, name=name, code=code, teacher_id=teacher_id)
    session.add(course)
    await session.flush()
    record(
        session, "course.created", org_id=org_id, actor_email=actor, course_id=course.id, name=name
    )
    await session.flush()
    return course


async def update_course(
    session: AsyncSession,
    org_id: str,
    course_id: str,
    *,
    changes: dict[str, object],
    actor: str,
) -> Course:
    """Apply the fields the caller sent (``model_dump(exclude_unset=True)``)."""
    course = await get_course(session, org_id, course_id)
    teacher_id = changes.get("teacher_id")
    if isinstance(teacher_id, str):
        await _check_teacher(session, org_id, teacher_id)
    for field in ("name", "code", "teacher_id", "archived"):
        if field in changes and (field == "teacher_id" or changes[field] is not None):
            setattr(course, field, changes[field])
    record(
        session,
        "course.updated",
        org_id=org_id,
        actor_email=actor,
        course_id=course.id,
        fields=sorted(changes),
    )
    await session.flush()
    return course


async def delete_course(session: AsyncSession, org_id: str, course_id: str, *, actor: str) -> None:
    """Exams of the course stay, without a course."""
    course = await get_course(session, org_id, course_id)
    await session.delete(course)
    record(
        session,
        "course.deleted",
        org_id=org_id,
        actor_email=actor,
        course_id=course.id,
        name=course.name,
    )
    await session.flush()
