"""AI analysis of one stored snapshot or clip (the work of the ``analyze_media`` job).

The vision functions run in a thread (they block); what they find goes through the same
episode merger as browser events, as ``ai`` signals with their confidence and the snapshot
as evidence, so three webcam snapshots in a row without a face are one face_not_detected
episode. The result is kept on the snapshot (``analysis``) for reviewers; a file that cannot
be analysed gets ``{"error": …}`` there and raises no flag; a model that cannot load turns
its analysis off with ``{"warnings": […]}``, which the exam page shows. Only the analyses
whose flag types the exam (and the student's accommodation) has on are run.

The head-pose baseline is the selfie's pose as the server measures it (the student looks at
the camera for it), else the calibration the client measured; identity compares every
``IDENTITY_EVERY``-th webcam snapshot with the selfie, and the selfie with the ID photo.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from procta.attempts.models import FINISHED, Attempt
from procta.db import session_scope
from procta.errors import AppError
from procta.proctoring import findings, scores
from procta.proctoring.findings import Finding
from procta.proctoring.ingest import Signal, ingest_events
from procta.proctoring.models import Snapshot
from procta.storage.files import Storage

Raised = Callable[[str, list[str]], Awaitable[None]]
"""Told (attempt id, opened flag ids) once AI flags are committed."""
log = logging.getLogger("procta.proctoring")
IDENTITY_EVERY = 3
KIND_WORDS = {
    "webcam": "Webcam",
    "room": "Room camera",
    "selfie": "Identity",
    "id_document": "Identity",
    "screen": "Screen",
    "audio": "Audio",
}
FACE_TYPES = {"face_not_detected", "multiple_faces", "head_movement", "gaze_deviation"}


def vision_errors() -> str:
    from procta.vision import available

    return "; ".join(f"{name}: {error}" for name, error in available().items() if error)


def _webcam(data: bytes, baseline: Mapping[str, float] | None, reference: Any) -> dict[str, Any]:
    from procta.vision import analyze_frame, decode_image, identity

    rgb = decode_image(data, 640)
    result = analyze_frame(rgb, baseline)
    out: dict[str, Any] = result.to_json() | {"size": [int(rgb.shape[1]), int(rgb.shape[0])]}
    if reference is not None and result.count == 1 and result.faces:
        probe = identity.embed(rgb, result.faces[0].box)
        if probe is not None:
            match = identity.compare(reference, probe)
            out["identity"] = {
                "same": match.same,
                "confidence": round(match.confidence, 3),
                "distance": round(match.distance, 3),
            }
    return out


def _reference_photo(data: bytes) -> dict[str, Any]:
    """A selfie or ID photo: its face, its pose (the baseline) and its embedding."""
    from procta.vision import analyze_frame, decode_image, identity

    rgb = decode_image(data, 1280)
    result = analyze_frame(rgb)
    out: dict[str, Any] = result.to_json() | {"size": [int(rgb.shape[1]), int(rgb.shape[0])]}
    main = next((f for f in result.faces or () if not f.uncertain), None)
    embedding = identity.embed(rgb, main.box if main else None)
    out["embedding"] = None if embedding is None else [round(float(x), 6) for x in embedding]
    return out


def _screen(data: bytes) -> dict[str, Any]:
    from procta.vision import decode_image, ocr

    return {"ocr_hits": [asdict(h) for h in ocr.scan(decode_image(data, 1920))]}


def _audio(data: bytes) -> dict[str, Any]:
    from procta.vision import audio

    return asdict(audio.analyse(data))


async def analysis_of(session: AsyncSession, media_id: str | None) -> dict[str, Any]:
    if media_id is None:
        return {}
    found = await session.get(Snapshot, media_id)
    return dict(found.analysis) if found is not None else {}


def baseline_of(selfie: dict[str, Any], calibration: dict[str, Any] | None) -> dict[str, float]:
    """The selfie's measured pose, else the calibration the client measured."""
    from procta.vision.pose import baseline_from

    return baseline_from(selfie.get("pose") or calibration or {})


def _compare(a: list[float] | None, b: list[float] | None) -> dict[str, Any] | None:
    if not a or not b:
        return None
    from procta.vision import identity

    match = identity.compare(np.asarray(a), np.asarray(b))
    return {
        "same": match.same,
        "confidence": round(match.confidence, 3),
        "distance": round(match.distance, 3),
    }


async def _webcam_turn(session: AsyncSession, snap: Snapshot) -> int:
    """How many webcam snapshots of the attempt came before this one."""
    stmt = select(func.count()).where(
        Snapshot.attempt_id == snap.attempt_id,
        Snapshot.kind == "webcam",
        Snapshot.taken_at < snap.taken_at,
    )
    return int((await session.execute(stmt)).scalar_one())


@dataclass(frozen=True)
class Job:
    """Everything one analysis needs from the database, read in a short transaction so
    that none is open while the models run (on SQLite it would hold the write lock)."""

    media_id: str
    attempt_id: str
    kind: str
    client_id: str
    taken_at: datetime
    storage_key: str
    on: frozenset[str]
    baseline: dict[str, float]
    reference: list[float] | None  # the selfie's embedding, when identity is checked
    other: list[float] | None  # selfie <-> ID photo: the other one's embedding


