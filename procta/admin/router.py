"""``/api/v1/admin``: the platform administrator's view across organizations."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import func, select

from procta.auth.deps import DB, SuperAdmin
from procta.orgs.models import Membership, Organization
from procta.students.models import Student

router = APIRouter(prefix="/admin", tags=["platform admin"])


class OrgSummaryOut(BaseModel):
    id: str
    name: str
    slug: str
    teachers: int
    students: int
    plan: str
    status: str
    created_at: datetime


@router.get("/orgs", summary="All Organizations")
async def all_orgs(_: SuperAdmin, db: DB) -> list[OrgSummaryOut]:
    teachers = (
        select(Membership.org_id, func.count().label("n")).group_by(Membership.org_id).subquery()
    )
    students = select(Student.org_id, func.count().label("n")).group_by(Student.org_id).subquery()
    stmt = (
        select(Organization, func.coalesce(teachers.c.n, 0), func.coalesce(students.c.n, 0))
        .outerjoin(teachers, teachers.c.org_id == Organization.id)
        .outerjoin(students, students.c.org_id == Organization.id)
        .order_by(Organization.created_at.desc())
    )
    return [
        OrgSummaryOut(
            id=o.id,
            name=o.name,
            slug=o.slug,
            teachers=t,
            students=s,
            plan=o.plan,
            status=o.status,
            created_at=o.created_at,
        )
        for o, t, s in await db.execute(stmt)
    ]
