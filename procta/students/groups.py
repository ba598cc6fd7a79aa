"""Student groups: named sets of students that an exam can be restricted to."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession

from procta.audit.service import record
from procta.db import org_get, org_select
from procta.errors import Conflict, NotFound
from procta.exams.models import Exam, ExamGroup
from procta.students.models import GroupMember, Student, StudentGroup


async def get_group(session: AsyncSession, org_id: str, group_id: str) -> StudentGroup:
    return await org_get(session, StudentGroup, org_id, group_id)


async def member_counts(session: AsyncSession, org_id: str, group_ids: list[str]) -> dict[str, int]:
    stmt = (
        org_select(GroupMember, org_id)
        .where(GroupMember.group_id.in_(group_ids))
        .with_only_columns(GroupMember.group_id, func.count())
        .group_by(GroupMember.group_id)
    )
    return {group_id: int(n) for group_id, n in await session.execute(stmt)}


async def list_groups(session: AsyncSession, org_id: str) -> list[StudentGroup]:
    stmt = org_select(StudentGroup, org_id).order_by(
        func.lower(StudentGroup.name), StudentGroup.name
    )
    return list((await session.execute(stmt)).scalars())


async def resolve_groups(
    session: AsyncSession, org_id: str, group_ids: Iterable[str]
) -> list[StudentGroup]:
    """The org's groups with these ids; any unknown id (or another org's) is a 404."""
    wanted = set(group_ids)
    if not wanted:
        return []
    stmt = org_select(StudentGroup, org_id).where(StudentGroup.id.in_(wanted))
    found = list((await session.execute(stmt)).scalars())
    if len(found) != len(wanted):
        raise NotFound(f"{len(wanted) - len(found)} of the groups were not found.")
    return found


async def resolve_students(
    session: AsyncSession, org_id: str, student_ids: Iterable[str]
) -> set[str]:
    """The ids, checked to be the org's students; the error names none of them, so that a
    guess learns nothing about which ids exist elsewhere."""
    wanted = set(student_ids)
    if not wanted:
        return set()
    stmt = org_select(Student, org_id).where(Student.id.in_(wanted)).with_only_columns(Student.id)
    found = set((await session.execute(stmt)).scalars())
    if found != wanted:
        raise NotFound(f"{len(wanted - found)} of the students were not found.")
    return found


async def name_taken(
    session: AsyncSession, org_id: str, name: str, except_id: str | None = None
) -> bool:
    stmt = org_select(StudentGroup, org_id).where(func.lower(StudentGroup.name) == name.lower())
    if except_id is not None:
        stmt = stmt.where(StudentGroup.id != except_id)
    return (await session.execute(stmt.limit(1))).first() is not None


def _name_conflict(name: str) -> Conflict:
    return Conflict(f"There is already a group called {name}.", code="group_name_taken")


async def create_group(
    session: AsyncSession, org_id: str, *, name: str, description: str, actor: str
) -> StudentGroup:
    if await name_taken(session, org_id, name):
        raise _name_conflict(name)
    group = StudentGroup(org_id=org_id, name=name, description=description)
    session.add(group)
    await session.flush()
    record(session, "group.created", org_id=org_id, actor_email=actor, group_id=group.id, name=name)
    await session.flush()
    return group


async def update_group(
    session: AsyncSession,
    org_id: str,
    group_id: str,
    *,
    name: str | None,
    description: str | None,
    actor: str,
) -> StudentGroup:
    group = await get_group(session, org_id, group_id)
    if name is not None and name != group.name:
        if await name_taken(session, org_id, name, except_id=group.id):
            raise _name_conflict(name)
        group.name = name
    if description is not None:
        group.description = description
    record(
        session,
        "group.updated",
        org_id=org_id,
        actor_email=actor,
        group_id=group.id,
        name=group.name,
    )
    await session.flush()
    return group


async def delete_group(session: AsyncSession, org_id: str, group_id: str, *, actor: str) -> None:
    """Refused while an exam is restricted to the group: without it, the exam would fall
    back to admitting every student."""
    group = await get_group(session, org_id, group_id)
    stmt = (
        org_select(Exam, org_id)
        .join(ExamGroup, ExamGroup.exam_id == Exam.id)
        .where(ExamGroup.group_id == group.id)
        .with_only_columns(Exam.title)
        .order_by(Exam.title)
    )
    titles = list((await session.execute(stmt)).scalars())
    if titles:
        raise Conflict(
            f"Exams restricted to this group: {', '.join(titles)}. "
            "Remove the group from them first.",
            code="group_in_use",
        )
    await session.delete(group)
    record(
        session,
        "group.deleted",
        org_id=org_id,
        actor_email=actor,
        group_id=group.id,
        name=group.name,
    )
    await session.flush()


async def _member_ids(session: AsyncSession, org_id: str, group_id: str) -> set[str]:
    stmt = (
        org_select(GroupMember, org_id)
        .where(GroupMember.group_id == group_id)
        .with_only_columns(GroupMember.student_id)
    )
    return set((await session.execute(stmt)).scalars())


async def set_members(
    session: AsyncSession, org_id: str, group_id: str, student_ids: list[str], *, actor: str
) -> StudentGroup:
    """Make the group's members exactly these students."""
    group = await get_group(session, org_id, group_id)
    wanted = await resolve_students(session, org_id, student_ids)
    current = await _member_ids(session, org_id, group.id)
    gone = current - wanted
    if gone:
        members = org_select(GroupMember, org_id).where(
            GroupMember.group_id == group.id, GroupMember.student_id.in_(gone)
        )
        for member in (await session.execute(members)).scalars():
            await session.delete(member)
    _add(session, org_id, group.id, wanted - current)
    record(
        session,
        "group.members_set",
        org_id=org_id,
        actor_email=actor,
        group_id=group.id,
        added=len(wanted - current),
        removed=len(gone),
    )
    await session.flush()
    return group


