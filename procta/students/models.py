from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from procta.db import Base, OrgScoped


class Student(OrgScoped, Base):
    """A test-taker of an org; the roll number is unique within the org."""

    __tablename__ = "students"
    __table_args__ = (UniqueConstraint("org_id", "roll_number"),)

    roll_number: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    # The teacher whose registration link the student used (their dashboard lists them).
    teacher_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )


class StudentGroup(OrgScoped, Base):
    __tablename__ = "student_groups"
    __table_args__ = (UniqueConstraint("org_id", "name"),)

    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(String(500), default="")


class GroupMember(OrgScoped, Base):
    __tablename__ = "group_members"
    __table_args__ = (UniqueConstraint("group_id", "student_id"),)

    group_id: Mapped[str] = mapped_column(
        ForeignKey("student_groups.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[str] = mapped_column(
        ForeignKey("students.id", ondelete="CASCADE"), index=True
    )


class RegistrationLink(OrgScoped, Base):
    """A teacher's shareable sign-up link for students ("Share With Students")."""

    __tablename__ = "registration_links"
    __table_args__ = (UniqueConstraint("org_id", "teacher_id"),)

    teacher_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    token: Mapped[str] = mapped_column(String(64), unique=True)
