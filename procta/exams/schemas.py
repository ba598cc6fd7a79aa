from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from procta.exams.flags import check_flag_type

Mode = Literal["auto", "live", "record_review"]
Status = Literal["draft", "published", "archived"]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Rule = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Rules = Annotated[list[Rule], Field(max_length=30)]
Instructions = Annotated[str, StringConstraints(max_length=20_000)]
# Seconds between periodic snapshots: at least 5 (upload and storage), at most 10 minutes.
SnapshotInterval = Annotated[int, Field(ge=5, le=600)]
AccessCode = Annotated[str, StringConstraints(max_length=40)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=32)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
FlagName = Annotated[str, AfterValidator(check_flag_type)]


class FlagSetting(BaseModel):
    enabled: bool = True
    weight: float = Field(ge=0, le=1000)


FlagSettings = Annotated[dict[FlagName, FlagSetting], Field(max_length=50)]


def _window_in_order(start: datetime | None, end: datetime | None) -> None:
    if start is not None and end is not None and end <= start:
        raise ValueError("window_end must be after window_start")


class ExamIn(BaseModel):
    title: Title
    instructions: Instructions = ""
    course_id: Id | None = None
    duration_minutes: int = Field(60, ge=1, le=1440)
    window_start: AwareDatetime | None = None
    window_end: AwareDatetime | None = None
    access_code: AccessCode = ""
    mode: Mode = "auto"
    rules_allowed: Rules = []
    rules_prohibited: Rules = []
    flag_settings: FlagSettings = {}
    room_camera_required: bool = False
    screen_recording_required: bool = False
    record_video: bool = False
    snapshot_interval_s: SnapshotInterval = 10
    screen_interval_s: SnapshotInterval = 30
    shuffle_questions: bool = True
    shuffle_options: bool = True
    group_ids: Annotated[list[Id], Field(max_length=200)] = []
    status: Literal["draft", "published"] = "draft"

    @model_validator(mode="after")
    def window_in_order(self) -> ExamIn:
        _window_in_order(self.window_start, self.window_end)
        return self


class ExamPatchIn(BaseModel):
    """Only the fields sent change; ``null`` clears the course or a window bound."""

    title: Title | None = None
    instructions: Instructions | None = None
    course_id: Id | None = None
    duration_minutes: int | None = Field(None, ge=1, le=1440)
    window_start: AwareDatetime | None = None
    window_end: AwareDatetime | None = None
    access_code: AccessCode | None = None
    mode: Mode | None = None
    rules_allowed: Rules | None = None
    rules_prohibited: Rules | None = None
    flag_settings: FlagSettings | None = None
    room_camera_required: bool | None = None
    screen_recording_required: bool | None = None
    record_video: bool | None = None
    snapshot_interval_s: SnapshotInterval | None = None
    screen_interval_s: SnapshotInterval | None = None
    shuffle_questions: bool | None = None
    shuffle_options: bool | None = None
    group_ids: Annotated[list[Id], Field(max_length=200)] | None = None
    status: Status | None = None

    @model_validator(mode="after")
    def no_null_for_required(self) -> ExamPatchIn:
        nullable = {"course_id", "window_start", "window_end"}
        for name in self.model_fields_set - nullable:
            if getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class ItemIn(BaseModel):
    """``{"question_id": ...}`` or ``{"pool_tags": [...], "pool_count": n}``."""

    question_id: Id | None = None
    pool_tags: Annotated[list[Tag], Field(max_length=10)] = []
    pool_count: int = Field(0, ge=0, le=500)

    @model_validator(mode="after")
    def one_kind(self) -> ItemIn:
        if self.question_id is not None:
            if self.pool_tags or self.pool_count:
                raise ValueError("an item is either a question_id or a pool, not both")
        elif not self.pool_tags or self.pool_count < 1:
            raise ValueError("an item needs a question_id, or pool_tags and a pool_count of 1+")
        return self


class ItemsIn(BaseModel):
    items: Annotated[list[ItemIn], Field(max_length=500)]


class QuestionSummaryOut(BaseModel):
    id: str
    type: str
    stem: str
    points: float
    tags: list[str]
    deleted: bool


class ExamItemOut(BaseModel):
    position: int
    kind: Literal["question", "pool"]
    question: QuestionSummaryOut | None
    pool_tags: list[str]
    pool_count: int
    matching_count: int | None


class ExamItemsOut(BaseModel):
    items: list[ExamItemOut]
    question_count: int


class CourseRef(BaseModel):
    id: str
    name: str


class GroupRef(BaseModel):
    id: str
    name: str


class EffectiveFlagOut(BaseModel):
    type: str
    label: str
    severity: str
    default_weight: float
    enabled: bool
    weight: float


class ExamSummaryOut(BaseModel):
    id: str
    title: str
    course: CourseRef | None
    status: Status
    mode: Mode
    duration_minutes: int
    window_start: datetime | None
    window_end: datetime | None
    question_count: int
    has_access_code: bool
    created_at: datetime


class ExamOut(ExamSummaryOut):
    instructions: str
    access_code: str
    rules_allowed: list[str]
    rules_prohibited: list[str]
    flag_settings: dict[str, FlagSetting]
    flags: list[EffectiveFlagOut]
    room_camera_required: bool
    screen_recording_required: bool
    record_video: bool = Field(
        description="Record webcam and screen video (always in record_review)"
    )
    results_released: bool
    snapshot_interval_s: int
    screen_interval_s: int
    shuffle_questions: bool
    shuffle_options: bool
    groups: list[GroupRef]
    items: list[ExamItemOut]
    attempt_count: int
    analysis_warnings: list[str] = Field(
        description="AI analyses switched off because a model could not load (recent snapshots)"
    )


class AccessCodeOut(BaseModel):
    access_code: str


class AccommodationIn(BaseModel):
    extra_minutes: int = Field(0, ge=0, le=600)
    disabled_flags: Annotated[list[FlagName], Field(max_length=50)] = []

    @field_validator("disabled_flags")
    @classmethod
    def unique(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))


class StudentRef(BaseModel):
    id: str
    roll_number: str
    name: str


class AccommodationOut(BaseModel):
    student: StudentRef
    extra_minutes: int
    disabled_flags: list[str]
    created_at: datetime


class TemplateIn(BaseModel):
    name: Title


class TemplateOut(BaseModel):
    id: str
    name: str
    question_count: int
    config: dict[str, Any]
    created_at: datetime


class FromTemplateIn(BaseModel):
    title: Title
    course_id: Id | None = None


class CloneIn(BaseModel):
    title: Title | None = None


class ExamInviteIn(BaseModel):
    """Students to invite by id, and/or every member of these groups."""

    student_ids: Annotated[list[Id], Field(max_length=2000)] = []
    group_ids: Annotated[list[Id], Field(max_length=100)] = []


class ExamInviteLinkOut(BaseModel):
    student_id: str
    roll_number: str
    name: str
    email: str | None
    url: str


class ExamInvitesOut(BaseModel):
    invited: int
    emailed: int
    links: list[ExamInviteLinkOut]
