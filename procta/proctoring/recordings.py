"""Recordings: the webcam (and screen) of an attempt uploaded in numbered chunks, and in
record_review mode decoded at one frame a second after submission and analysed like
snapshots.

Each MediaRecorder the client runs is one *part* (a reload or a restarted screen share
starts another, with its own WebM header). A part's chunks are appended in order. Chunk
``n`` again (a retry) is a no-op; a chunk past the next expected one is refused with the
number to send, so the client resends what was lost and a part never has a hole.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from procta.attempts.models import Attempt
from procta.db import after_commit, session_scope
from procta.errors import AppError, BadRequest, Conflict
from procta.exams.models import Exam
from procta.proctoring import findings, scores, service
from procta.proctoring.analysis import FACE_TYPES, analysis_of, baseline_of, raise_flags
from procta.proctoring.ingest import Signal
from procta.proctoring.models import Recording
from procta.storage.files import Storage

VIDEO_TYPES = {"video/webm": b"\x1a\x45\xdf\xa3"}
FRAME_EVERY_S = 1.0
MAX_FRAMES = 4 * 3600  # four hours at one frame a second
MAX_PARTS = 100  # recorder restarts (reloads, re-shared screens) per attempt and kind


async def add_chunk(
    session: AsyncSession,
    storage: Storage,
    attempt: Attempt,
    *,
    kind: str,
    part: str,
    started_at: datetime | None,
    seq: int,
    content_type: str,
    data: bytes,
    max_total: int,
    now: datetime,
) -> Recording:
    service.ensure_running(attempt)
    service.require_consent(attempt)
    base = content_type.split(";")[0].strip().lower()
    if base not in VIDEO_TYPES:
        raise AppError("Recordings must be video/webm.", code="unsupported_media_type", status=415)
    if not data:
        raise BadRequest("The chunk is empty.", code="empty_upload")
    recording = (
        await session.execute(
            select(Recording)
            .where(
                Recording.attempt_id == attempt.id, Recording.kind == kind, Recording.part == part
            )
            .with_for_update()
        )
    ).scalar()
    stored: int | None = None  # bytes of every part of this kind, read only when needed
    if recording is None:
        parts, stored = await _kind_totals(session, attempt, kind)
        if parts >= MAX_PARTS:
            raise Conflict(
                "This recording has been restarted too often; it is not recorded further.",
                code="too_many_parts",
            )
        if seq != 0:
            raise Conflict(
                "Send the recording from its first chunk (0).",
                code="missing_chunk",
                details={"expected": 0},
            )
        if not data.startswith(VIDEO_TYPES[base]):
            raise BadRequest("The recording does not start like a WebM file.", code="invalid_video")
        recording = Recording(
            org_id=attempt.org_id,
            attempt_id=attempt.id,
            kind=kind,
            part=part,
            content_type=base,
            storage_key=f"{attempt.org_id}/{attempt.id}/recordings/{kind}-{part}.webm",
            size=0,
            chunks=0,
            # The client's clock is the server's (the app keeps the offset); never before
            # the sitting began nor in the future.
            started_at=min(max(started_at or now, attempt.started_at), now),
        )
        session.add(recording)
        await session.flush()  # a concurrent first chunk fails here, before any byte is written
    if seq < recording.chunks:  # a retry of a chunk already appended
        return recording
    if seq > recording.chunks:
        raise Conflict(
            f"Chunk {recording.chunks} is missing; send it first.",
            code="missing_chunk",
            details={"expected": recording.chunks},
        )
    if stored is None:
        _, stored = await _kind_totals(session, attempt, kind)
    if stored + len(data) > max_total:  # every part of this kind together
        raise AppError(
            "The recording is longer than this server keeps.", code="body_too_large", status=413
        )
    recording.size = storage.append(recording.storage_key, data, at=recording.size)
    recording.chunks += 1
    await session.flush()
    return recording


async def _kind_totals(session: AsyncSession, attempt: Attempt, kind: str) -> tuple[int, int]:
    """(parts, bytes) of the attempt's recording of this kind, every part together."""
    parts, size = (
        await session.execute(
            select(func.count(Recording.id), func.coalesce(func.sum(Recording.size), 0)).where(
                Recording.org_id == attempt.org_id,
                Recording.attempt_id == attempt.id,
                Recording.kind == kind,
            )
        )
    ).one()
    return int(parts), int(size)


