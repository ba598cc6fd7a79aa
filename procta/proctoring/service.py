"""Proctoring logic beyond event ingest: what the client must watch, consent, calibration,
media, the teacher's decisions and verdicts, and the backfill."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from procta.attempts.models import FINISHED, Answer, Attempt
from procta.audit import service as audit
from procta.auth.names import user_names
from procta.db import after_commit, org_get, org_select
from procta.errors import Conflict, NotFound
from procta.exams.flags import FLAG_TYPES, effective_flags
from procta.exams.models import Accommodation, Exam
from procta.orgs.models import Organization
from procta.proctoring import media, scores, scoring
from procta.proctoring.models import Flag, ProctorEvent, Snapshot
from procta.proctoring.schemas import (
    CalibrationIn,
    FlagOut,
    MediaOut,
    ProctoringOut,
    ProctoringSetup,
    ScoresOut,
)
from procta.storage.files import Storage

CONSENT_VERSION = 1
SETUP_ALLOWANCE = timedelta(minutes=10)


# --- the student's side ----------------------------------------------------------------


def records_video(exam: Exam) -> bool:
    return exam.mode == "record_review" or exam.record_video


def needs_screen(exam: Exam) -> bool:
    """record_review records the screen too, so it needs the share."""
    return exam.screen_recording_required or exam.mode == "record_review"


def recorded_items(exam: Exam) -> list[str]:
    """What this exam records, in the words the consent screen shows."""
    items = [
        f"Webcam snapshots every {exam.snapshot_interval_s} seconds and whenever a warning "
        "is raised",
        "Short microphone clips when sound above your room's calibrated level is heard",
        "Browser activity during the exam: leaving the tab or full screen, copy and paste, "
        "blocked shortcuts",
        "A photo of your ID document and a selfie, to confirm who is taking the exam",
    ]
    if needs_screen(exam):
        items.insert(1, f"Your screen, as a picture every {exam.screen_interval_s} seconds")
    if records_video(exam):
        shown = (
            "your webcam, microphone and screen"
            if needs_screen(exam)
            else ("your webcam and microphone")
        )
        items.insert(0, f"A video recording of {shown} for the whole exam")
    if exam.room_camera_required:
        items.append("A second camera showing your room")
    return items


async def _exam_and_org(session: AsyncSession, attempt: Attempt) -> tuple[Exam, Organization]:
    exam = await session.get(Exam, attempt.exam_id)
    org = await session.get(Organization, attempt.org_id)
    assert exam is not None and org is not None
    return exam, org


async def setup_for(session: AsyncSession, attempt: Attempt) -> ProctoringSetup:
    exam, org = await _exam_and_org(session, attempt)
    accommodation = (
        await session.execute(
            select(Accommodation.disabled_flags).where(
                Accommodation.exam_id == exam.id, Accommodation.student_id == attempt.student_id
            )
        )
    ).scalar()
    table = effective_flags(exam.flag_settings or {}, accommodation)
    return ProctoringSetup(
        mode=exam.mode,
        camera=True,
        microphone=True,
        screen=needs_screen(exam),
        room_camera=exam.room_camera_required,
        snapshot_interval_s=exam.snapshot_interval_s,
        screen_interval_s=exam.screen_interval_s,
        enabled_flags=[name for name, f in table.items() if f.enabled],
        record_webcam=records_video(exam),
        record_screen=records_video(exam) and needs_screen(exam),
        retention_days=org.retention_days,
        screenshot_retention_days=org.screenshot_retention_days,
        recorded=recorded_items(exam),
        consent_given=attempt.consent is not None,
        identity_done=attempt.selfie_id is not None and attempt.id_document_id is not None,
        cal_status=attempt.cal_status,
    )


def ensure_running(attempt: Attempt) -> None:
    if attempt.status in FINISHED or attempt.status == "failed":
        raise Conflict(
            "This exam has been submitted; nothing more is recorded.", code="attempt_closed"
        )


async def give_consent(session: AsyncSession, attempt: Attempt, now: datetime) -> dict[str, Any]:
    ensure_running(attempt)
    if attempt.consent is None:
        exam, org = await _exam_and_org(session, attempt)
        attempt.consent = {
            "accepted_at": now.isoformat(),
            "retention_days": org.retention_days,
            "screenshot_retention_days": org.screenshot_retention_days,
            "recorded": recorded_items(exam),
            "version": CONSENT_VERSION,
        }
        await session.flush()
    return attempt.consent


async def begin(session: AsyncSession, attempt: Attempt, now: datetime) -> Attempt:
    """The student finished the setup (device check, consent, ID, calibration) and begins:
    the clock gives back the time the setup took, up to ``SETUP_ALLOWANCE``, once, and only
    if no answer was saved before (the questions reach the client at join)."""
    ensure_running(attempt)
    if attempt.began_at is None:
        answered = (
            await session.execute(select(Answer.id).where(Answer.attempt_id == attempt.id).limit(1))
        ).first()
        if answered is None:
            setup = min(max(now - attempt.started_at, timedelta(0)), SETUP_ALLOWANCE)
            attempt.started_at += setup
            attempt.deadline_at += setup
        attempt.began_at = now
        await session.flush()
    return attempt


async def close_episodes(session: AsyncSession, attempt: Attempt) -> None:
    """The sitting is over: episodes still open (no end event came) end at their last
    event, and nothing extends them any more."""
    await session.execute(
        update(Flag)
        .where(Flag.org_id == attempt.org_id, Flag.attempt_id == attempt.id, Flag.open.is_(True))
        .values(open=False)
        .execution_options(synchronize_session=False)
    )
    attempt.episodes = {}


def require_consent(attempt: Attempt) -> None:
    if attempt.consent is None:
        raise Conflict(
            "Agree to the recording terms before anything is recorded.", code="consent_required"
        )


async def save_calibration(
    session: AsyncSession, attempt: Attempt, body: CalibrationIn, now: datetime
) -> Attempt:
    """Store the baseline; a second calibration that succeeds shows as ``redone``."""
    ensure_running(attempt)
    require_consent(attempt)
    again = attempt.calibration is not None
    attempt.calibration = {
        **body.baseline.model_dump(),
        "at": now.isoformat(),
        "status": body.status,
        "attempts": (attempt.calibration or {}).get("attempts", 0) + 1,
    }
    attempt.cal_status = "redone" if again and body.status == "ok" else body.status
    attempt.cal_reason = body.reason if body.status == "poor" else ""
    await session.flush()
    return attempt


@dataclass(frozen=True)
class StoredMedia:
    snapshot: Snapshot
    duplicate: bool


async def store_media(
    session: AsyncSession,
    storage: Storage,
    attempt: Attempt,
    *,
    kind: str,
    client_id: str,
    taken_at: datetime,
    content_type: str,
    data: bytes,
    max_bytes: int,
    now: datetime,
    analyze: bool,
) -> StoredMedia:
    """Check and keep one snapshot, clip or identity photo. Idempotent on ``client_id``:
    a retried upload answers with the stored one and writes nothing."""
    ensure_running(attempt)
    require_consent(attempt)
    existing = (
        await session.execute(
            select(Snapshot).where(
                Snapshot.attempt_id == attempt.id, Snapshot.client_id == client_id
            )
        )
    ).scalar()
    if existing is not None:
        return StoredMedia(existing, True)
    checked = media.check_upload(kind, content_type, data, max_bytes)
    snapshot = Snapshot(
        org_id=attempt.org_id,
        attempt_id=attempt.id,
        client_id=client_id,
        kind=kind,
        content_type=checked.content_type,
        size=len(data),
        width=checked.width,
        height=checked.height,
        taken_at=min(max(taken_at, attempt.started_at), now),
        storage_key="",
    )
    session.add(snapshot)
    await session.flush()
    extension = "jpg" if kind != "audio" else checked.content_type.split("/")[1]
    snapshot.storage_key = f"{attempt.org_id}/{attempt.id}/{kind}/{snapshot.id}.{extension}"
    # The file is written before the commit; a rolled-back request leaves an unreferenced
    # file at worst (never a row without its file).
    await asyncio.to_thread(storage.put, snapshot.storage_key, data)
    if kind == "selfie":
        attempt.selfie_id = snapshot.id
    elif kind == "id_document":
        attempt.id_document_id = snapshot.id
    await session.flush()
    if analyze:
        from procta.proctoring.tasks import analyze_media

        media_id = snapshot.id

        def send() -> None:
            analyze_media.send(media_id)

        after_commit(session, send)
    return StoredMedia(snapshot, False)


# --- the teacher's side ----------------------------------------------------------------


async def attempt_in_org(session: AsyncSession, org_id: str, attempt_id: str) -> Attempt:
    return await org_get(session, Attempt, org_id, attempt_id)


def scores_out(
    attempt: Attempt, now: datetime, half_life_s: float, names: dict[str, str]
) -> ScoresOut:
    live = scores.live_risk_now(attempt, now, half_life_s)
    return ScoresOut(
        integrity=attempt.integrity,
        risk=attempt.risk,
        risk_tier=scoring.tier_of(attempt.risk),
        live_risk=round(live, 1),
        live_tier=scoring.tier(live),
        violations=attempt.violations,
        score_version=attempt.score_version,
        verdict=attempt.verdict,
        verdict_by=names.get(attempt.verdict_by_id or ""),
        verdict_at=attempt.verdict_at,
    )


async def evidence(
    session: AsyncSession, attempt: Attempt, flags: list[Flag]
) -> tuple[list[Snapshot], dict[str, list[str]]]:
    """The attempt's media (in time order) and, per flag, the ids of the snapshots that
    show it: those its events carried and those the analysis attached."""
    event_snaps: dict[str, list[str]] = {}
    rows = await session.execute(
        select(ProctorEvent.flag_id, ProctorEvent.snapshot_client_id).where(
            ProctorEvent.org_id == attempt.org_id,
            ProctorEvent.attempt_id == attempt.id,
            ProctorEvent.snapshot_client_id.is_not(None),
        )
    )
    for flag_id, snap in rows.all():
        if flag_id and snap:
            event_snaps.setdefault(flag_id, []).append(snap)
    snaps = list(
        (
            await session.execute(
                org_select(Snapshot, attempt.org_id)
                .where(Snapshot.attempt_id == attempt.id)
                .order_by(Snapshot.taken_at)
            )
        ).scalars()
    )
    by_client = {s.client_id: s.id for s in snaps}
    shown = {}
    for f in flags:
        clients = dict.fromkeys(f.evidence.get("snapshots", []) + event_snaps.get(f.id, []))
        shown[f.id] = [by_client[c] for c in clients if c in by_client]
    return snaps, shown


async def proctoring_record(
    session: AsyncSession, org_id: str, attempt_id: str, now: datetime, half_life_s: float
) -> ProctoringOut:
    attempt = await attempt_in_org(session, org_id, attempt_id)
    flags = await scores.flags_of(session, attempt)
    table = await scores.flag_table(session, attempt)
    snaps, shown = await evidence(session, attempt, flags)
    names = await user_names(
        session,
        [f.decided_by_id for f in flags]
        + [f.created_by_id for f in flags]
        + [attempt.verdict_by_id],
    )
    out_flags = []
    for f in flags:
        out_flags.append(
            FlagOut(
                id=f.id,
                type=f.type,
                label=FLAG_TYPES[f.type].label if f.type in FLAG_TYPES else f.type,
                source=f.source,
                severity=f.severity,
                weight=table[f.type].weight if f.type in table else 0.0,
                started_at=f.started_at,
                ended_at=f.ended_at,
                duration_seconds=max(0.0, (f.ended_at - f.started_at).total_seconds()),
                open=f.open,
                event_count=f.event_count,
                confidence=f.confidence,
                suggestion=scoring.suggestion(f.confidence),
                decision=f.decision,
                decided_by=names.get(f.decided_by_id or ""),
                decided_at=f.decided_at,
                snapshots=shown[f.id],
                details=f.evidence.get("details", {}),
                comment=f.comment,
                created_by=names.get(f.created_by_id or ""),
                created_by_id=f.created_by_id,
            )
        )
    return ProctoringOut(
        attempt_id=attempt.id,
        scores=scores_out(attempt, now, half_life_s, names),
        flags=out_flags,
        consent=attempt.consent,
        cal_status=attempt.cal_status,
        cal_reason=attempt.cal_reason,
        calibration=attempt.calibration,
        selfie_id=attempt.selfie_id,
        id_document_id=attempt.id_document_id,
        media=[
            MediaOut(
                id=s.id,
                kind=s.kind,
                taken_at=s.taken_at,
                width=s.width,
                height=s.height,
                size=s.size,
            )
            for s in snaps
        ],
    )


async def media_bytes(
    session: AsyncSession,
    storage: Storage,
    org_id: str,
    attempt_id: str,
    media_id: str,
    *,
    boxes: bool = False,
) -> tuple[bytes, str]:
    """The stored file; with ``boxes``, an image with the faces the analysis found drawn
    on it (unsure ones labelled so)."""
    snap = await org_get(session, Snapshot, org_id, media_id)
    if snap.attempt_id != attempt_id:
        raise NotFound("snapshot not found")
    data = storage.get(snap.storage_key)
    faces = snap.analysis.get("faces") or []
    if not boxes or snap.kind == "audio" or not faces:
        return data, snap.content_type
    from procta.vision.draw import draw_boxes

    marked = [
        (tuple(f["box"]), f"face {f['score']:.2f}" + (" (unsure)" if f["uncertain"] else ""))
        for f in faces
    ]
    size = tuple(snap.analysis["size"]) if "size" in snap.analysis else None
    # Decoding and drawing an image takes a while: off the event loop.
    return await asyncio.to_thread(draw_boxes, data, marked, size), "image/jpeg"


async def locked_attempt(session: AsyncSession, org_id: str, attempt_id: str) -> Attempt:
    """The org's attempt, row-locked for a change (a proctor action, a warning, a review)."""
    attempt = (
        await session.execute(
            org_select(Attempt, org_id).where(Attempt.id == attempt_id).with_for_update()
        )
    ).scalar()
    if attempt is None:
        raise NotFound("No such attempt in this organization.", code="attempt_not_found")
    return attempt


