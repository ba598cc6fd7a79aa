from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from procta.db import Base, OrgScoped

MODES = ("auto", "live", "record_review")


class Exam(OrgScoped, Base):
    __tablename__ = "exams"

    title: Mapped[str] = mapped_column(String(200))
    instructions: Mapped[str] = mapped_column(Text, default="")
    course_id: Mapped[str | None] = mapped_column(
        ForeignKey("courses.id", ondelete="SET NULL"), index=True
    )
    created_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft|published|archived
    duration_minutes: Mapped[int] = mapped_column(default=60)
    window_start: Mapped[datetime | None]
    window_end: Mapped[datetime | None]
    access_code: Mapped[str] = mapped_column(String(40), default="")
    mode: Mapped[str] = mapped_column(String(20), default="auto")
    rules_allowed: Mapped[list[str]] = mapped_column(JSON, default=list)
    rules_prohibited: Mapped[list[str]] = mapped_column(JSON, default=list)
    # {flag_type: {"enabled": bool, "weight": number}}; missing types use the defaults.
    flag_settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    room_camera_required: Mapped[bool] = mapped_column(default=False)
    screen_recording_required: Mapped[bool] = mapped_column(default=False)
    # Record the webcam (and the screen, when shared) as video in any mode; record_review
    # mode always records.
    record_video: Mapped[bool] = mapped_column(default=False)
    snapshot_interval_s: Mapped[int] = mapped_column(default=10)
    screen_interval_s: Mapped[int] = mapped_column(default=30)
    shuffle_questions: Mapped[bool] = mapped_column(default=True)
    shuffle_options: Mapped[bool] = mapped_column(default=True)
    # Students see their score, flags and evidence (and may appeal) once released.
    results_released: Mapped[bool] = mapped_column(default=False)
    # When the summary email went to the exam's teacher after the window closed.
    summary_sent_at: Mapped[datetime | None]
    # Live mode: the members on duty for this exam, and how many students each watches at
    # most (0: no assignment, every proctor sees everyone).
    proctor_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    students_per_proctor: Mapped[int] = mapped_column(default=0)


class ExamItem(OrgScoped, Base):
    """One slot of an exam: a fixed bank question, or ``pool_count`` questions drawn at
    random (per student) from the bank questions carrying all of ``pool_tags``."""

    __tablename__ = "exam_items"

    exam_id: Mapped[str] = mapped_column(ForeignKey("exams.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    question_id: Mapped[str | None] = mapped_column(ForeignKey("questions.id", ondelete="SET NULL"))
    pool_tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    pool_count: Mapped[int] = mapped_column(default=0)


class ExamGroup(OrgScoped, Base):
    """An exam restricted to groups admits only their members."""

    __tablename__ = "exam_groups"
    __table_args__ = (UniqueConstraint("exam_id", "group_id"),)

    exam_id: Mapped[str] = mapped_column(ForeignKey("exams.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[str] = mapped_column(ForeignKey("student_groups.id", ondelete="CASCADE"))


class Accommodation(OrgScoped, Base):
    __tablename__ = "accommodations"
    __table_args__ = (UniqueConstraint("exam_id", "student_id"),)

    exam_id: Mapped[str] = mapped_column(ForeignKey("exams.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[str] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    extra_minutes: Mapped[int] = mapped_column(default=0)
    disabled_flags: Mapped[list[str]] = mapped_column(JSON, default=list)


class ExamTemplate(OrgScoped, Base):
    """An exam's settings and items saved for reuse (``config`` as the exam API shapes it)."""

    __tablename__ = "exam_templates"

    name: Mapped[str] = mapped_column(String(200))
    config: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
