"""``/api/v1/students``, ``/api/v1/groups``, the teacher's ``/api/v1/registration-link`` and
its public side ``/api/v1/register/{token}``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response, UploadFile
from sqlalchemy.ext.asyncio import AsyncSession

from procta.auth.deps import DB, Client, OrgMember, OrgPrincipal, State
from procta.errors import Forbidden
from procta.live.bus import org_channel, publish_after_commit
from procta.pagination import Page, PageParams, page_params
from procta.students import groups, registration, roster, service
from procta.students.models import Student, StudentGroup
from procta.students.schemas import (
    ID_PATTERN,
    GroupIn,
    GroupOut,
    GroupRef,
    GroupUpdateIn,
    ImportOut,
    MembersIn,
    RegisteredStudentOut,
    RegisterIn,
    RegistrationInfoOut,
    RegistrationLinkOut,
    StudentCountOut,
    StudentIn,
    StudentOut,
    StudentSort,
    StudentUpdateIn,
)
from procta.students.service import StudentFilter

router = APIRouter(tags=["students"])
Pages = Annotated[PageParams, Depends(page_params)]
Search = Annotated[
    str, Query(max_length=200, pattern=r"^[^\x00]*$", description="Name, roll number or email")
]
GroupFilter = Annotated[
    str | None, Query(pattern=ID_PATTERN, description="Only this group's members")
]
StudentId = Annotated[str, Path(pattern=ID_PATTERN)]
GroupId = Annotated[str, Path(pattern=ID_PATTERN)]
Token = Annotated[str, Path(pattern=ID_PATTERN)]
Mine = Annotated[bool, Query(description="Only students registered through your link")]


def teacher_id_of(principal: OrgPrincipal) -> str:
    if principal.user is None:
        raise Forbidden("This needs a signed-in teacher, not an API key.", code="user_required")
    return principal.user.id


def student_filter(
    principal: OrgPrincipal, q: str, group_id: str | None, mine: bool
) -> StudentFilter:
    return StudentFilter(
        q=q, group_id=group_id, teacher_id=teacher_id_of(principal) if mine else None
    )


async def students_out(db: AsyncSession, org_id: str, students: list[Student]) -> list[StudentOut]:
    memberships = await service.groups_of(db, org_id, (s.id for s in students))
    return [
        StudentOut(
            id=s.id,
            roll_number=s.roll_number,
            name=s.name,
            email=s.email,
            teacher_id=s.teacher_id,
            groups=[GroupRef(id=g.id, name=g.name) for g in memberships.get(s.id, [])],
            created_at=s.created_at,
        )
        for s in students
    ]


# --- students -------------------------------------------------------------------------


@router.get("/students")
async def list_students(
    principal: OrgMember,
    db: DB,
    pages: Pages,
    q: Search = "",
    group_id: GroupFilter = None,
    mine: Mine = False,
    sort: StudentSort = "roll_number",
) -> Page[StudentOut]:
    where = student_filter(principal, q, group_id, mine)
    found, total = await service.list_students(db, principal.org_id, where, sort=sort, page=pages)
    return Page(
        items=await students_out(db, principal.org_id, found),
        total=total,
        page=pages.page,
        page_size=pages.page_size,
    )


@router.post("/students", status_code=201)
async def create_student(body: StudentIn, principal: OrgMember, db: DB) -> StudentOut:
    student = await service.create_student(
        db,
        principal.org_id,
        roll_number=body.roll_number,
        name=body.name,
        email=body.email,
        group_ids=body.group_ids,
        actor=principal.actor_email,
    )
    return (await students_out(db, principal.org_id, [student]))[0]


@router.get("/students/count")
async def count_students(principal: OrgMember, db: DB) -> StudentCountOut:
    """ "Registered Students count": the org's students, and those who used your link."""
    teacher_id = principal.user.id if principal.user else None
    total, mine = await service.count_students(db, principal.org_id, teacher_id)
    return StudentCountOut(total=total, mine=mine)