async def _locked_attempts(session: AsyncSession, org_id: str, ids: set[str]) -> list[Attempt]:
    """The org's attempts among ``ids``, row-locked in id order (the order ingest uses)."""
    stmt = (
        org_select(Attempt, org_id)
        .where(Attempt.id.in_(sorted(ids)))
        .order_by(Attempt.id)
        .with_for_update()
    )
    return list((await session.execute(stmt)).scalars())


async def decide(
    session: AsyncSession,
    org_id: str,
    flag_ids: list[str],
    decision: str,
    *,
    user_id: str | None,
    now: datetime,
    half_life_s: float,
) -> int:
    """Confirm, dismiss or reopen flags (all of them in the caller's org, or none); the
    scores of every attempt concerned change at once."""
    ids = list(dict.fromkeys(flag_ids))
    flags = list(
        (await session.execute(org_select(Flag, org_id).where(Flag.id.in_(ids)))).scalars()
    )
    if len(flags) != len(ids):
        raise NotFound("flag not found")
    # The attempts first, locked in id order, as event ingest locks them: a decision on a
    # flag that events are extending waits instead of deadlocking (PostgreSQL).
    attempts = await _locked_attempts(session, org_id, {f.attempt_id for f in flags})
    for flag in flags:
        flag.decision = decision
        flag.decided_by_id = user_id if decision != "undecided" else None
        flag.decided_at = now if decision != "undecided" else None
    await session.flush()
    for attempt in attempts:
        if decision == "dismissed":  # the next event of that kind opens a new flag
            gone = {f.id for f in flags}
            attempt.episodes = {
                k: v for k, v in (attempt.episodes or {}).items() if v.get("id") not in gone
            }
        await scores.recompute(session, attempt, now, half_life_s)
    audit.record(
        session,
        "flags.decided",
        org_id=org_id,
        user_id=user_id,
        decision=decision,
        flags=ids,
    )
    return len(flags)


