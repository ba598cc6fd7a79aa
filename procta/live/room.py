"""The room camera: a phone paired with an attempt films the student's room.

The exam page asks for a pairing link (``link``): a one-time code, valid for a few minutes,
shown as a QR code. The phone trades the code for its own token (``pair``); a new link
unpairs the phone that had the old one. The token can do nothing but send room snapshots
of this attempt, so a lost phone gives away nothing else. The exam page hears of each
snapshot and raises ``room_camera_lost`` when they stop.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta

import segno
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from procta.attempts.models import Attempt
from procta.auth import tokens
from procta.errors import Conflict, Forbidden, Gone
from procta.exams.models import Exam
from procta.live.models import RoomCamera

CODE_LIFETIME = timedelta(minutes=10)
ROOM_TOKEN_PREFIX = "room_"  # noqa: S105 (a prefix, not a secret)


@dataclass(frozen=True)
class Link:
    url: str
    qr_svg: str
    expires_at: datetime


def qr_svg(text: str) -> str:
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="svg", scale=6, border=2, xmldecl=False)
    return out.getvalue().decode()


async def _camera(session: AsyncSession, attempt: Attempt) -> RoomCamera | None:
    return (
        await session.execute(
            select(RoomCamera).where(
                RoomCamera.org_id == attempt.org_id, RoomCamera.attempt_id == attempt.id
            )
        )
    ).scalar()


async def link(session: AsyncSession, attempt: Attempt, public_url: str, now: datetime) -> Link:
    """A fresh one-time pairing link for the phone (and its QR code)."""
    exam = await session.get(Exam, attempt.exam_id)
    if exam is None or not exam.room_camera_required:
        raise Conflict("This exam does not use a room camera.", code="room_camera_not_required")
    if attempt.status not in ("in_progress", "paused"):
        raise Conflict("This exam session is over.", code="attempt_closed")
    camera = await _camera(session, attempt)
    if camera is None:
        camera = RoomCamera(org_id=attempt.org_id, attempt_id=attempt.id)
        session.add(camera)
    code = tokens.new_token(18)
    camera.code_hash, camera.code_expires_at = tokens.digest(code), now + CODE_LIFETIME
    camera.token_hash = camera.paired_at = None  # the phone of an older link is let go
    await session.flush()
    # The code rides in the fragment: browsers never send it to a server or a log.
    url = f"{public_url.rstrip('/')}/room/{attempt.id}#{code}"
    return Link(url, qr_svg(url), camera.code_expires_at)


async def pair(
    session: AsyncSession, attempt_id: str, code: str, now: datetime
) -> tuple[Attempt, str]:
    """Trade a pairing code for the phone's token (the code works once)."""
    camera = (
        await session.execute(
            select(RoomCamera).where(
                RoomCamera.attempt_id == attempt_id,
                RoomCamera.code_hash == tokens.digest(code),
            )
        )
    ).scalar()
    if camera is None:
        raise Gone(
            "This link was used or replaced. Scan the QR code on the exam page again.",
            code="room_link_gone",
        )
    if camera.code_expires_at is None or camera.code_expires_at < now:
        raise Gone(
            "This link has expired. Show a new QR code on the exam page.",
            code="room_link_expired",
        )
    attempt = await session.get(Attempt, attempt_id)
    assert attempt is not None
    if attempt.status not in ("in_progress", "paused"):
        raise Conflict("This exam session is over.", code="attempt_closed")
    token = ROOM_TOKEN_PREFIX + tokens.new_token()
    camera.code_hash = camera.code_expires_at = None
    camera.token_hash, camera.paired_at = tokens.digest(token), now
    return attempt, token


async def by_token(
    session: AsyncSession, attempt_id: str, token: str
) -> tuple[Attempt, RoomCamera]:
    camera = (
        await session.execute(
            select(RoomCamera).where(
                RoomCamera.attempt_id == attempt_id,
                RoomCamera.token_hash == tokens.digest(token),
            )
        )
    ).scalar()
    if camera is None:
        raise Forbidden(
            "This phone is no longer paired with the exam. Scan the QR code again.",
            code="room_not_paired",
        )
    attempt = await session.get(Attempt, attempt_id)
    assert attempt is not None
    return attempt, camera


async def status(session: AsyncSession, attempt: Attempt) -> tuple[bool, datetime | None]:
    """(paired, when the last room snapshot came)."""
    camera = await _camera(session, attempt)
    if camera is None:
        return False, None
    return camera.token_hash is not None, camera.last_seen_at
