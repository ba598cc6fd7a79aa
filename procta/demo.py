"""The demo data behind ``make run``: one org, its teachers, students, a course with exams
and submitted attempts, and a platform admin.
Idempotent: running it again changes nothing that already exists."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from procta.auth import service as auth
from procta.auth.models import User
from procta.config import Settings
from procta.demo_exams import seed_exams
from procta.orgs import service as orgs
from procta.orgs.models import Membership, Organization
from procta.storage.files import local_storage
from procta.students.models import Student

DEMO_ORG = "Northwind Academy"
DEMO_SLUG = "northwind-academy"


@dataclass(frozen=True)
class Login:
    role: str
    email: str
    password: str


TEACHER = Login("teacher (owner)", "teacher@northwind.example", "Exam-Ready-2026!")
COLLEAGUE = Login("teacher", "sam.lee@northwind.example", "Exam-Ready-2026!")
ADMIN = Login("platform admin", "admin@procta.example", "Oversight-2026!")

STUDENTS = (
    ("S1001", "Ada Lovelace"),
    ("S1002", "Alan Turing"),
    ("S1003", "Grace Hopper"),
    ("S1004", "Katherine Johnson"),
    ("S1005", "Edsger Dijkstra"),
)


async def _user(session: AsyncSession, settings: Settings, login: Login, name: str) -> User:
    user = await auth.user_by_email(session, login.email)
    if user is None:
        user = await auth.create_user(
            session, settings, name=name, email=login.email, password=login.password
        )
    return user


@dataclass(frozen=True)
class Demo:
    logins: list[Login]
    practice_exam_id: str


async def seed(session: AsyncSession, settings: Settings) -> Demo:
    teacher = await _user(session, settings, TEACHER, "Morgan Reyes")
    org = (
        await session.execute(select(Organization).where(Organization.slug == DEMO_SLUG))
    ).scalar()
    if org is None:
        org = await orgs.create_org(session, settings, name=DEMO_ORG, owner=teacher)
        org.slug = DEMO_SLUG
    colleague = await _user(session, settings, COLLEAGUE, "Sam Lee")
    if await orgs.membership(session, org.id, colleague.id) is None:
        session.add(Membership(org_id=org.id, user_id=colleague.id, role="teacher"))
    admin = await _user(session, settings, ADMIN, "Platform Admin")
    admin.is_superadmin = True
    existing = set(
        (
            await session.execute(select(Student.roll_number).where(Student.org_id == org.id))
        ).scalars()
    )
    for roll, name in STUDENTS:
        if roll not in existing:
            email = name.lower().replace(" ", ".") + "@students.northwind.example"
            session.add(Student(org_id=org.id, roll_number=roll, name=name, email=email))
    await session.flush()
    practice = await seed_exams(session, org.id, teacher.id, local_storage(settings.data_dir))
    return Demo([TEACHER, COLLEAGUE, ADMIN], practice)
