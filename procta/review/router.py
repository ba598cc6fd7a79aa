"""Teacher side of record & review: the queue, the packet, the recordings, warnings, the
review itself, releasing results and resolving appeals."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Response
from fastapi.responses import FileResponse
from pydantic import BaseModel

from procta.auth.deps import DB, OrgMember, State
from procta.db import utcnow
from procta.pagination import Page, PageParams, page_params
from procta.proctoring import playback
from procta.proctoring.schemas import BulkOut, FlagOut
from procta.proctoring.service import proctoring_record
from procta.review import service
from procta.review.schemas import (
    AppealOut,
    AppealResolveIn,
    BulkReviewIn,
    NextOut,
    QueueStatus,
    ReviewIn,
    ReviewItem,
    ReviewOut,
    ReviewPacket,
    WarningIn,
)
from procta.storage.files import local_storage

router = APIRouter(tags=["review"])
Tier = Literal["low", "moderate", "high", "critical"]


def _user_id(principal: OrgMember) -> str | None:
    return principal.user.id if principal.user else None


@router.get("/reviews")
async def review_queue(
    principal: OrgMember,
    db: DB,
    params: Annotated[PageParams, Depends(page_params)],
    exam_id: str | None = None,
    tier: Tier | None = None,
    status: QueueStatus = "pending",
) -> Page[ReviewItem]:
    """Finished attempts waiting for (or given) a review: every attempt of a
    record_review exam, and elsewhere those with flags or an appeal. Open appeals first,
    then by risk."""
    return await service.queue(
        db, principal.org_id, params, exam_id=exam_id, tier=tier, status=status
    )


@router.get("/reviews/next")
async def next_review(
    principal: OrgMember, db: DB, after: str | None = None, exam_id: str | None = None
) -> NextOut:
    """The next attempt waiting for review, other than ``after``."""
    found = await service.next_pending(db, principal.org_id, after=after, exam_id=exam_id)
    return NextOut(attempt_id=found)


@router.get("/attempts/{attempt_id}/review")
async def review_packet(
    attempt_id: str, principal: OrgMember, db: DB, state: State
) -> ReviewPacket:
    """The review packet: identity, rules, the recordings on one timeline, the session
    log of every flag, the review and the appeal."""
    return await service.packet(
        db,
        local_storage(state.settings.data_dir),
        principal.org_id,
        attempt_id,
        now=utcnow(),
        half_life_s=state.settings.live_half_life_s,
    )


@router.get(
    "/attempts/{attempt_id}/recordings/{kind}",
    response_class=FileResponse,
    responses={200: {"content": {"video/webm": {}}}, 206: {"content": {"video/webm": {}}}},
)
async def recording(
    attempt_id: str, kind: Literal["webcam", "screen"], principal: OrgMember, db: DB, state: State
) -> FileResponse:
    """The recording as one seekable WebM (byte ranges supported)."""
    found = await playback.playback(
        db, local_storage(state.settings.data_dir), principal.org_id, attempt_id, kind
    )
    return FileResponse(
        found.path, media_type="video/webm", headers={"Cache-Control": "private, no-cache"}
    )


@router.post("/attempts/{attempt_id}/warnings", status_code=201)
async def add_warning(
    attempt_id: str, body: WarningIn, principal: OrgMember, db: DB, state: State
) -> FlagOut:
    """A warning at a moment of the sitting, with a comment; it counts in the scores."""
    half_life = state.settings.live_half_life_s
    flag = await service.add_warning(
        db,
        principal.org_id,
        attempt_id,
        at=body.at,
        comment=body.comment,
        user_id=_user_id(principal),
        now=utcnow(),
        half_life_s=half_life,
    )
    record = await proctoring_record(db, principal.org_id, attempt_id, utcnow(), half_life)
    return next(f for f in record.flags if f.id == flag.id)


@router.delete("/attempts/{attempt_id}/warnings/{flag_id}", status_code=204)
async def remove_warning(
    attempt_id: str, flag_id: str, principal: OrgMember, db: DB, state: State
) -> Response:
    """Remove a warning you added (403 for someone else's)."""
    await service.remove_warning(
        db,
        principal.org_id,
        attempt_id,
        flag_id,
        user_id=_user_id(principal),
        now=utcnow(),
        half_life_s=state.settings.live_half_life_s,
    )
    return Response(status_code=204)


@router.post("/attempts/{attempt_id}/review")
async def set_review(
    attempt_id: str, body: ReviewIn, principal: OrgMember, db: DB, state: State
) -> ReviewOut:
    """Approved (verdict clear) or Declined (verdict escalate), with a comment."""
    [attempt] = await service.review(
        db,
        principal.org_id,
        [attempt_id],
        body.status,
        comment=body.comment,
        name_mismatch=body.name_mismatch,
        user_id=_user_id(principal),
        now=utcnow(),
        half_life_s=state.settings.live_half_life_s,
    )
    return await service.reviewed(db, attempt)


@router.post("/attempts/reviews")
async def set_reviews(body: BulkReviewIn, principal: OrgMember, db: DB, state: State) -> BulkOut:
    """Approve or decline many attempts at once: all of them, or none."""
    done = await service.review(
        db,
        principal.org_id,
        body.attempt_ids,
        body.status,
        comment=body.comment,
        user_id=_user_id(principal),
        now=utcnow(),
        half_life_s=state.settings.live_half_life_s,
    )
    return BulkOut(updated=len(done))


class ReleaseIn(BaseModel):
    released: bool


class ReleaseOut(BaseModel):
    exam_id: str
    results_released: bool


@router.post("/exams/{exam_id}/release")
async def release_results(
    exam_id: str, body: ReleaseIn, principal: OrgMember, db: DB
) -> ReleaseOut:
    """Let the students see their score, flags and evidence (and appeal), or stop."""
    exam = await service.release(
        db, principal.org_id, exam_id, body.released, user_id=_user_id(principal)
    )
    return ReleaseOut(exam_id=exam.id, results_released=exam.results_released)


@router.post("/attempts/{attempt_id}/appeal")
async def resolve_appeal(
    attempt_id: str, body: AppealResolveIn, principal: OrgMember, db: DB, state: State
) -> AppealOut:
    """Uphold (the attempt is approved: verdict clear) or reject (the review stands) the
    student's appeal; the student reads the resolution."""
    return await service.resolve_appeal(
        db,
        principal.org_id,
        attempt_id,
        status=body.status,
        resolution=body.resolution,
        user_id=_user_id(principal),
        now=utcnow(),
        half_life_s=state.settings.live_half_life_s,
    )
