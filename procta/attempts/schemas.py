from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, Field, StringConstraints

RollNumber = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]


class ExamInfoOut(BaseModel):
    """What a student sees before joining: enough to decide, nothing secret."""

    id: str
    title: str
    instructions: str
    org_name: str
    duration_minutes: int
    window_start: datetime | None
    window_end: datetime | None
    needs_access_code: bool
    rules_allowed: list[str]
    rules_prohibited: list[str]
    question_count: int
    mode: str
    screen_required: bool = Field(description="The exam records the screen: share it to start")
    room_camera_required: bool
    invited_name: str | None = Field(
        None, description="The student a valid ``?invite=`` token names, to greet them by name"
    )


class JoinIn(BaseModel):
    """Roll number (and the access code, if the exam has one), or a personal invite token."""

    exam_id: Annotated[str, Field(min_length=1, max_length=32)]
    roll_number: RollNumber | None = None
    access_code: Annotated[str, Field(max_length=40)] = ""
    invite: Annotated[str | None, Field(max_length=200)] = None


class QuestionView(BaseModel):
    id: str
    position: int
    type: str
    stem: str
    options: list[dict[str, Any]]
    points: float


class AnswerView(BaseModel):
    response: Any
    flagged: bool
    client_seq: int
    saved_at: datetime


class TimingOut(BaseModel):
    status: str
    server_now: datetime
    started_at: datetime
    deadline_at: datetime
    paused_at: datetime | None = None
    remaining_seconds: int


class ExamSessionOut(TimingOut):
    attempt_id: str
    exam_id: str
    exam_title: str
    student_name: str
    roll_number: str
    questions: list[QuestionView]
    answers: dict[str, AnswerView]


class JoinOut(ExamSessionOut):
    token: str
    resumed: bool


class AnswerIn(BaseModel):
    response: Any = None
    flagged: bool = False
    client_seq: Annotated[int, Field(ge=1, le=2**31)]


class AnswerSavedOut(BaseModel):
    question_id: str
    client_seq: int
    saved_at: datetime
    applied: bool


class SubmittedOut(BaseModel):
    status: str
    submitted_at: datetime
    answered: int
    total: int
