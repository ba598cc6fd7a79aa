from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, Field


class ResultRow(BaseModel):
    """A row of an exam's Results table. ``risk_score`` (100 - integrity) is set once the
    attempt is submitted; ``calibration`` is ok, poor, skipped, redone or null (not done)."""

    attempt_id: str
    student_id: str
    roll_number: str
    name: str
    status: str
    score: float | None
    max_score: float | None
    score_percent: float | None
    needs_grading: bool
    violations: int
    risk_score: float | None
    risk_tier: str | None
    calibration: str | None
    verdict: str
    review_status: str = Field(description="approved, declined, or empty while it waits")
    time_seconds: int
    started_at: datetime
    deadline_at: datetime
    submitted_at: datetime | None
    last_heartbeat_at: datetime | None


class ResultsSummary(BaseModel):
    """The numbers above an exam's Results table. ``submitted`` counts every finished
    attempt (submitted, auto-submitted or terminated); the average is over those with a
    score."""

    exam_id: str
    attempts: int
    submitted: int
    in_progress: int
    failed: int
    needs_grading: int
    average_score_percent: float | None


class AttemptQuestionOut(BaseModel):
    question_id: str
    position: int
    type: str
    stem: str
    options: list[dict[str, Any]]
    points: float
    correct_answer: Any
    response: Any
    flagged: bool
    awarded: float | None
    graded_by_teacher: bool
    feedback: str


class AttemptDetailOut(ResultRow):
    exam_id: str
    exam_title: str
    failure_reason: str
    questions: list[AttemptQuestionOut]


class GradeIn(BaseModel):
    points: Annotated[float, Field(ge=0)]
    feedback: Annotated[str, Field(max_length=5000)] = ""


class FailedRow(BaseModel):
    attempt_id: str
    exam_id: str
    exam_title: str
    roll_number: str
    name: str
    status: str
    failure_reason: str
    started_at: datetime
    deadline_at: datetime
    last_heartbeat_at: datetime | None


class HistoryRow(BaseModel):
    student_id: str
    roll_number: str
    name: str
    exams: int
    avg_score_percent: float | None
    last_risk: float | None
    last_risk_tier: str | None
    last_exam_title: str | None
    last_exam_at: datetime | None


class HistoryAttempt(BaseModel):
    attempt_id: str
    exam_id: str
    exam_title: str
    course_name: str | None
    status: str
    score_percent: float | None
    needs_grading: bool
    violations: int
    risk_score: float | None
    risk_tier: str | None
    started_at: datetime
    submitted_at: datetime | None