@router.get(
    "/students/export.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "The roster as CSV"}},
)
async def export_students(
    principal: OrgMember,
    db: DB,
    q: Search = "",
    group_id: GroupFilter = None,
    mine: Mine = False,
) -> Response:
    where = student_filter(principal, q, group_id, mine)
    found = await service.all_students(db, principal.org_id, where)
    memberships = await service.groups_of(db, principal.org_id, (s.id for s in found))
    rows = [(s, [g.name for g in memberships.get(s.id, [])]) for s in found]
    return Response(
        roster.export_csv(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="students.csv"'},
    )


@router.post("/students/import")
async def import_students(
    file: UploadFile,
    principal: OrgMember,
    db: DB,
    update_existing: Annotated[
        bool, Query(description="Update the name and email of roll numbers already known")
    ] = False,
    valid_only: Annotated[bool, Query(description="Import the valid rows, skip the rest")] = False,
    dry_run: Annotated[bool, Query(description="Only check the file; write nothing")] = False,
) -> ImportOut:
    """CSV with the header ``roll_number,name,email[,group]`` (several groups separated by
    ``;``). A file with bad rows imports nothing (422 ``roster_invalid``, the per-row report
    in ``error.details``) unless ``valid_only``."""
    report = await roster.import_roster(
        db,
        principal.org_id,
        await file.read(roster.MAX_BYTES + 1),
        update_existing=update_existing,
        valid_only=valid_only,
        dry_run=dry_run,
        actor=principal.actor_email,
    )
    return ImportOut.model_validate(report.as_dict())


@router.get("/students/{student_id}")
async def get_student(student_id: StudentId, principal: OrgMember, db: DB) -> StudentOut:
    student = await service.get_student(db, principal.org_id, student_id)
    return (await students_out(db, principal.org_id, [student]))[0]


@router.patch("/students/{student_id}")
async def update_student(
    student_id: StudentId, body: StudentUpdateIn, principal: OrgMember, db: DB
) -> StudentOut:
    student = await service.update_student(
        db,
        principal.org_id,
        student_id,
        changes=body.model_dump(exclude_unset=True),
        actor=principal.actor_email,
    )
    return (await students_out(db, principal.org_id, [student]))[0]


@router.delete("/students/{student_id}", status_code=204)
async def delete_student(student_id: StudentId, principal: OrgMember, db: DB) -> None:
    await service.delete_student(db, principal.org_id, student_id, actor=principal.actor_email)


# --- groups ---------------------------------------------------------------------------


async def groups_out(db: AsyncSession, org_id: str, found: list[StudentGroup]) -> list[GroupOut]:
    counts = await groups.member_counts(db, org_id, [g.id for g in found])
    return [
        GroupOut(
            id=g.id,
            name=g.name,
            description=g.description,
            member_count=counts.get(g.id, 0),
            created_at=g.created_at,
        )
        for g in found
    ]


async def group_out(db: AsyncSession, org_id: str, group: StudentGroup) -> GroupOut:
    return (await groups_out(db, org_id, [group]))[0]


@router.get("/groups")
async def list_groups(principal: OrgMember, db: DB) -> list[GroupOut]:
    return await groups_out(db, principal.org_id, await groups.list_groups(db, principal.org_id))


@router.post("/groups", status_code=201)
async def create_group(body: GroupIn, principal: OrgMember, db: DB) -> GroupOut:
    group = await groups.create_group(
        db,
        principal.org_id,
        name=body.name,
        description=body.description,
        actor=principal.actor_email,
    )
    return await group_out(db, principal.org_id, group)


@router.get("/groups/{group_id}")
async def get_group(group_id: GroupId, principal: OrgMember, db: DB) -> GroupOut:
    return await group_out(
        db, principal.org_id, await groups.get_group(db, principal.org_id, group_id)
    )


@router.patch("/groups/{group_id}")
async def update_group(
    group_id: GroupId, body: GroupUpdateIn, principal: OrgMember, db: DB
) -> GroupOut:
    group = await groups.update_group(
        db,
        principal.org_id,
        group_id,
        name=body.name,
        description=body.description,
        actor=principal.actor_email,
    )
    return await group_out(db, principal.org_id, group)


@router.delete("/groups/{group_id}", status_code=204)
async def delete_group(group_id: GroupId, principal: OrgMember, db: DB) -> None:
    await groups.delete_group(db, principal.org_id, group_id, actor=principal.actor_email)


@router.put("/groups/{group_id}/members")
async def set_members(group_id: GroupId, body: MembersIn, principal: OrgMember, db: DB) -> GroupOut:
    """Make the group's members exactly ``student_ids``."""
    group = await groups.set_members(
        db, principal.org_id, group_id, body.student_ids, actor=principal.actor_email
    )
    return await group_out(db, principal.org_id, group)


@router.post("/groups/{group_id}/members")
async def add_members(group_id: GroupId, body: MembersIn, principal: OrgMember, db: DB) -> GroupOut:
    group = await groups.add_members(
        db, principal.org_id, group_id, body.student_ids, actor=principal.actor_email
    )
    return await group_out(db, principal.org_id, group)


@router.delete("/groups/{group_id}/members/{student_id}", status_code=204)
async def remove_member(
    group_id: GroupId, student_id: StudentId, principal: OrgMember, db: DB
) -> None:
    await groups.remove_member(
        db, principal.org_id, group_id, student_id, actor=principal.actor_email
    )


# --- registration link ----------------------------------------------------------------


@router.get("/registration-link")
async def registration_link(principal: OrgMember, db: DB, state: State) -> RegistrationLinkOut:
    """ "Share With Students": the calling teacher's link, made on first use."""
    link = await registration.link_of(db, principal.org_id, teacher_id_of(principal))
    return RegistrationLinkOut(
        url=registration.link_url(state.settings.public_url, link.token), token=link.token
    )


@router.post("/registration-link/rotate")
async def rotate_registration_link(
    principal: OrgMember, db: DB, state: State
) -> RegistrationLinkOut:
    """A new link; the old one stops working at once."""
    link = await registration.rotate(
        db, principal.org_id, teacher_id_of(principal), actor=principal.actor_email
    )
    return RegistrationLinkOut(
        url=registration.link_url(state.settings.public_url, link.token), token=link.token
    )


@router.get("/register/{token}", tags=["public"])
async def registration_info(token: Token, db: DB) -> RegistrationInfoOut:
    opened = await registration.open_link(db, token)
    return RegistrationInfoOut(org_name=opened.org.name, teacher_name=opened.teacher.name)


@router.post(
    "/register/{token}",
    status_code=201,
    tags=["public"],
    responses={200: {"model": RegisteredStudentOut, "description": "Already registered"}},
)
async def register(
    token: Token, body: RegisterIn, db: DB, state: State, client: Client, response: Response
) -> RegisteredStudentOut:
    """A student signs up through a teacher's link (no account needed). Registering again
    with the same roll number and email answers 200 with the same student."""
    await registration.check_throttle(state.limiter, client.ip)
    opened = await registration.open_link(db, token)
    student, created = await registration.register(
        db, opened, roll_number=body.roll_number, name=body.name, email=body.email
    )
    if created:
        publish_after_commit(
            db,
            state.bus,
            org_channel(student.org_id),
            {
                "type": "student.registered",
                "org_id": student.org_id,
                "data": {"student_id": student.id, "teacher_id": student.teacher_id},
            },
        )
    else:
        response.status_code = 200
    return RegisteredStudentOut(
        id=student.id, roll_number=student.roll_number, name=student.name, email=student.email
    )
