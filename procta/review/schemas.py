from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, Field, StringConstraints

from procta.proctoring.schemas import ProctoringOut

ReviewStatus = Literal["approved", "declined"]
QueueStatus = Literal["pending", "approved", "declined", "all"]
Comment = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
Required = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class ReviewItem(BaseModel):
    """A row of the review queue."""

    attempt_id: str
    exam_id: str
    exam_title: str
    student_id: str
    name: str
    roll_number: str
    status: str
    submitted_at: datetime | None
    integrity: float | None
    risk_score: float | None
    risk_tier: str | None
    violations: int
    undecided: int = Field(description="Flags no reviewer has confirmed or dismissed yet")
    review_status: Literal["pending", "approved", "declined"]
    appeal_status: Literal["open", "upheld", "rejected"] | None


class ReviewIn(BaseModel):
    status: ReviewStatus
    comment: Comment = ""
    name_mismatch: bool = Field(
        default=False,
        description="The ID document does not show the registered name: declines, and "
        "records an identity_mismatch flag",
    )


class BulkReviewIn(BaseModel):
    attempt_ids: Annotated[list[str], Field(min_length=1, max_length=500)]
    status: ReviewStatus
    comment: Comment = ""


class ReviewOut(BaseModel):
    status: Literal["pending", "approved", "declined"]
    comment: str
    by: str | None
    at: datetime | None


class WarningIn(BaseModel):
    at: AwareDatetime = Field(description="The moment of the sitting the warning is about")
    comment: Required


class RecordingOut(BaseModel):
    kind: Literal["webcam", "screen"]
    url: str
    started_at: datetime
    offset_s: float = Field(description="Where this video starts on the review timeline")
    duration_s: float
    gaps: list[dict[str, float]] = Field(
        description="Stretches with no video ({start_s, end_s}, seconds into this video)"
    )


class AppealIn(BaseModel):
    comment: Required


class AppealResolveIn(BaseModel):
    status: Literal["upheld", "rejected"]
    resolution: Required


class AppealOut(BaseModel):
    id: str
    attempt_id: str
    comment: str
    status: Literal["open", "upheld", "rejected"]
    resolution: str
    created_at: datetime
    resolved_by: str | None
    resolved_at: datetime | None


class SummaryOut(BaseModel):
    text: str
    source: Literal["rules", "llm"]


class ReviewPacket(BaseModel):
    """Everything a reviewer needs to decide one attempt."""

    attempt_id: str
    exam_id: str
    exam_title: str
    mode: str
    student_id: str
    name: str
    roll_number: str
    status: str
    started_at: datetime
    submitted_at: datetime | None
    score: float | None
    max_score: float | None
    rules_allowed: list[str]
    rules_prohibited: list[str]
    proctoring: ProctoringOut
    timeline_start: datetime = Field(description="Zero of the review timeline")
    recordings: list[RecordingOut]
    review: ReviewOut
    appeal: AppealOut | None
    results_released: bool


class NextOut(BaseModel):
    attempt_id: str | None


class StudentFlagOut(BaseModel):
    type: str
    label: str
    severity: str
    started_at: datetime
    duration_seconds: float
    decision: str
    comment: str
    snapshots: list[str]


class StudentResultOut(BaseModel):
    """What a student sees of their own attempt once results are released."""

    exam_title: str
    status: str
    score: float | None
    max_score: float | None
    integrity: float | None
    risk_tier: str | None
    review: ReviewOut
    flags: list[StudentFlagOut]
    appeal: AppealOut | None
    can_appeal: bool


class ResultAccessIn(BaseModel):
    """The join's body will do. Its roll number and access code are ignored: they never
    open a result, because a result shows evidence photos; the personal invite does."""

    exam_id: Annotated[str, Field(min_length=1, max_length=32)]
    invite: Annotated[str | None, Field(max_length=200)] = None


class ResultAccessOut(BaseModel):
    attempt_id: str
    exam_id: str
    token: str