async def after_submit(session: AsyncSession, attempt: Attempt, *, analyse: bool) -> None:
    """Once the attempt is submitted, with media jobs on (``PROCTA_ANALYSIS``): join its
    recordings for playback (so the reviewer's first look does not wait on it) and, in
    record_review mode, analyse the webcam recording. Without the jobs, the first look
    joins them."""
    if not analyse:
        return
    parts = list(
        (
            await session.execute(
                select(Recording.id, Recording.kind).where(
                    Recording.org_id == attempt.org_id, Recording.attempt_id == attempt.id
                )
            )
        ).all()
    )
    if not parts:
        return
    exam = await session.get(Exam, attempt.exam_id)
    webcam = [rid for rid, kind in parts if kind == "webcam"]
    if exam is None or exam.mode != "record_review":
        webcam = []
    from procta.proctoring.tasks import analyze_recording, join_recordings

    attempt_id, org_id = attempt.id, attempt.org_id

    def send() -> None:
        join_recordings.send(org_id, attempt_id)
        for recording_id in webcam:
            analyze_recording.send(recording_id)

    after_commit(session, send)


def frames(path: Path, every_s: float = FRAME_EVERY_S) -> Iterator[tuple[float, Any]]:
    """(seconds from the start, RGB frame) once every ``every_s`` of the video."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        next_at, taken = 0.0, 0
        for frame in container.decode(stream):
            if frame.time is None or frame.time < next_at:
                continue
            yield float(frame.time), frame.to_ndarray(format="rgb24")
            taken += 1
            next_at = frame.time + every_s
            if taken >= MAX_FRAMES:
                return


def _analyse_video(path: Path, baseline: dict[str, float]) -> list[tuple[float, dict[str, Any]]]:
    from procta.vision import analyze_frame

    return [(t, analyze_frame(rgb, baseline).to_json()) for t, rgb in frames(path)]


async def analyze_recording(
    sessions: async_sessionmaker[AsyncSession],
    storage: Storage,
    recording_id: str,
    *,
    now: datetime,
    gap: timedelta,
    half_life_s: float,
) -> dict[str, Any]:
    """Decode the recording at one frame a second and raise AI flags for what it shows,
    timed at that moment of the sitting; the stored scores follow. No transaction is open
    while the video is decoded and analysed (minutes for a long sitting)."""
    async with session_scope(sessions) as session:
        recording = await session.get(Recording, recording_id)
        if recording is None:
            return {}
        attempt = await session.get(Attempt, recording.attempt_id)
        assert attempt is not None
        table = await scores.flag_table(session, attempt)
        on = {name for name, flag in table.items() if flag.enabled} & FACE_TYPES
        selfie = await analysis_of(session, attempt.selfie_id)
        baseline = baseline_of(selfie, attempt.calibration)
        attempt_id, key, started = attempt.id, recording.storage_key, recording.started_at
    if not on:
        analysis: dict[str, Any] = {"skipped": "face checks are off for this exam"}
        results: list[tuple[float, dict[str, Any]]] = []
    else:
        try:
            results = await asyncio.to_thread(_analyse_video, storage.path(key), baseline)
            analysis = {"frames": len(results)}
        except Exception as exc:  # PyAV raises its own error types for a corrupt file
            analysis, results = {"error": f"could not analyse: {type(exc).__name__}: {exc}"}, []
    signals = []
    for t, result in results:
        for f in findings.webcam(result):
            if f.type in on:
                signals.append(
                    Signal(
                        f"rec:{recording_id}:{t:.1f}:{f.type}",
                        f.type,
                        "instant",
                        started + timedelta(seconds=t),
                        f.details | {"recording": recording_id, "t": round(t, 1)},
                        None,
                        "ai",
                        f.confidence,
                    )
                )
    if "frames" in analysis:
        analysis["findings"] = len(signals)
    async with session_scope(sessions) as session:
        recording = await session.get(Recording, recording_id)
        if recording is None:
            return {}
        recording.analysis = analysis
        await session.flush()
        await raise_flags(session, attempt_id, signals, now, gap, half_life_s)
    return analysis
