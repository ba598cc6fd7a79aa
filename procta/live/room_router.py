"""The room camera over HTTP: the exam page asks for a pairing link; the phone pairs with
it and sends room snapshots with its own token (``/room-sessions``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request
from pydantic import BaseModel, Field

from procta.attempts.student_router import CurrentAttempt
from procta.auth import tokens
from procta.auth.deps import DB, State
from procta.db import utcnow
from procta.errors import NotAuthenticated
from procta.exams.models import Exam
from procta.live import room, service
from procta.live.bus import attempt_channel, publish_after_commit
from procta.proctoring import service as proctoring
from procta.proctoring.schemas import ClientId, SnapshotOut
from procta.proctoring.student_router import UPLOAD_BODY, snapshot_out
from procta.storage.files import local_storage

student = APIRouter(prefix="/exam-sessions", tags=["exam sessions"])
phone = APIRouter(prefix="/room-sessions", tags=["room camera"])
MIN_INTERVAL_S = 5


class RoomLinkOut(BaseModel):
    url: str = Field(description="Open on the phone; the pairing code is in the fragment")
    qr_svg: str = Field(description="The URL as a QR code (SVG)")
    expires_at: datetime


class PairIn(BaseModel):
    code: Annotated[str, Field(min_length=8, max_length=100)]


class PairedOut(BaseModel):
    token: str = Field(description="Send it as `Authorization: Bearer` with each snapshot")
    exam_title: str
    student_name: str
    interval_s: int = Field(description="Seconds between room snapshots")


async def room_token(authorization: Annotated[str, Header()] = "") -> str:
    token = tokens.bearer(authorization, room.ROOM_TOKEN_PREFIX)
    if token is None:
        raise NotAuthenticated("Pair this phone first.", code="room_token_required")
    return token


RoomToken = Annotated[str, Depends(room_token)]


@student.post("/{attempt_id}/room-link")
async def room_link(attempt: CurrentAttempt, db: DB, state: State) -> RoomLinkOut:
    """A new one-time link (and QR code) that pairs a phone as this attempt's room camera;
    a phone paired through an older link stops being accepted."""
    found = await room.link(db, attempt, state.settings.public_url, utcnow())
    return RoomLinkOut(url=found.url, qr_svg=found.qr_svg, expires_at=found.expires_at)


@phone.post("/{attempt_id}/pair")
async def pair(attempt_id: str, body: PairIn, db: DB) -> PairedOut:
    attempt, token = await room.pair(db, attempt_id, body.code, utcnow())
    exam = await db.get(Exam, attempt.exam_id)
    assert exam is not None
    return PairedOut(
        token=token,
        exam_title=exam.title,
        student_name=await service.student_name(db, attempt),
        interval_s=max(MIN_INTERVAL_S, exam.snapshot_interval_s),
    )


@phone.post("/{attempt_id}/snapshots", status_code=201, openapi_extra=UPLOAD_BODY)
async def room_snapshot(
    attempt_id: str,
    request: Request,
    token: RoomToken,
    db: DB,
    state: State,
    client_id: Annotated[ClientId, Query()],
) -> SnapshotOut:
    """One JPEG of the room. The exam page hears of it (and notices when they stop)."""
    now = utcnow()
    data = await request.body()  # before the database: no transaction waits on the upload
    attempt, camera = await room.by_token(db, attempt_id, token)
    stored = await proctoring.store_media(
        db,
        local_storage(state.settings.data_dir),
        attempt,
        kind="room",
        client_id=client_id,
        taken_at=now,
        content_type=request.headers.get("content-type", ""),
        data=data,
        max_bytes=state.settings.max_snapshot_bytes,
        now=now,
        analyze=state.settings.analysis,
    )
    camera.last_seen_at = now
    publish_after_commit(
        db, state.bus, attempt_channel(attempt.id), {"type": "room", "at": now.isoformat()}
    )
    return snapshot_out(stored)
