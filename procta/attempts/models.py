from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, FetchedValue, ForeignKey, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, Mapper, mapped_column

from procta.db import Base, OrgScoped

STATUSES = ("in_progress", "paused", "submitted", "auto_submitted", "terminated", "failed")
FINISHED = ("submitted", "auto_submitted", "terminated")


class Attempt(OrgScoped, Base):
    """One student's sitting of one exam. Time is the server's: ``deadline_at`` is fixed at
    start (duration + accommodation) and moves only by time spent paused."""

    __tablename__ = "attempts"
    __table_args__ = (UniqueConstraint("exam_id", "student_id"),)
    __mapper_args__ = {"eager_defaults": True}

    exam_id: Mapped[str] = mapped_column(ForeignKey("exams.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[str] = mapped_column(
        ForeignKey("students.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default="in_progress", index=True)
    seed: Mapped[int]
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    started_at: Mapped[datetime]
    deadline_at: Mapped[datetime] = mapped_column(index=True)
    paused_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None]
    last_heartbeat_at: Mapped[datetime | None]
    score: Mapped[float | None]
    max_score: Mapped[float | None]
    needs_grading: Mapped[bool] = mapped_column(default=False)
    failure_reason: Mapped[str] = mapped_column(Text, default="")
    # Why a proctor ended the attempt (status "terminated"); the student sees it.
    end_reason: Mapped[str] = mapped_column(Text, default="")
    # Live mode: the proctor who watches this attempt (see live/proctors.py).
    proctor_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )

    # --- proctoring (procta/proctoring): consent, identity, calibration, flags, scores ---
    # When the student finished the proctoring setup and began; the time the setup took
    # (up to SETUP_ALLOWANCE) is given back on the clock then.
    began_at: Mapped[datetime | None]
    consent: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    selfie_id: Mapped[str | None] = mapped_column(String(32))
    id_document_id: Mapped[str | None] = mapped_column(String(32))
    calibration: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    cal_status: Mapped[str] = mapped_column(String(10), default="")  # ok|poor|skipped|redone
    cal_reason: Mapped[str] = mapped_column(String(200), default="")
    # Open or recent episode per flag type {type: {"id", "end", "open"}} and flags per type
    # so far {type: n}: what ingest needs to merge and score an event without a query.
    episodes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    flag_counts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    violations: Mapped[int] = mapped_column(default=0)
    severity: Mapped[str] = mapped_column(String(10), default="")
    last_event_at: Mapped[datetime | None]
    last_event_type: Mapped[str] = mapped_column(String(40), default="")
    # The live sum as it stood at live_at (scoring.LiveRisk) and its score then.
    live_total: Mapped[float] = mapped_column(default=0.0)
    live_at: Mapped[datetime | None]
    live_risk: Mapped[float] = mapped_column(default=0.0)
    # Grows with every change of the attempt; the live feed's rows carry it, so a teacher's
    # page can tell a row read before a change from one written after it.
    live_version: Mapped[int] = mapped_column(
        default=0, server_default="0", server_onupdate=FetchedValue()
    )
    integrity: Mapped[float | None]
    risk: Mapped[float | None]
    score_version: Mapped[int | None]
    verdict: Mapped[str] = mapped_column(String(10), default="none")  # none|clear|escalate
    verdict_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    verdict_at: Mapped[datetime | None]
    # The review of record (procta/review): approved (the grade can be trusted; verdict
    # clear) or declined (verdict escalate); empty while it waits. The comment is the
    # reviewer's reason, shown in the report and to the student once results are released.
    review_status: Mapped[str] = mapped_column(String(10), default="")
    review_comment: Mapped[str] = mapped_column(Text, default="")
    reviewed_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None]


@event.listens_for(Attempt, "before_update")
def _next_live_version(_: Mapper[Attempt], __: Any, attempt: Attempt) -> None:
    """Every ORM update is a change the live row may show (event ingest, the one Core
    update that matters, counts its own). Counted in SQL: a writer that holds no row lock
    may hold a copy read before an ingest raised it, and must never lower it. The new
    value comes back with the UPDATE (RETURNING: ``eager_defaults`` and the column's
    ``server_onupdate``), so nothing loads it lazily."""
    attempt.live_version = Attempt.live_version + 1


class AttemptQuestion(OrgScoped, Base):
    """The question as this student saw it (stem, options in their order, points) and the
    key it is graded against, frozen at start so later bank edits change nothing."""

    __tablename__ = "attempt_questions"
    __table_args__ = (UniqueConstraint("attempt_id", "question_id"),)

    attempt_id: Mapped[str] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[str] = mapped_column(String(32))
    position: Mapped[int]
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)


class Answer(OrgScoped, Base):
    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("attempt_id", "question_id"),)

    attempt_id: Mapped[str] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[str] = mapped_column(String(32))
    response: Mapped[Any] = mapped_column(JSON, nullable=True)
    flagged: Mapped[bool] = mapped_column(default=False)
    # The client's monotonically increasing save counter: an older save never overwrites
    # a newer one, and a retried save is a no-op (idempotency).
    client_seq: Mapped[int] = mapped_column(default=0)
    saved_at: Mapped[datetime]
    points: Mapped[float | None]
    graded_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    feedback: Mapped[str] = mapped_column(Text, default="")
