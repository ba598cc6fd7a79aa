"""``/api/v1/courses``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from procta.auth.deps import DB, OrgMember
from procta.courses import service
from procta.courses.models import Course
from procta.courses.schemas import ID_PATTERN, CourseIn, CourseOut, CourseUpdateIn

router = APIRouter(prefix="/courses", tags=["courses"])
CourseId = Annotated[str, Path(pattern=ID_PATTERN)]


def course_out(course: Course, teacher_name: str | None) -> CourseOut:
    return CourseOut(
        id=course.id,
        name=course.name,
        code=course.code,
        teacher_id=course.teacher_id,
        teacher_name=teacher_name,
        archived=course.archived,
        created_at=course.created_at,
    )


@router.get("")
async def list_courses(
    principal: OrgMember,
    db: DB,
    every: Annotated[
        bool, Query(alias="all", description="Every course of the org, not only yours")
    ] = False,
    include_archived: bool = False,
) -> list[CourseOut]:
    """The caller's courses; an API key (no person) sees every course."""
    teacher_id = None if every or principal.user is None else principal.user.id
    rows = await service.list_courses(
        db, principal.org_id, teacher_id=teacher_id, include_archived=include_archived
    )
    return [course_out(course, name) for course, name in rows]


@router.post("", status_code=201)
async def create_course(body: CourseIn, principal: OrgMember, db: DB) -> CourseOut:
    teacher_id = body.teacher_id or (principal.user.id if principal.user else None)
    course = await service.create_course(
        db,
        principal.org_id,
        name=body.name,
        code=body.code,
        teacher_id=teacher_id,
        actor=principal.actor_email,
    )
    return course_out(course, await service.teacher_name(db, course))


@router.get("/{course_id}")
async def get_course(course_id: CourseId, principal: OrgMember, db: DB) -> CourseOut:
    course = await service.get_course(db, principal.org_id, course_id)
    return course_out(course, await service.teacher_name(db, course))


@router.patch("/{course_id}")
async def update_course(
    course_id: CourseId, body: CourseUpdateIn, principal: OrgMember, db: DB
) -> CourseOut:
    course = await service.update_course(
        db,
        principal.org_id,
        course_id,
        changes=body.model_dump(exclude_unset=True),
        actor=principal.actor_email,
    )
    return course_out(course, await service.teacher_name(db, course))


@router.delete("/{course_id}", status_code=204)
async def delete_course(course_id: CourseId, principal: OrgMember, db: DB) -> None:
    await service.delete_course(db, principal.org_id, course_id, actor=principal.actor_email)
