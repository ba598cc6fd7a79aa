"""Proctoring routes of the student's client (attempt token, like the rest of
``/exam-sessions``): setup, consent, calibration, identity photos, snapshots and clips,
and batches of browser events."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from pydantic import AwareDatetime

from procta.attempts import service as attempts
from procta.attempts.schemas import TimingOut
from procta.attempts.student_router import AttemptToken, CurrentAttempt, timing
from procta.auth.deps import DB, State
from procta.db import utcnow
from procta.errors import AppError
from procta.proctoring import recordings, service
from procta.proctoring.schemas import (
    CalibrationIn,
    CalibrationOut,
    ChunkOut,
    ClientId,
    ConsentIn,
    ConsentOut,
    EventBatchIn,
    EventBatchOut,
    ProctoringSetup,
    SnapshotOut,
    UploadCheckOut,
)
from procta.storage.files import local_storage

router = APIRouter(prefix="/exam-sessions", tags=["exam sessions"])

MediaKind = Literal["webcam", "screen", "room", "audio"]
IdentityKind = Literal["selfie", "id_document"]


@router.post("/{attempt_id}/events")
async def post_events(
    attempt_id: str, body: EventBatchIn, token: AttemptToken, state: State
) -> EventBatchOut:
    """A batch of browser signals. Idempotent on each event's ``client_id``: a retried
    batch stores nothing twice. Answers once the events are committed."""
    result = await state.ingest.submit(attempt_id, token, body.events)
    return EventBatchOut(
        accepted=result.accepted,
        duplicates=result.duplicates,
        ignored=result.ignored,
        live_risk=round(result.live_risk, 1),
    )


@router.get("/{attempt_id}/proctoring")
async def proctoring_setup(attempt: CurrentAttempt, db: DB) -> ProctoringSetup:
    """What this client must watch and send, and which steps are done."""
    return await service.setup_for(db, attempt)


@router.post("/{attempt_id}/consent")
async def consent(_: ConsentIn, attempt: CurrentAttempt, db: DB) -> ConsentOut:
    given = await service.give_consent(db, attempt, utcnow())
    return ConsentOut(
        accepted_at=datetime.fromisoformat(given["accepted_at"]),
        retention_days=given["retention_days"],
        recorded=given["recorded"],
    )


@router.post("/{attempt_id}/begin")
async def begin(attempt: CurrentAttempt, db: DB) -> TimingOut:
    """The setup is done and the student begins: the clock gives back the setup's time
    (up to 10 minutes, once, before any answer). Safe to call again (a resume)."""
    return timing(await service.begin(db, attempt, utcnow()))


@router.post("/{attempt_id}/calibration")
async def calibration(body: CalibrationIn, attempt: CurrentAttempt, db: DB) -> CalibrationOut:
    saved = await service.save_calibration(db, attempt, body, utcnow())
    return CalibrationOut(cal_status=saved.cal_status, cal_reason=saved.cal_reason)


async def _upload(
    request: Request,
    attempt_id: str,
    token: str,
    db: DB,
    state: State,
    *,
    kind: str,
    client_id: str,
    taken_at: datetime | None,
) -> SnapshotOut:
    now = utcnow()
    settings = state.settings
    data = await request.body()  # before the database: no transaction waits on a slow upload
    attempt = await attempts.by_token(db, attempt_id, token)
    stored = await service.store_media(
        db,
        local_storage(settings.data_dir),
        attempt,
        kind=kind,
        client_id=client_id,
        taken_at=taken_at or now,
        content_type=request.headers.get("content-type", ""),
        data=data,
        max_bytes=settings.max_snapshot_bytes,
        now=now,
        analyze=settings.analysis,
    )
    return snapshot_out(stored)


def snapshot_out(stored: service.StoredMedia) -> SnapshotOut:
    snap = stored.snapshot
    return SnapshotOut(
        id=snap.id,
        client_id=snap.client_id,
        kind=snap.kind,
        taken_at=snap.taken_at,
        size=snap.size,
        width=snap.width,
        height=snap.height,
        duplicate=stored.duplicate,
    )


UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
            "audio/webm": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


@router.post("/{attempt_id}/snapshots", status_code=201, openapi_extra=UPLOAD_BODY)
async def post_snapshot(
    attempt_id: str,
    request: Request,
    token: AttemptToken,
    db: DB,
    state: State,
    client_id: Annotated[ClientId, Query()],
    kind: Annotated[MediaKind, Query()] = "webcam",
    taken_at: AwareDatetime | None = None,
) -> SnapshotOut:
    """A webcam, screen or room JPEG, or an audio clip (``kind=audio``), as the raw body.
    Idempotent on ``client_id``."""
    return await _upload(
        request, attempt_id, token, db, state, kind=kind, client_id=client_id, taken_at=taken_at
    )


@router.post("/{attempt_id}/identity/{kind}", status_code=201, openapi_extra=UPLOAD_BODY)
async def post_identity(
    attempt_id: str,
    kind: IdentityKind,
    request: Request,
    token: AttemptToken,
    db: DB,
    state: State,
    client_id: Annotated[ClientId, Query()],
) -> SnapshotOut:
    """The ID document photo or the selfie (JPEG body); a retake replaces the reference."""
    return await _upload(
        request, attempt_id, token, db, state, kind=kind, client_id=client_id, taken_at=None
    )


@router.post("/{attempt_id}/upload-check")
async def upload_check(
    attempt_id: str, request: Request, token: AttemptToken, db: DB
) -> UploadCheckOut:
    """The system check's upload-speed probe: reads the body (up to the JSON cap) and
    stores nothing; the client times the round trip. The token is checked after the read,
    so no transaction waits on the upload."""
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
    await attempts.by_token(db, attempt_id, token)
    return UploadCheckOut(received=received)


@router.post(
    "/{attempt_id}/recordings/{kind}/chunks",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"video/webm": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
async def post_recording_chunk(
    attempt_id: str,
    kind: Literal["webcam", "screen"],
    request: Request,
    token: AttemptToken,
    db: DB,
    state: State,
    seq: Annotated[int, Query(ge=0, le=100_000)],
    part: Annotated[ClientId, Query(description="The client's id of this recorder run")] = "p0",
    started_at: Annotated[
        AwareDatetime | None, Query(description="When this part's recorder started")
    ] = None,
) -> ChunkOut:
    """Chunk ``seq`` of one part of the webcam or screen recording (raw WebM body,
    MediaRecorder's timeslices in order). A chunk sent again is a no-op; one past the next
    expected gets 409 ``missing_chunk`` with ``details.expected``."""
    settings = state.settings
    data = await request.body()  # before the database: no transaction waits on the upload
    if len(data) > settings.max_snapshot_bytes * 5:
        raise AppError("The chunk is too large.", code="body_too_large", status=413)
    attempt = await attempts.by_token(db, attempt_id, token)
    recording = await recordings.add_chunk(
        db,
        local_storage(settings.data_dir),
        attempt,
        kind=kind,
        part=part,
        started_at=started_at,
        seq=seq,
        content_type=request.headers.get("content-type", ""),
        data=data,
        max_total=settings.max_recording_bytes,
        now=utcnow(),
    )
    return ChunkOut(kind=kind, part=part, next_seq=recording.chunks, size=recording.size)
