"""Students of an org: the roster the teacher searches, edits and assigns to groups."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from procta.attempts.models import Attempt
from procta.audit.service import record
from procta.db import org_get, org_select
from procta.errors import Conflict
from procta.pagination import PageParams
from procta.students import groups
from procta.students.models import GroupMember, Student, StudentGroup


@dataclass
class StudentFilter:
    q: str = ""
    group_id: str | None = None
    # Only students who registered through this teacher's link.
    teacher_id: str | None = None


def _search(q: str) -> ColumnElement[bool]:
    needle = q.strip().lower()
    return or_(
        func.lower(Student.name).contains(needle, autoescape=True),
        func.lower(Student.roll_number).contains(needle, autoescape=True),
        func.lower(Student.email).contains(needle, autoescape=True),
    )


async def filtered(session: AsyncSession, org_id: str, where: StudentFilter) -> Select[Student]:
    stmt = org_select(Student, org_id)
    if where.q.strip():
        stmt = stmt.where(_search(where.q))
    if where.group_id is not None:
        await groups.get_group(session, org_id, where.group_id)
        members = org_select(GroupMember, org_id).where(GroupMember.group_id == where.group_id)
        stmt = stmt.where(Student.id.in_(members.with_only_columns(GroupMember.student_id)))
    if where.teacher_id is not None:
        stmt = stmt.where(Student.teacher_id == where.teacher_id)
    return stmt


def _order(sort: str) -> list[ColumnElement[Any]]:
    column = {
        "roll_number": Student.roll_number,
        "name": func.lower(Student.name),
        "created_at": Student.created_at,
    }[sort.lstrip("-")]
    first = column.desc() if sort.startswith("-") else column.asc()
    return [first, Student.id.asc()]


async def list_students(
    session: AsyncSession, org_id: str, where: StudentFilter, *, sort: str, page: PageParams
) -> tuple[list[Student], int]:
    stmt = await filtered(session, org_id, where)
    total = (await session.execute(select(func.count()).select_from(stmt.subquery()))).scalar_one()
    rows = await session.execute(
        stmt.order_by(*_order(sort)).offset(page.offset).limit(page.page_size)
    )
    return list(rows.scalars()), int(total)


async def all_students(session: AsyncSession, org_id: str, where: StudentFilter) -> list[Student]:
    stmt = await filtered(session, org_id, where)
    return list((await session.execute(stmt.order_by(*_order("roll_number")))).scalars())


async def groups_of(
    session: AsyncSession, org_id: str, student_ids: Iterable[str]
) -> dict[str, list[StudentGroup]]:
    """Each student's groups, by name, in one query."""
    ids = list(student_ids)
    found: defaultdict[str, list[StudentGroup]] = defaultdict(list)
    if not ids:
        return found
    stmt = (
        org_select(StudentGroup, org_id)
        .join(GroupMember, GroupMember.group_id == StudentGroup.id)
        .where(GroupMember.student_id.in_(ids))
        .add_columns(GroupMember.student_id)
        .order_by(func.lower(StudentGroup.name), StudentGroup.name)
    )
    for group, student_id in await session.execute(stmt):
        found[student_id].append(group)
    return found


async def get_student(session: AsyncSession, org_id: str, student_id: str) -> Student:
    return await org_get(session, Student, org_id, student_id)


async def by_roll_number(session: AsyncSession, org_id: str, roll_number: str) -> Student | None:
    stmt = org_select(Student, org_id).where(Student.roll_number == roll_number)
    return (await session.execute(stmt)).scalar()


def roll_taken(roll_number: str) -> Conflict:
    return Conflict(
        f"Roll number {roll_number} is already used by another student.", code="roll_taken"
    )


async def create_student(
    session: AsyncSession,
    org_id: str,
    *,
    roll_number: str,
    name: str,
    email: str | None,
    group_ids: list[str],
    teacher_id: str | None = None,
    actor: str,
) -> Student:
    if await by_roll_number(session, org_id, roll_number) is not None:
        raise roll_taken(roll_number)
    wanted = await groups.resolve_groups(session, org_id, group_ids)
    student = Student(
        org_id=org_id, roll_number=roll_number, name=name, email=email, teacher_id=teacher_id
    )
    session.add(student)
    await session.flush()
    for group in wanted:
        session.add(GroupMember(org_id=org_id, group_id=group.id, student_id=student.id))
    record(
        session,
        "student.created",
        org_id=org_id,
        actor_email=actor,
        student_id=student.id,
        roll_number=roll_number,
    )
    await session.flush()
    return student


async def update_student(
    session: AsyncSession,
    org_id: str,
    student_id: str,
    *,
    changes: dict[str, object],
    actor: str,
) -> Student:
    """Apply the fields the caller sent (``model_dump(exclude_unset=True)``)."""
    student = await get_student(session, org_id, student_id)
    roll_number = changes.get("roll_number")
    if isinstance(roll_number, str) and roll_number != student.roll_number:
        if await by_roll_number(session, org_id, roll_number) is not None:
            raise roll_taken(roll_number)
        student.roll_number = roll_number
    name = changes.get("name")
    if isinstance(name, str):
        student.name = name
    if "email" in changes:
        email = changes["email"]
        student.email = email if isinstance(email, str) else None
    group_ids = changes.get("group_ids")
    if isinstance(group_ids, list):
        wanted = await groups.resolve_groups(session, org_id, [str(g) for g in group_ids])
        await _replace_groups(session, org_id, student.id, {g.id for g in wanted})
    record(
        session,
        "student.updated",
        org_id=org_id,
        actor_email=actor,
        student_id=student.id,
        roll_number=student.roll_number,
        fields=sorted(changes),
    )
    await session.flush()
    return student


async def _replace_groups(
    session: AsyncSession, org_id: str, student_id: str, group_ids: set[str]
) -> None:
    stmt = org_select(GroupMember, org_id).where(GroupMember.student_id == student_id)
    current = list((await session.execute(stmt)).scalars())
    for member in current:
        if member.group_id not in group_ids:
            await session.delete(member)
    for group_id in group_ids - {m.group_id for m in current}:
        session.add(GroupMember(org_id=org_id, group_id=group_id, student_id=student_id))


async def delete_student(
    session: AsyncSession, org_id: str, student_id: str, *, actor: str
) -> None:
    """Refused while the student has attempts: deleting would take their results with it."""
    student = await get_student(session, org_id, student_id)
    attempts = org_select(Attempt, org_id).where(Attempt.student_id == student.id).limit(1)
    if (await session.execute(attempts)).first() is not None:
        raise Conflict(
            "This student has taken exams; deleting them would delete their results.",
            code="student_has_attempts",
        )
    await session.delete(student)
    record(
        session,
        "student.deleted",
        org_id=org_id,
        actor_email=actor,
        student_id=student.id,
        roll_number=student.roll_number,
    )
    await session.flush()


async def count_students(
    session: AsyncSession, org_id: str, teacher_id: str | None
) -> tuple[int, int]:
    """(all of the org's students, those registered through ``teacher_id``'s link)."""
    count = org_select(Student, org_id).with_only_columns(func.count())
    total = (await session.execute(count)).scalar_one()
    mine = 0
    if teacher_id is not None:
        mine = (await session.execute(count.where(Student.teacher_id == teacher_id))).scalar_one()
    return int(total), int(mine)
