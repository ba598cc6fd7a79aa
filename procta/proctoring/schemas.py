from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, Field, StringConstraints

ClientId = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
]
MAX_BATCH = 200
# The flag types as a Literal: checked in pydantic-core, not in Python, for every event.
FlagTypeName = Literal[
    "identity_mismatch",
    "multiple_faces",
    "phone_detected",
    "proctor_warning",
    "devtools_open",
    "face_not_detected",
    "screen_share_stopped",
    "camera_lost",
    "room_camera_lost",
    "multiple_monitors",
    "gaze_deviation",
    "speech_detected",
    "microphone_lost",
    "tab_switch",
    "screenshot_attempt",
    "prohibited_content",
    "fullscreen_exit",
    "head_movement",
    "copy_paste",
    "blocked_shortcut",
    "right_click",
    "noise_level",
    "connection_lost",
]
DetailValue = (
    Annotated[str, StringConstraints(max_length=200)]
    | int
    | Annotated[float, Field(allow_inf_nan=False)]
    | bool
    | None
)
Details = Annotated[
    dict[Annotated[str, StringConstraints(max_length=40)], DetailValue], Field(max_length=12)
]


class EventIn(BaseModel):
    """One browser signal. ``phase``: ``instant`` (a paste), or ``start``/``end`` of a
    condition that lasts (the tab hidden, full screen left, the connection down)."""

    client_id: ClientId
    type: FlagTypeName
    phase: Literal["instant", "start", "end"] = "instant"
    at: AwareDatetime
    details: Details = Field(
        default_factory=dict, description="Up to 12 short key/value pairs (e.g. the key pressed)"
    )
    snapshot_id: ClientId | None = Field(
        None, description="Client id of the snapshot taken with this event"
    )


class EventBatchIn(BaseModel):
    events: Annotated[list[EventIn], Field(min_length=1, max_length=MAX_BATCH)]


class EventBatchOut(BaseModel):
    accepted: int = Field(description="New events stored")
    duplicates: int = Field(description="Events already stored (a retried batch)")
    ignored: int = Field(description="Events of flag types switched off for this attempt")
    live_risk: float


class SnapshotOut(BaseModel):
    id: str
    client_id: str
    kind: str
    taken_at: datetime
    size: int
    width: int | None
    height: int | None
    duplicate: bool = False


class ChunkOut(BaseModel):
    kind: str
    part: str
    next_seq: int = Field(description="The number of the next chunk the server expects")
    size: int


class UploadCheckOut(BaseModel):
    received: int


class ConsentIn(BaseModel):
    accept: Literal[True]


class ConsentOut(BaseModel):
    accepted_at: datetime
    retention_days: int
    recorded: list[str]


class Baseline(BaseModel):
    """The neutral pose and the room as the client measured them during calibration."""

    yaw: Annotated[float, Field(ge=-90, le=90)] | None = None
    pitch: Annotated[float, Field(ge=-90, le=90)] | None = None
    roll: Annotated[float, Field(ge=-180, le=180)] | None = None
    face_size: (
        Annotated[float, Field(ge=0, le=1, description="face width / frame width")] | None
    ) = None
    brightness: Annotated[float, Field(ge=0, le=255)] | None = None
    noise_floor_db: Annotated[float, Field(ge=-120, le=0)] | None = None
    samples: Annotated[int, Field(ge=0, le=10_000)] = 0


class CalibrationIn(BaseModel):
    status: Literal["ok", "poor", "skipped"]
    reason: Annotated[str, Field(max_length=200)] = ""
    baseline: Baseline = Field(default_factory=Baseline)


class CalibrationOut(BaseModel):
    cal_status: str
    cal_reason: str


class ProctoringSetup(BaseModel):
    """What the student's client must watch and send for this exam."""

    mode: str
    camera: bool
    microphone: bool
    screen: bool
    room_camera: bool
    snapshot_interval_s: int
    screen_interval_s: int
    enabled_flags: list[str]
    record_webcam: bool = Field(description="Record the webcam (and microphone) as video")
    record_screen: bool = Field(description="Record the shared screen as video")
    retention_days: int
    screenshot_retention_days: int
    recorded: list[str]
    consent_given: bool
    identity_done: bool
    cal_status: str


# --- teacher side ---------------------------------------------------------------------

Decision = Literal["undecided", "confirmed", "dismissed"]
VerdictIn = Literal["none", "clear", "escalate"]


class FlagOut(BaseModel):
    id: str
    type: str
    label: str
    source: str
    severity: str
    weight: float
    started_at: datetime
    ended_at: datetime
    duration_seconds: float
    open: bool
    event_count: int
    confidence: float
    suggestion: Literal["confirm", "dismiss", "review"]
    decision: Decision
    decided_by: str | None
    decided_at: datetime | None
    snapshots: list[str] = Field(description="Ids of the snapshots that show it")
    details: dict[str, Any]
    comment: str = Field(default="", description="A reviewer's warning: why")
    created_by: str | None = Field(default=None, description="Who added this warning")
    created_by_id: str | None = None


class ScoresOut(BaseModel):
    integrity: float | None
    risk: float | None
    risk_tier: str | None
    live_risk: float
    live_tier: str
    violations: int
    score_version: int | None
    verdict: VerdictIn
    verdict_by: str | None
    verdict_at: datetime | None


class MediaOut(BaseModel):
    id: str
    kind: str
    taken_at: datetime
    width: int | None
    height: int | None
    size: int


class ProctoringOut(BaseModel):
    """An attempt's proctoring record: what the triage panel and the review show."""

    attempt_id: str
    scores: ScoresOut
    flags: list[FlagOut]
    consent: dict[str, Any] | None
    cal_status: str
    cal_reason: str
    calibration: dict[str, Any] | None
    selfie_id: str | None
    id_document_id: str | None
    media: list[MediaOut]


class DecisionIn(BaseModel):
    decision: Decision


class BulkDecisionIn(BaseModel):
    flag_ids: Annotated[list[str], Field(min_length=1, max_length=500)]
    decision: Decision


class VerdictBody(BaseModel):
    verdict: VerdictIn


class BulkVerdictIn(BaseModel):
    attempt_ids: Annotated[list[str], Field(min_length=1, max_length=500)]
    verdict: VerdictIn


class BulkOut(BaseModel):
    updated: int


class BackfillOut(BaseModel):
    checked: int
    changed: int
