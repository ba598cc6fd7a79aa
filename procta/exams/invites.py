"""Personal exam invites: a link per student that stands in for roll number and access code.

The token is signed, not stored: ``inv_<student id>.<HMAC(secret, exam, student)>``. It
names one student for one exam, so a forwarded link admits only that student, and it needs
no table, no expiry sweep and no migration. What still applies to an invited student is
what the invite cannot vouch for: the exam must be published and inside its window. The
access code and the group restriction are waived, because the teacher chose this student
by name (as an emailed invite does in Mettl or Honorlock). Rotating ``PROCTA_SECRET_KEY``
voids every invite link.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from procta.config import Settings
from procta.db import org_select
from procta.errors import BadRequest, NotFound
from procta.exams.models import Exam
from procta.mail.service import queue_email
from procta.students.models import GroupMember, Student, StudentGroup

INVITE_PREFIX = "inv_"
MAX_INVITES = 2000


@dataclass(frozen=True)
class InviteLink:
    student: Student
    url: str
    emailed: bool


def _mac(secret: str, exam_id: str, student_id: str) -> str:
    message = f"exam-invite\x00{exam_id}\x00{student_id}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()[:18]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def invite_token(secret: str, exam_id: str, student_id: str) -> str:
    return f"{INVITE_PREFIX}{student_id}.{_mac(secret, exam_id, student_id)}"


def invited_student_id(secret: str, exam_id: str, token: str) -> str:
    """The student the token invites to this exam; a clear 400 for anything else."""
    body = token.removeprefix(INVITE_PREFIX)
    student_id, _, mac = body.partition(".")
    valid = (
        token.startswith(INVITE_PREFIX)
        and student_id
        and hmac.compare_digest(mac, _mac(secret, exam_id, student_id))
    )
    if not valid:
        raise BadRequest(
            "This invite link is not valid for this exam. Open the link from your "
            "invitation email again, or join with your roll number.",
            code="invalid_invite",
        )
    return student_id


def invite_url(settings: Settings, exam_id: str, student_id: str) -> str:
    token = invite_token(settings.secret_key, exam_id, student_id)
    return f"{settings.public_url.rstrip('/')}/take/{exam_id}?invite={token}"


async def _students(
    session: AsyncSession, org_id: str, student_ids: list[str], group_ids: list[str]
) -> list[Student]:
    found: dict[str, Student] = {}
    if student_ids:
        stmt = org_select(Student, org_id).where(Student.id.in_(student_ids))
        found.update({s.id: s for s in (await session.execute(stmt)).scalars()})
        missing = set(student_ids) - found.keys()
        if missing:
            raise NotFound(f"{len(missing)} of the chosen students no longer exist.")
    if group_ids:
        groups = org_select(StudentGroup, org_id).where(StudentGroup.id.in_(group_ids))
        if len((await session.execute(groups)).all()) != len(set(group_ids)):
            raise NotFound("One of the chosen groups no longer exists.")
        members = (
            org_select(Student, org_id)
            .join(GroupMember, GroupMember.student_id == Student.id)
            .where(GroupMember.group_id.in_(group_ids))
        )
        found.update({s.id: s for s in (await session.execute(members)).scalars()})
    if not found:
        raise BadRequest("Choose at least one student or a group with students.", code="no_one")
    if len(found) > MAX_INVITES:
        raise BadRequest(f"Invite at most {MAX_INVITES} students at a time.", code="too_many")
    return sorted(found.values(), key=lambda s: (s.name.lower(), s.roll_number))


async def send_invites(
    session: AsyncSession,
    settings: Settings,
    exam: Exam,
    *,
    student_ids: list[str],
    group_ids: list[str],
    org_name: str,
) -> list[InviteLink]:
    """Email each chosen student (and every member of the chosen groups) a personal link.

    Students without an email address get a link the teacher can pass on."""
    students = await _students(session, exam.org_id, student_ids, group_ids)
    if exam.status != "published":
        raise BadRequest(
            "Publish the exam before inviting students: the link would not open yet.",
            code="exam_not_published",
        )
    links = []
    for student in students:
        url = invite_url(settings, exam.id, student.id)
        if student.email:
            queue_email(
                session,
                student.email,
                f"Exam: {exam.title}",
                _email_text(exam, org_name, student, url),
            )
        links.append(InviteLink(student=student, url=url, emailed=bool(student.email)))
    return links


def _email_text(exam: Exam, org_name: str, student: Student, url: str) -> str:
    window = ""
    if exam.window_start or exam.window_end:
        opens = exam.window_start.strftime("%Y-%m-%d %H:%M UTC") if exam.window_start else "now"
        closes = exam.window_end.strftime("%Y-%m-%d %H:%M UTC") if exam.window_end else "no limit"
        window = f"You can start between {opens} and {closes}.\n"
    return (
        f"Hello {student.name},\n\n"
        f'{org_name} invites you to take the exam "{exam.title}" '
        f"({exam.duration_minutes} minutes).\n{window}\n"
        f"Start it from this personal link (do not share it):\n{url}\n\n"
        "Use a computer with a webcam and a microphone, and join a few minutes early.\n"
    )


async def student_for_invite(session: AsyncSession, secret: str, exam: Exam, token: str) -> Student:
    student_id = invited_student_id(secret, exam.id, token)
    stmt = select(Student).where(Student.org_id == exam.org_id, Student.id == student_id)
    student = (await session.execute(stmt)).scalar()
    if student is None:
        raise BadRequest(
            "This invite is for a student who is no longer on the roster. Ask your teacher.",
            code="invalid_invite",
        )
    return student
