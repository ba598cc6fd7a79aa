"""Live monitoring over HTTP: the sessions table, alerts, the triage panel, proctor actions
and chat. The same rows and alerts travel over the teacher socket."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints, model_validator

Action = Literal["warn", "pause", "resume", "end", "note"]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
CHAT_MAX = 2000


class LiveRow(BaseModel):
    attempt_id: str
    exam_id: str
    student_id: str
    roll_number: str
    name: str
    status: str
    last_event_type: str
    last_event_label: str
    last_event_at: datetime | None
    severity: str = Field(description="The highest severity of any flag so far")
    live_risk: float
    tier: str
    violations: int
    cal_status: str
    last_seen_at: datetime | None
    started_at: datetime
    deadline_at: datetime
    paused_at: datetime | None
    end_reason: str
    proctor_id: str | None = Field(description="The proctor assigned to watch it (live mode)")
    version: int = Field(
        description="Grows with every change of the attempt: a row with a lower version than "
        "one already shown was read before that change and is stale"
    )


class AlertOut(BaseModel):
    """A flag as the live alert feed shows it."""

    id: str = Field(description="The flag's id")
    attempt_id: str
    exam_id: str
    exam_title: str
    student_name: str
    roll_number: str
    type: str
    label: str
    severity: str
    source: str
    started_at: datetime
    message: str = Field(description='"Sustained gaze deviation detected" and the like')


class ActionIn(BaseModel):
    action: Action
    message: Text = Field(
        default="",
        description="What the student reads (warn), why (end), or the note; required for "
        "warn, end and note",
    )

    @model_validator(mode="after")
    def _message_needed(self) -> ActionIn:
        if self.action in ("warn", "end", "note") and not self.message:
            need = {"warn": "the warning to show", "end": "the reason", "note": "the note"}
            raise ValueError(f"Write {need[self.action]}.")
        return self


class ActionOut(BaseModel):
    id: str
    action: Action
    message: str
    actor_name: str
    at: datetime
    acknowledged_at: datetime | None


class ActedOut(BaseModel):
    action: ActionOut
    row: LiveRow


class Identity(BaseModel):
    selfie_id: str | None
    id_document_id: str | None
    match: bool | None = Field(description="Whether the webcam face matched the selfie so far")


class TriageOut(BaseModel):
    row: LiveRow
    exam_title: str
    answered: int
    total: int
    remaining_seconds: int
    cal_reason: str
    identity: Identity
    latest: dict[str, str | None] = Field(
        description="The newest webcam, screen and room snapshot ids"
    )
    risk_series: list[tuple[datetime, float]]
    actions: list[ActionOut]


class ChatIn(BaseModel):
    text: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=CHAT_MAX)
    ]


class ChatMessage(BaseModel):
    id: str
    at: datetime
    sender: Literal["proctor", "student"]
    name: str
    text: str
    broadcast: bool = False


class WarningOut(BaseModel):
    id: str
    message: str
    at: datetime


class RoomStatus(BaseModel):
    required: bool
    paired: bool
    last_seen_at: datetime | None = Field(description="When the last room snapshot came")


class StudentLiveOut(BaseModel):
    status: str
    remaining_seconds: int
    deadline_at: datetime
    paused_at: datetime | None
    end_reason: str
    warnings: list[WarningOut] = Field(description="Warnings not acknowledged yet")
    chat: list[ChatMessage]
    room: RoomStatus


class ProctorsIn(BaseModel):
    user_ids: Annotated[list[str], Field(max_length=100)] = Field(
        description="The members on duty; empty: no assignment, everyone sees everyone"
    )
    students_per_proctor: Annotated[int, Field(ge=0, le=1000)] = Field(
        default=0, description="How many students one proctor watches at most (0: no limit)"
    )


class ProctorLoad(BaseModel):
    user_id: str
    name: str
    email: str
    students: int = Field(description="Students being written now who are assigned to them")


class DutyOut(BaseModel):
    students_per_proctor: int
    proctors: list[ProctorLoad]
    active_students: int
    proctors_needed: int = Field(description="More proctors the ratio asks for right now")