REVIEW_OF_VERDICT = {"clear": "approved", "escalate": "declined", "none": ""}


async def set_verdict(
    session: AsyncSession,
    org_id: str,
    attempt_ids: list[str],
    verdict: str,
    *,
    user_id: str | None,
    now: datetime,
    half_life_s: float,
    comment: str = "",
) -> list[Attempt]:
    """Clear (review Approved) or escalate (Declined) finished attempts, all or none; the
    scores follow. ``none`` takes a verdict back."""
    ids = list(dict.fromkeys(attempt_ids))
    attempts = await _locked_attempts(session, org_id, set(ids))
    if len(attempts) != len(ids):
        raise NotFound("attempt not found")
    if verdict != "none":
        running = [a.id for a in attempts if a.status not in FINISHED]
        if running:
            raise Conflict(
                "An attempt still being written (or failed) cannot be reviewed yet; "
                "submit it first.",
                code="attempt_not_finished",
                details={"attempt_ids": running},
            )
    decided = verdict != "none"
    for attempt in attempts:
        attempt.verdict = verdict
        attempt.verdict_by_id = attempt.reviewed_by_id = user_id if decided else None
        attempt.verdict_at = attempt.reviewed_at = now if decided else None
        attempt.review_status = REVIEW_OF_VERDICT[verdict]
        attempt.review_comment = comment if decided else ""
        await scores.recompute(session, attempt, now, half_life_s)
    audit.record(
        session,
        "attempts.verdict",
        org_id=org_id,
        user_id=user_id,
        verdict=verdict,
        attempts=ids,
        comment=comment,
    )
    return attempts


async def backfill(
    session: AsyncSession, org_id: str | None, now: datetime, half_life_s: float
) -> tuple[int, int]:
    """Recompute the stored scores of every completed attempt (of one org, or all) with
    the current formula. Idempotent: a second run changes nothing."""
    stmt = select(Attempt).where(Attempt.status.in_(FINISHED))
    if org_id is not None:
        stmt = stmt.where(Attempt.org_id == org_id)
    checked = changed = 0
    for attempt in (await session.execute(stmt.order_by(Attempt.id))).scalars():
        checked += 1
        changed += await scores.recompute(session, attempt, now, half_life_s)
    return checked, changed
