"""Record & review: the queue of attempts waiting for a reviewer, the review packet,
warnings a reviewer adds at a moment of the recording, the review itself (Approved /
Declined), releasing results to students, and appeals."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from procta.attempts.models import FINISHED, Attempt
from procta.audit import service as audit
from procta.auth.names import user_names
from procta.db import org_get, org_select
from procta.errors import BadRequest, Conflict, Forbidden, NotFound
from procta.exams.flags import FLAG_TYPES
from procta.exams.models import Exam
from procta.pagination import Page, PageParams
from procta.proctoring import playback, scores, scoring
from procta.proctoring import service as proctoring
from procta.proctoring.models import Flag
from procta.review.models import Appeal
from procta.review.schemas import (
    AppealOut,
    RecordingOut,
    ReviewItem,
    ReviewOut,
    ReviewPacket,
    StudentFlagOut,
    StudentResultOut,
)
from procta.storage.files import Storage
from procta.students.models import Student

NAME_MISMATCH = "The ID document does not show the registered name."
# Rounded risk -> tier boundaries, as scoring.tier draws them.
TIER_RANGES = {
    "low": (0, 25.5),
    "moderate": (25.5, 50.5),
    "high": (50.5, 75.5),
    "critical": (75.5, 101),
}


def review_out(attempt: Attempt, names: dict[str, str]) -> ReviewOut:
    return ReviewOut(
        status=attempt.review_status or "pending",
        comment=attempt.review_comment,
        by=names.get(attempt.reviewed_by_id or ""),
        at=attempt.reviewed_at,
    )


def appeal_out(appeal: Appeal, names: dict[str, str]) -> AppealOut:
    return AppealOut(
        id=appeal.id,
        attempt_id=appeal.attempt_id,
        comment=appeal.comment,
        status=appeal.status,
        resolution=appeal.resolution,
        created_at=appeal.created_at,
        resolved_by=names.get(appeal.resolved_by_id or ""),
        resolved_at=appeal.resolved_at,
    )


# --- the queue -------------------------------------------------------------------------


def _queue(org_id: str, exam_id: str | None, tier: str | None, status: str) -> Select[Any]:
    """Finished attempts a reviewer should look at: every one of a record_review exam,
    and elsewhere those with a flag that counts or an appeal."""
    undecided = (
        select(func.count(Flag.id))
        .where(Flag.attempt_id == Attempt.id, Flag.decision == "undecided")
        .correlate(Attempt)
        .scalar_subquery()
    )
    stmt = (
        select(Attempt, Student, Exam.title, Appeal.status, undecided)
        .join(Student, Student.id == Attempt.student_id)
        .join(Exam, Exam.id == Attempt.exam_id)
        .outerjoin(Appeal, Appeal.attempt_id == Attempt.id)
        .where(
            Attempt.org_id == org_id,
            Attempt.status.in_(FINISHED),
            or_(Exam.mode == "record_review", Attempt.violations > 0, Appeal.id.is_not(None)),
        )
    )
    if exam_id:
        stmt = stmt.where(Attempt.exam_id == exam_id)
    if tier:
        low, high = TIER_RANGES[tier]
        stmt = stmt.where(and_(Attempt.risk >= low, Attempt.risk < high))
    if status != "all":
        stmt = stmt.where(Attempt.review_status == ("" if status == "pending" else status))
    # Open appeals first, then the riskiest: a reviewer's time goes where it matters.
    return stmt.order_by(
        case((Appeal.status == "open", 0), else_=1),
        Attempt.risk.desc().nulls_last(),
        Attempt.submitted_at,
        Attempt.id,
    )


async def queue(
    session: AsyncSession,
    org_id: str,
    params: PageParams,
    *,
    exam_id: str | None,
    tier: str | None,
    status: str,
) -> Page[ReviewItem]:
    stmt = _queue(org_id, exam_id, tier, status)
    total = (await session.execute(select(func.count()).select_from(stmt.subquery()))).scalar_one()
    rows = (await session.execute(stmt.limit(params.page_size).offset(params.offset))).all()
    items = [
        ReviewItem(
            attempt_id=a.id,
            exam_id=a.exam_id,
            exam_title=title,
            student_id=s.id,
            name=s.name,
            roll_number=s.roll_number,
            status=a.status,
            submitted_at=a.submitted_at,
            integrity=a.integrity,
            risk_score=a.risk,
            risk_tier=scoring.tier_of(a.risk),
            violations=a.violations,
            undecided=undecided or 0,
            review_status=a.review_status or "pending",
            appeal_status=appeal_status,
        )
        for a, s, title, appeal_status, undecided in rows
    ]
    return Page(items=items, total=int(total), page=params.page, page_size=params.page_size)


async def next_pending(
    session: AsyncSession, org_id: str, *, after: str | None, exam_id: str | None
) -> str | None:
    """The next attempt waiting for review (the queue's first one other than ``after``)."""
    stmt = _queue(org_id, exam_id, None, "pending")
    if after:
        stmt = stmt.where(Attempt.id != after)
    row = (await session.execute(stmt.limit(1))).first()
    return row[0].id if row else None


# --- the packet ------------------------------------------------------------------------


async def packet(
    session: AsyncSession,
    storage: Storage,
    org_id: str,
    attempt_id: str,
    *,
    now: datetime,
    half_life_s: float,
) -> ReviewPacket:
    record = await proctoring.proctoring_record(session, org_id, attempt_id, now, half_life_s)
    attempt = await org_get(session, Attempt, org_id, attempt_id)
    student = await org_get(session, Student, org_id, attempt.student_id)
    exam = await org_get(session, Exam, org_id, attempt.exam_id)
    appeal = await _appeal_of(session, attempt)
    names = await user_names(
        session, {attempt.reviewed_by_id, appeal.resolved_by_id if appeal else None}
    )
    videos = [
        await playback.playback(session, storage, org_id, attempt.id, kind)
        for kind in await playback.kinds(session, attempt)
    ]
    zero = min([v.started_at for v in videos], default=attempt.began_at or attempt.started_at)
    return ReviewPacket(
        attempt_id=attempt.id,
        exam_id=exam.id,
        exam_title=exam.title,
        mode=exam.mode,
        student_id=student.id,
        name=student.name,
        roll_number=student.roll_number,
        status=attempt.status,
        started_at=attempt.started_at,
        submitted_at=attempt.submitted_at,
        score=attempt.score,
        max_score=attempt.max_score,
        rules_allowed=exam.rules_allowed or [],
        rules_prohibited=exam.rules_prohibited or [],
        proctoring=record,
        timeline_start=zero,
        recordings=[
            RecordingOut(
                kind=v.kind,
                url=f"/api/v1/attempts/{attempt.id}/recordings/{v.kind}",
                started_at=v.started_at,
                offset_s=round((v.started_at - zero).total_seconds(), 3),
                duration_s=v.timeline.duration_s,
                gaps=v.timeline.gaps,
            )
            for v in videos
        ],
        review=review_out(attempt, names),
        appeal=appeal_out(appeal, names) if appeal else None,
        results_released=exam.results_released,
    )


# --- warnings --------------------------------------------------------------------------


def _manual_flag(
    attempt: Attempt,
    flag_type: str,
    at: datetime,
    comment: str,
    user_id: str | None,
    now: datetime,
) -> Flag:
    """A flag a reviewer raised at ``now`` about the moment ``at``: confirmed by them, at
    full confidence."""
    return Flag(
        org_id=attempt.org_id,
        attempt_id=attempt.id,
        type=flag_type,
        source="proctor",
        started_at=at,
        ended_at=at,
        open=False,
        event_count=1,
        confidence=1.0,
        severity=FLAG_TYPES[flag_type].severity,
        evidence={"details": {"message": comment}},
        decision="confirmed",
        decided_by_id=user_id,
        decided_at=now,
        created_by_id=user_id,
        comment=comment,
    )


async def add_warning(
    session: AsyncSession,
    org_id: str,
    attempt_id: str,
    *,
    at: datetime,
    comment: str,
    user_id: str | None,
    now: datetime,
    half_life_s: float,
) -> Flag:
    """A ``proctor_warning`` at a moment of the sitting, with the reviewer's comment; it
    counts in the scores like any confirmed warning and every reviewer sees it."""
    attempt = await proctoring.locked_attempt(session, org_id, attempt_id)
    end = attempt.submitted_at or now
    if not attempt.started_at <= at <= end:
        raise BadRequest(
            "A warning must fall within the sitting.",
            code="warning_out_of_range",
            details={"from": attempt.started_at.isoformat(), "to": end.isoformat()},
        )
    flag = _manual_flag(attempt, "proctor_warning", at, comment, user_id, now)
    session.add(flag)
    await session.flush()
    await scores.recompute(session, attempt, now, half_life_s)
    audit.record(
        session,
        "review.warning_added",
        org_id=org_id,
        user_id=user_id,
        attempt_id=attempt.id,
        flag_id=flag.id,
        comment=comment,
    )
    return flag


async def remove_warning(
    session: AsyncSession,
    org_id: str,
    attempt_id: str,
    flag_id: str,
    *,
    user_id: str | None,
    now: datetime,
    half_life_s: float,
) -> None:
    attempt = await proctoring.locked_attempt(session, org_id, attempt_id)
    flag = (
        await session.execute(
            org_select(Flag, org_id).where(
                Flag.id == flag_id,
                Flag.attempt_id == attempt.id,
                Flag.type == "proctor_warning",
                Flag.created_by_id.is_not(None),
            )
        )
    ).scalar()
    if flag is None:
        raise NotFound("No such reviewer's warning on this attempt.", code="warning_not_found")
    if flag.created_by_id != user_id:
        raise Forbidden("You can remove only the warnings you added.", code="not_your_warning")
    await session.delete(flag)
    await session.flush()
    await scores.recompute(session, attempt, now, half_life_s)
    audit.record(
        session,
        "review.warning_removed",
        org_id=org_id,
        user_id=user_id,
        attempt_id=attempt.id,
        flag_id=flag_id,
    )


# --- the review ------------------------------------------------------------------------


async def review(
    session: AsyncSession,
    org_id: str,
    attempt_ids: list[str],
    status: str,
    *,
    comment: str,
    name_mismatch: bool = False,
    user_id: str | None,
    now: datetime,
    half_life_s: float,
) -> list[Attempt]:
    """Approved (the grade can be trusted: verdict clear, integrity 100) or Declined
    (verdict escalate: every flag counts in full). A name that does not match the ID
    declines and is recorded as a confirmed identity_mismatch flag."""
    if name_mismatch:
        status = "declined"
        comment = comment or NAME_MISMATCH
    verdict = "clear" if status == "approved" else "escalate"
    if name_mismatch:
        for attempt_id in attempt_ids:
            attempt = await proctoring.locked_attempt(session, org_id, attempt_id)
            recorded = await session.scalar(
                org_select(Flag, org_id).where(
                    Flag.attempt_id == attempt.id,
                    Flag.type == "identity_mismatch",
                    Flag.source == "proctor",
                )
            )
            if recorded is None:  # a second "name does not match" adds no second flag
                at = attempt.began_at or attempt.started_at
                flag = _manual_flag(attempt, "identity_mismatch", at, NAME_MISMATCH, user_id, now)
                session.add(flag)
        await session.flush()
    return await proctoring.set_verdict(
        session,
        org_id,
        attempt_ids,
        verdict,
        user_id=user_id,
        now=now,
        half_life_s=half_life_s,
        comment=comment,
    )


async def reviewed(session: AsyncSession, attempt: Attempt) -> ReviewOut:
    return review_out(attempt, await user_names(session, {attempt.reviewed_by_id}))


async def release(
    session: AsyncSession, org_id: str, exam_id: str, released: bool, *, user_id: str | None
) -> Exam:
    exam = await org_get(session, Exam, org_id, exam_id)
    if exam.results_released != released:
        exam.results_released = released
        audit.record(
            session,
            "exam.results_released" if released else "exam.results_withdrawn",
            org_id=org_id,
            user_id=user_id,
            exam_id=exam.id,
        )
    await session.flush()
    return exam


# --- appeals ---------------------------------------------------------------------------


async def _appeal_of(session: AsyncSession, attempt: Attempt) -> Appeal | None:
    return (
        await session.execute(
            org_select(Appeal, attempt.org_id).where(Appeal.attempt_id == attempt.id)
        )
    ).scalar()


async def _released_exam(session: AsyncSession, attempt: Attempt) -> Exam:
    exam = await org_get(session, Exam, attempt.org_id, attempt.exam_id)
    if not exam.results_released or attempt.status not in FINISHED:
        raise Conflict(
            "Your teacher has not released the results of this exam yet.",
            code="results_not_released",
        )
    return exam


async def student_result(session: AsyncSession, attempt: Attempt) -> StudentResultOut:
    """The student's own result: score, the flags that count in it with their evidence,
    the review and the appeal."""
    exam = await _released_exam(session, attempt)
    flags = await scores.flags_of(session, attempt)
    if attempt.verdict != "escalate":  # escalated, every flag counts (DESIGN.md, Scores)
        flags = [f for f in flags if f.decision != "dismissed"]
    _, shown = await proctoring.evidence(session, attempt, flags)
    appeal = await _appeal_of(session, attempt)
    names = await user_names(session, {attempt.reviewed_by_id})
    return StudentResultOut(
        exam_title=exam.title,
        status=attempt.status,
        score=attempt.score,
        max_score=attempt.max_score,
        integrity=attempt.integrity,
        risk_tier=scoring.tier_of(attempt.risk),
        review=review_out(attempt, names),
        flags=[
            StudentFlagOut(
                type=f.type,
                label=FLAG_TYPES[f.type].label if f.type in FLAG_TYPES else f.type,
                severity=f.severity,
                started_at=f.started_at,
                duration_seconds=max(0.0, (f.ended_at - f.started_at).total_seconds()),
                decision=f.decision,
                comment=f.comment,
                snapshots=shown[f.id],
            )
            for f in flags
        ],
        appeal=appeal_out(appeal, {}) if appeal else None,
        can_appeal=appeal is None,
    )


async def student_media_ids(session: AsyncSession, attempt: Attempt) -> set[str]:
    """The snapshots a student may open: the evidence of the flags they are shown."""
    result = await student_result(session, attempt)
    return {s for f in result.flags for s in f.snapshots}


async def file_appeal(
    session: AsyncSession, attempt: Attempt, comment: str, now: datetime
) -> Appeal:
    await _released_exam(session, attempt)
    await proctoring.locked_attempt(
        session, attempt.org_id, attempt.id
    )  # a double click files one appeal
    if await _appeal_of(session, attempt) is not None:
        raise Conflict("You have already appealed this result.", code="appeal_exists")
    appeal = Appeal(org_id=attempt.org_id, attempt_id=attempt.id, comment=comment, created_at=now)
    session.add(appeal)
    await session.flush()
    audit.record(session, "appeal.filed", org_id=attempt.org_id, attempt_id=attempt.id)
    return appeal


async def resolve_appeal(
    session: AsyncSession,
    org_id: str,
    attempt_id: str,
    *,
    status: str,
    resolution: str,
    user_id: str | None,
    now: datetime,
    half_life_s: float,
) -> AppealOut:
    """Upheld approves the attempt (verdict clear, with the resolution as the review's
    comment); rejected leaves the review as it was. The student reads the resolution."""
    attempt = await proctoring.locked_attempt(
        session, org_id, attempt_id
    )  # two teachers at once: one wins
    appeal = await _appeal_of(session, attempt)
    if appeal is None:
        raise NotFound("This attempt has no appeal.", code="appeal_not_found")
    if appeal.status != "open":
        raise Conflict("This appeal is already resolved.", code="appeal_resolved")
    appeal.status, appeal.resolution = status, resolution
    appeal.resolved_by_id, appeal.resolved_at = user_id, now
    await session.flush()
    if status == "upheld":  # the student was right: the result stands as trustworthy
        await proctoring.set_verdict(
            session,
            org_id,
            [attempt.id],
            "clear",
            user_id=user_id,
            now=now,
            half_life_s=half_life_s,
            comment=f"Appeal upheld: {resolution}",
        )
    audit.record(
        session,
        "appeal.resolved",
        org_id=org_id,
        user_id=user_id,
        attempt_id=attempt.id,
        status=status,
    )
    return appeal_out(appeal, await user_names(session, {user_id}))