async def add_members(
    session: AsyncSession, org_id: str, group_id: str, student_ids: list[str], *, actor: str
) -> StudentGroup:
    group = await get_group(session, org_id, group_id)
    wanted = await resolve_students(session, org_id, student_ids)
    new = wanted - await _member_ids(session, org_id, group.id)
    _add(session, org_id, group.id, new)
    record(
        session,
        "group.members_added",
        org_id=org_id,
        actor_email=actor,
        group_id=group.id,
        added=len(new),
    )
    await session.flush()
    return group


def _add(session: AsyncSession, org_id: str, group_id: str, student_ids: set[str]) -> None:
    for student_id in sorted(student_ids):
        session.add(GroupMember(org_id=org_id, group_id=group_id, student_id=student_id))


async def remove_member(
    session: AsyncSession, org_id: str, group_id: str, student_id: str, *, actor: str
) -> None:
    group = await get_group(session, org_id, group_id)
    stmt = org_select(GroupMember, org_id).where(
        GroupMember.group_id == group.id, GroupMember.student_id == student_id
    )
    member = (await session.execute(stmt)).scalar()
    if member is None:
        raise NotFound("That student is not in this group.")
    await session.delete(member)
    record(
        session,
        "group.member_removed",
        org_id=org_id,
        actor_email=actor,
        group_id=group.id,
        student_id=student_id,
    )
    await session.flush()


async def groups_by_name(session: AsyncSession, org_id: str) -> dict[str, StudentGroup]:
    """The org's groups keyed by lower-cased name (names are matched case-insensitively)."""
    return {g.name.lower(): g for g in await list_groups(session, org_id)}


async def member_pairs(session: AsyncSession, org_id: str) -> set[tuple[str, str]]:
    """Every (group_id, student_id) membership of the org."""
    stmt = org_select(GroupMember, org_id).with_only_columns(
        GroupMember.group_id, GroupMember.student_id
    )
    return {(g, s) for g, s in await session.execute(stmt)}
