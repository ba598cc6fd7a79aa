"""Per-student accommodations on one exam: extra time, and flag types switched off."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from procta.db import org_get, org_select
from procta.errors import NotFound
from procta.exams.models import Accommodation
from procta.exams.schemas import AccommodationIn
from procta.exams.service import Actor, audit, get_exam
from procta.students.models import Student


async def list_accommodations(
    session: AsyncSession, org_id: str, exam_id: str
) -> list[tuple[Accommodation, Student]]:
    exam = await get_exam(session, org_id, exam_id)
    stmt = (
        org_select(Accommodation, org_id)
        .join(Student, Student.id == Accommodation.student_id)
        .add_columns(Student)
        .where(Accommodation.exam_id == exam.id)
        .order_by(Student.roll_number)
    )
    return [(row[0], row[1]) for row in await session.execute(stmt)]


async def _find(
    session: AsyncSession, org_id: str, exam_id: str, student_id: str
) -> Accommodation | None:
    stmt = org_select(Accommodation, org_id).where(
        Accommodation.exam_id == exam_id, Accommodation.student_id == student_id
    )
    return (await session.execute(stmt)).scalar()


async def set_accommodation(
    session: AsyncSession,
    org_id: str,
    exam_id: str,
    student_id: str,
    body: AccommodationIn,
    actor: Actor,
) -> tuple[Accommodation, Student]:
    exam = await get_exam(session, org_id, exam_id)
    student = await org_get(session, Student, org_id, student_id)
    found = await _find(session, org_id, exam.id, student.id)
    if found is None:
        found = Accommodation(org_id=org_id, exam_id=exam.id, student_id=student.id)
        session.add(found)
    found.extra_minutes = body.extra_minutes
    found.disabled_flags = list(body.disabled_flags)
    audit(
        session,
        "exam.accommodation_set",
        exam,
        actor,
        student_id=student.id,
        extra_minutes=body.extra_minutes,
        disabled_flags=list(body.disabled_flags),
    )
    await session.flush()
    return found, student


async def remove_accommodation(
    session: AsyncSession, org_id: str, exam_id: str, student_id: str, actor: Actor
) -> None:
    exam = await get_exam(session, org_id, exam_id)
    found = await _find(session, org_id, exam.id, student_id)
    if found is None:
        raise NotFound("accommodation not found")
    await session.delete(found)
    audit(session, "exam.accommodation_removed", exam, actor, student_id=student_id)
    await session.flush()
