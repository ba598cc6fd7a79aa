"""A teacher's registration link ("Share With Students"): students sign themselves up and
appear in that teacher's dashboard. The token is shown again whenever the teacher asks, so
it is stored as is; rotating it is how a leaked link is shut."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from procta.audit.service import record
from procta.auth import tokens
from procta.auth.models import User
from procta.auth.ratelimit import RateLimiter
from procta.db import org_select
from procta.errors import Conflict, NotFound, TooManyRequests
from procta.orgs import service as orgs
from procta.orgs.models import Organization
from procta.students import service as students
from procta.students.models import RegistrationLink, Student

REGISTER_LIMIT_PER_IP = 30
REGISTER_WINDOW_S = 600


@dataclass
class OpenLink:
    link: RegistrationLink
    org: Organization
    teacher: User


def link_url(public_url: str, token: str) -> str:
    return f"{public_url.rstrip('/')}/register/{token}"


async def link_of(session: AsyncSession, org_id: str, teacher_id: str) -> RegistrationLink:
    """The teacher's link, made on first use."""
    stmt = org_select(RegistrationLink, org_id).where(RegistrationLink.teacher_id == teacher_id)
    link = (await session.execute(stmt)).scalar()
    if link is None:
        link = RegistrationLink(org_id=org_id, teacher_id=teacher_id, token=tokens.new_token(24))
        session.add(link)
        await session.flush()
    return link


async def rotate(
    session: AsyncSession, org_id: str, teacher_id: str, *, actor: str
) -> RegistrationLink:
    link = await link_of(session, org_id, teacher_id)
    link.token = tokens.new_token(24)
    record(
        session, "registration_link.rotated", org_id=org_id, user_id=teacher_id, actor_email=actor
    )
    await session.flush()
    return link


async def open_link(session: AsyncSession, token: str) -> OpenLink:
    """The link behind a token; a rotated token, or a teacher who left the org, is gone."""
    invalid = NotFound(
        "This registration link is not valid. Ask your teacher for the current one.",
        code="link_invalid",
    )
    link = (
        await session.execute(select(RegistrationLink).where(RegistrationLink.token == token))
    ).scalar()
    if link is None or await orgs.membership(session, link.org_id, link.teacher_id) is None:
        raise invalid
    teacher = await session.get(User, link.teacher_id)
    if teacher is None:
        raise invalid
    return OpenLink(link=link, org=await orgs.get_org(session, link.org_id), teacher=teacher)


async def check_throttle(limiter: RateLimiter, ip: str) -> None:
    if await limiter.hit(f"register:ip:{ip}", REGISTER_WINDOW_S) > REGISTER_LIMIT_PER_IP:
        raise TooManyRequests(
            "Too many registrations from this network. "
            f"Try again in {REGISTER_WINDOW_S // 60} minutes.",
            headers={"Retry-After": str(REGISTER_WINDOW_S)},
        )


async def register(
    session: AsyncSession, opened: OpenLink, *, roll_number: str, name: str, email: str
) -> tuple[Student, bool]:
    """(the student, whether it is new). Registering again with the same roll number and
    email is harmless and changes nothing; another email is someone else's roll number."""
    org_id = opened.link.org_id
    existing = await students.by_roll_number(session, org_id, roll_number)
    if existing is not None:
        if (existing.email or "").lower() == email:
            return existing, False
        raise Conflict(
            f"Roll number {roll_number} is already registered with another email address. "
            "Check your roll number, or ask your teacher.",
            code="roll_taken",
        )
    student = Student(
        org_id=org_id,
        roll_number=roll_number,
        name=name,
        email=email,
        teacher_id=opened.teacher.id,
    )
    session.add(student)
    await session.flush()
    record(
        session,
        "student.registered",
        org_id=org_id,
        actor_email=email,
        student_id=student.id,
        roll_number=roll_number,
        teacher_id=opened.teacher.id,
    )
    await session.flush()
    return student, True