async def _prepare(session: AsyncSession, media_id: str) -> Job | None:
    snap = await session.get(Snapshot, media_id)
    if snap is None:  # the attempt was deleted meanwhile
        return None
    attempt = await session.get(Attempt, snap.attempt_id)
    assert attempt is not None
    table = await scores.flag_table(session, attempt)
    on = frozenset(name for name, flag in table.items() if flag.enabled)
    selfie = await analysis_of(session, attempt.selfie_id)
    reference = other = None
    checks_identity = snap.kind == "webcam" and "identity_mismatch" in on
    if (
        checks_identity
        and selfie.get("embedding")
        and (await _webcam_turn(session, snap)) % IDENTITY_EVERY == 0
    ):
        reference = selfie["embedding"]
    if snap.kind in ("selfie", "id_document"):
        twin = attempt.id_document_id if snap.kind == "selfie" else attempt.selfie_id
        other = (await analysis_of(session, twin)).get("embedding")
    return Job(
        snap.id,
        attempt.id,
        snap.kind,
        snap.client_id,
        snap.taken_at,
        snap.storage_key,
        on,
        baseline_of(selfie, attempt.calibration),
        reference,
        other,
    )


def _compute(job: Job, data: bytes) -> tuple[dict[str, Any], list[Finding]]:
    """The models' part (blocking, no database)."""
    if job.kind in ("selfie", "id_document"):
        result = _reference_photo(data)
        match = _compare(result.get("embedding"), job.other)
        if match is not None:
            against = "id_document" if job.kind == "selfie" else "selfie"
            result["identity"] = match | {"against": against}
        return result, [f for f in findings.webcam({}, match) if f.type == "identity_mismatch"]
    if job.kind == "room":  # a second camera on the room: only other people count there
        if "multiple_faces" not in job.on:
            return {"skipped": "face checks are off for this exam"}, []
        result = _webcam(data, {}, None)
        return result, [f for f in findings.webcam(result) if f.type == "multiple_faces"]
    if job.kind == "webcam":
        if not job.on & (FACE_TYPES | {"identity_mismatch"}):
            return {"skipped": "face checks are off for this exam"}, []
        reference = np.asarray(job.reference) if job.reference else None
        result = _webcam(data, job.baseline, reference)
        return result, findings.webcam(result, result.get("identity"))
    if job.kind == "screen":
        if "prohibited_content" not in job.on:
            return {"skipped": "screen checks are off for this exam"}, []
        result = _screen(data)
        return result, findings.screen(result["ocr_hits"])
    if "speech_detected" not in job.on:
        return {"skipped": "speech checks are off for this exam"}, []
    result = _audio(data)
    return result, findings.audio(result)


def _examine(job: Job, storage: Storage) -> tuple[dict[str, Any], list[Finding]]:
    """Run the analysis; a file that cannot be read or analysed is a note, and a model
    that cannot load switches its analysis off with a warning (never a crash)."""
    try:
        result, found = _compute(job, storage.get(job.storage_key))
    except (ValueError, AppError) as exc:  # VisionError, AudioDecodeError, a file gone
        message = exc.message if isinstance(exc, AppError) else str(exc)
        return {"error": f"could not analyse: {message}"}, []
    except RuntimeError as exc:
        log.warning("analysis of %s is off: %s", job.kind, exc)
        return {"warnings": [f"{KIND_WORDS[job.kind]} analysis is off: {exc}"]}, []
    if result.get("faces", []) is None:
        result["warnings"] = [f"face detection is off: {vision_errors()}"]
    return {**result, "findings": [f.type for f in found]}, found


async def analyze_media(
    sessions: async_sessionmaker[AsyncSession],
    storage: Storage,
    media_id: str,
    *,
    now: datetime,
    gap: timedelta,
    half_life_s: float,
    on_flags: Raised | None = None,
) -> dict[str, Any]:
    """Analyse one stored snapshot or clip and raise its AI flags; returns the analysis.
    Two short transactions around the models' work: read what is needed, then write.
    ``on_flags``: told after the commit which flags were opened (the live feed)."""
    async with session_scope(sessions) as session:
        job = await _prepare(session, media_id)
    if job is None:
        return {}
    analysis, found = await asyncio.to_thread(_examine, job, storage)
    signals = [
        Signal(
            f"ai:{job.media_id}:{f.type}",
            f.type,
            "instant",
            job.taken_at,
            f.details,
            job.client_id,
            "ai",
            f.confidence,
        )
        for f in found
        if f.type in job.on
    ]
    async with session_scope(sessions) as session:
        snap = await session.get(Snapshot, job.media_id)
        if snap is None:
            return {}
        snap.analysis = analysis
        await session.flush()
        opened = await raise_flags(session, job.attempt_id, signals, now, gap, half_life_s)
    if on_flags is not None and signals:
        await on_flags(job.attempt_id, list(opened))
    return analysis


async def raise_flags(
    session: AsyncSession,
    attempt_id: str,
    signals: list[Signal],
    now: datetime,
    gap: timedelta,
    half_life_s: float,
) -> tuple[str, ...]:
    """AI findings into flags; if the attempt is already over, its stored scores follow.
    Returns the ids of the flags opened."""
    if not signals:
        return ()
    ingested = await ingest_events(
        session, attempt_id, None, signals, now=now, gap=gap, half_life_s=half_life_s
    )
    attempt = await session.get(Attempt, attempt_id)
    assert attempt is not None
    await session.refresh(attempt)
    if attempt.status in FINISHED:
        await scores.recompute(session, attempt, now, half_life_s)
    return ingested.opened
