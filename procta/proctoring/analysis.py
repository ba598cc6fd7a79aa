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
from collections.abc import Mapping
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from procta.attempts.models import FINISHED, Attempt
from procta.proctoring import findings, scores
from procta.proctoring.findings import Finding
from procta.proctoring.ingest import Signal, ingest_events
from procta.proctoring.models import Snapshot
from procta.storage.files import Storage

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
POSE_KEYS = ("yaw", "pitch", "gaze_x", "gaze_y")


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


async def _analysis_of(session: AsyncSession, media_id: str | None) -> dict[str, Any]:
    if media_id is None:
        return {}
    found = await session.get(Snapshot, media_id)
    return dict(found.analysis) if found is not None else {}


def _baseline(selfie: dict[str, Any], calibration: dict[str, Any] | None) -> dict[str, float]:
    source = selfie.get("pose") or calibration or {}
    return {
        k: float(v)
        for k, v in source.items()
        if k in POSE_KEYS and isinstance(v, int | float) and not isinstance(v, bool)
    }


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


async def _examine(
    session: AsyncSession, snap: Snapshot, attempt: Attempt, data: bytes, on: set[str]
) -> tuple[dict[str, Any], list[Finding]]:
    if snap.kind in ("selfie", "id_document"):
        result = await asyncio.to_thread(_reference_photo, data)
        other = attempt.id_document_id if snap.kind == "selfie" else attempt.selfie_id
        match = _compare(
            result.get("embedding"), (await _analysis_of(session, other)).get("embedding")
        )
        if match is not None:
            result["identity"] = match | {
                "against": "id_document" if snap.kind == "selfie" else "selfie"
            }
        found = [f for f in findings.webcam({}, match) if f.type == "identity_mismatch"]
        return result, found
    if snap.kind in ("webcam", "room"):
        if not on & (FACE_TYPES | {"identity_mismatch"}):
            return {"skipped": "face checks are off for this exam"}, []
        selfie = await _analysis_of(session, attempt.selfie_id)
        embedding = selfie.get("embedding") if "identity_mismatch" in on else None
        check_identity = embedding and (await _webcam_turn(session, snap)) % IDENTITY_EVERY == 0
        reference = np.asarray(embedding) if check_identity else None
        baseline = _baseline(selfie, attempt.calibration)
        result = await asyncio.to_thread(_webcam, data, baseline, reference)
        return result, findings.webcam(result, result.get("identity"))
    if snap.kind == "screen":
        if "prohibited_content" not in on:
            return {"skipped": "screen checks are off for this exam"}, []
        result = await asyncio.to_thread(_screen, data)
        return result, findings.screen(result["ocr_hits"])
    if "speech_detected" not in on:
        return {"skipped": "speech checks are off for this exam"}, []
    result = await asyncio.to_thread(_audio, data)
    return result, findings.audio(result)


async def analyze_media(
    session: AsyncSession,
    storage: Storage,
    media_id: str,
    *,
    now: datetime,
    gap: timedelta,
    half_life_s: float,
) -> dict[str, Any]:
    """Analyse one stored snapshot or clip and raise its AI flags; returns the analysis."""
    snap = await session.get(Snapshot, media_id)
    if snap is None:  # the attempt was deleted meanwhile
        return {}
    attempt = await session.get(Attempt, snap.attempt_id)
    assert attempt is not None
    table = await scores.flag_table(session, attempt)
    on = {name for name, flag in table.items() if flag.enabled}
    try:
        result, found = await _examine(session, snap, attempt, storage.get(snap.storage_key), on)
    except ValueError as exc:  # VisionError and AudioDecodeError: a note, not a crash
        snap.analysis = {"error": f"could not analyse: {exc}"}
        await session.flush()
        return snap.analysis
    except RuntimeError as exc:  # a model that cannot load: that analysis is off, visibly
        log.warning("analysis of %s is off: %s", snap.kind, exc)
        snap.analysis = {"warnings": [f"{KIND_WORDS[snap.kind]} analysis is off: {exc}"]}
        await session.flush()
        return snap.analysis
    if result.get("faces", []) is None:
        result["warnings"] = [f"face detection is off: {vision_errors()}"]
    snap.analysis = {**result, "findings": [f.type for f in found]}
    await session.flush()
    signals = [
        Signal(
            f"ai:{snap.id}:{f.type}",
            f.type,
            "instant",
            snap.taken_at,
            f.details,
            snap.client_id,
            "ai",
            f.confidence,
        )
        for f in found
        if f.type in on
    ]
    if signals:
        await ingest_events(
            session, attempt.id, None, signals, now=now, gap=gap, half_life_s=half_life_s
        )
        if attempt.status in FINISHED:  # analysed after submission: the stored scores move
            await session.refresh(attempt)
            await scores.recompute(session, attempt, now, half_life_s)
    return snap.analysis
