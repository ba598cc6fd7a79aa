"""``/api/v1/exams``: exams, their questions, settings, templates, accommodations."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from procta.audit.service import record
from procta.auth.deps import DB, OrgMember, OrgPrincipal, State
from procta.exams import accommodations, invites, items, service, templates, views
from procta.exams.models import Accommodation, ExamTemplate
from procta.exams.schemas import (
    AccessCodeOut,
    AccommodationIn,
    AccommodationOut,
    CloneIn,
    ExamIn,
    ExamInviteIn,
    ExamInviteLinkOut,
    ExamInvitesOut,
    ExamItemsOut,
    ExamOut,
    ExamPatchIn,
    ExamSummaryOut,
    FromTemplateIn,
    ItemsIn,
    StudentRef,
    TemplateIn,
    TemplateOut,
)
from procta.orgs.service import get_org
from procta.pagination import Page, PageParams, page_params
from procta.students.models import Student

router = APIRouter(tags=["exams"])
EXAM = "/exams/{exam_id}"


def actor_of(principal: OrgPrincipal) -> service.Actor:
    return service.Actor(
        user_id=principal.user.id if principal.user else None, email=principal.actor_email
    )


# --- exams ------------------------------------------------------------------------------


@router.get("/exams")
async def list_exams(
    principal: OrgMember,
    db: DB,
    page: Annotated[PageParams, Depends(page_params)],
    status: Literal["draft", "published", "archived"] | None = None,
    course_id: Annotated[str | None, Query(max_length=32)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> Page[ExamSummaryOut]:
    found, total = await service.list_exams(
        db, principal.org_id, page, status=status, course_id=course_id, q=q
    )
    return Page(
        items=await views.exam_summaries(db, principal.org_id, found),
        total=total,
        page=page.page,
        page_size=page.page_size,
    )


@router.post("/exams", status_code=201)
async def create_exam(body: ExamIn, principal: OrgMember, db: DB) -> ExamOut:
    exam = await service.create_exam(db, principal.org_id, body, actor_of(principal))
    return await views.exam_out(db, principal.org_id, exam)


@router.get(EXAM)
async def get_exam(exam_id: str, principal: OrgMember, db: DB) -> ExamOut:
    exam = await service.get_exam(db, principal.org_id, exam_id)
    return await views.exam_out(db, principal.org_id, exam)


@router.patch(EXAM)
async def update_exam(exam_id: str, body: ExamPatchIn, principal: OrgMember, db: DB) -> ExamOut:
    """Settings, the schedule (``window_start``/``window_end``), the access code, groups
    and the status (publish, or archive an exam that students have taken)."""
    exam = await service.update_exam(db, principal.org_id, exam_id, body, actor_of(principal))
    return await views.exam_out(db, principal.org_id, exam)


@router.delete(EXAM, status_code=204)
async def delete_exam(exam_id: str, principal: OrgMember, db: DB) -> None:
    await service.delete_exam(db, principal.org_id, exam_id, actor_of(principal))


@router.post(f"{EXAM}/access-code/regenerate")
async def regenerate_access_code(exam_id: str, principal: OrgMember, db: DB) -> AccessCodeOut:
    exam = await service.regenerate_access_code(db, principal.org_id, exam_id, actor_of(principal))
    return AccessCodeOut(access_code=exam.access_code)


@router.post(f"{EXAM}/invites", summary="Invite students with personal links")
async def invite_students(
    exam_id: str, body: ExamInviteIn, principal: OrgMember, db: DB, state: State
) -> ExamInvitesOut:
    """Email each student a personal link that needs no roll number or access code;
    students without an email address get a link to pass on."""
    exam = await service.get_exam(db, principal.org_id, exam_id)
    org = await get_org(db, principal.org_id)
    links = await invites.send_invites(
        db,
        state.settings,
        exam,
        student_ids=body.student_ids,
        group_ids=body.group_ids,
        org_name=org.name,
    )
    record(
        db,
        "exam.invited",
        org_id=principal.org_id,
        actor_email=principal.actor_email,
        exam_id=exam.id,
        students=len(links),
    )
    return ExamInvitesOut(
        invited=len(links),
        emailed=sum(link.emailed for link in links),
        links=[
            ExamInviteLinkOut(
                student_id=link.student.id,
                roll_number=link.student.roll_number,
                name=link.student.name,
                email=link.student.email,
                url=link.url,
            )
            for link in links
        ],
    )


@router.post(f"{EXAM}/clone", status_code=201)
async def clone_exam(exam_id: str, body: CloneIn, principal: OrgMember, db: DB) -> ExamOut:
    exam = await templates.clone_exam(
        db, principal.org_id, exam_id, body.title, actor_of(principal)
    )
    return await views.exam_out(db, principal.org_id, exam)


# --- items ------------------------------------------------------------------------------


async def _items_out(db: DB, org_id: str, exam_id: str) -> ExamItemsOut:
    rows = await items.exam_items(db, org_id, exam_id)
    return ExamItemsOut(
        items=await views.items_out(db, org_id, rows), question_count=items.question_count(rows)
    )


@router.get(f"{EXAM}/questions")
async def get_items(exam_id: str, principal: OrgMember, db: DB) -> ExamItemsOut:
    exam = await service.get_exam(db, principal.org_id, exam_id)
    return await _items_out(db, principal.org_id, exam.id)


@router.put(f"{EXAM}/questions")
async def replace_items(exam_id: str, body: ItemsIn, principal: OrgMember, db: DB) -> ExamItemsOut:
    exam = await service.get_exam(db, principal.org_id, exam_id)
    await items.replace_items(db, principal.org_id, exam, body.items, actor_of(principal))
    return await _items_out(db, principal.org_id, exam.id)


# --- accommodations ---------------------------------------------------------------------


def accommodation_out(found: Accommodation, student: Student) -> AccommodationOut:
    return AccommodationOut(
        student=StudentRef(id=student.id, roll_number=student.roll_number, name=student.name),
        extra_minutes=found.extra_minutes,
        disabled_flags=list(found.disabled_flags),
        created_at=found.created_at,
    )


@router.get(f"{EXAM}/accommodations")
async def list_accommodations(exam_id: str, principal: OrgMember, db: DB) -> list[AccommodationOut]:
    rows = await accommodations.list_accommodations(db, principal.org_id, exam_id)
    return [accommodation_out(found, student) for found, student in rows]


@router.put(f"{EXAM}/accommodations/{{student_id}}")
async def set_accommodation(
    exam_id: str, student_id: str, body: AccommodationIn, principal: OrgMember, db: DB
) -> AccommodationOut:
    found, student = await accommodations.set_accommodation(
        db, principal.org_id, exam_id, student_id, body, actor_of(principal)
    )
    return accommodation_out(found, student)


@router.delete(f"{EXAM}/accommodations/{{student_id}}", status_code=204)
async def remove_accommodation(exam_id: str, student_id: str, principal: OrgMember, db: DB) -> None:
    await accommodations.remove_accommodation(
        db, principal.org_id, exam_id, student_id, actor_of(principal)
    )


# --- templates --------------------------------------------------------------------------


def template_out(template: ExamTemplate) -> TemplateOut:
    return TemplateOut(
        id=template.id,
        name=template.name,
        question_count=templates.config_question_count(template.config),
        config=template.config,
        created_at=template.created_at,
    )


@router.post(f"{EXAM}/save-as-template", status_code=201)
async def save_as_template(
    exam_id: str, body: TemplateIn, principal: OrgMember, db: DB
) -> TemplateOut:
    template = await templates.save_as_template(
        db, principal.org_id, exam_id, body.name, actor_of(principal)
    )
    return template_out(template)


@router.get("/exam-templates")
async def list_templates(principal: OrgMember, db: DB) -> list[TemplateOut]:
    return [template_out(t) for t in await templates.list_templates(db, principal.org_id)]


@router.delete("/exam-templates/{template_id}", status_code=204)
async def delete_template(template_id: str, principal: OrgMember, db: DB) -> None:
    await templates.delete_template(db, principal.org_id, template_id, actor_of(principal))


@router.post("/exam-templates/{template_id}/create-exam", status_code=201)
async def create_from_template(
    template_id: str, body: FromTemplateIn, principal: OrgMember, db: DB
) -> ExamOut:
    exam = await templates.create_from_template(
        db, principal.org_id, template_id, body, actor_of(principal)
    )
    return await views.exam_out(db, principal.org_id, exam)
