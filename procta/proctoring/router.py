"""Teacher side of proctoring: an attempt's proctoring record and media, decisions on
flags, verdicts and the score backfill."""

from __future__ import annotations

from fastapi import APIRouter, Response

from procta.auth.deps import DB, OrgMember, State
from procta.db import utcnow
from procta.proctoring import service
from procta.proctoring.schemas import (
    BackfillOut,
    BulkDecisionIn,
    BulkOut,
    BulkVerdictIn,
    DecisionIn,
    ProctoringOut,
    VerdictBody,
)
from procta.storage.files import local_storage

router = APIRouter(tags=["proctoring"])


def _user_id(principal: OrgMember) -> str | None:
    return principal.user.id if principal.user else None


@router.get("/attempts/{attempt_id}/proctoring")
async def attempt_proctoring(
    attempt_id: str, principal: OrgMember, db: DB, state: State
) -> ProctoringOut:
    """Scores, flags with their evidence and suggested decisions, consent, calibration and
    identity photos of one attempt."""
    return await service.proctoring_record(
        db, principal.org_id, attempt_id, utcnow(), state.settings.live_half_life_s
    )


@router.get(
    "/attempts/{attempt_id}/media/{media_id}",
    response_class=Response,
    responses={200: {"content": {"image/jpeg": {}, "audio/webm": {}}}},
)
async def attempt_media(
    attempt_id: str, media_id: str, principal: OrgMember, db: DB, state: State, boxes: bool = False
) -> Response:
    """The snapshot, clip or ID photo; ``?boxes=true`` draws what the AI found on an image."""
    data, content_type = await service.media_bytes(
        db,
        local_storage(state.settings.data_dir),
        principal.org_id,
        attempt_id,
        media_id,
        boxes=boxes,
    )
    return Response(
        data, media_type=content_type, headers={"Cache-Control": "private, max-age=3600"}
    )


async def _decide(
    principal: OrgMember, db: DB, state: State, flag_ids: list[str], decision: str
) -> BulkOut:
    updated = await service.decide(
        db,
        principal.org_id,
        flag_ids,
        decision,
        user_id=_user_id(principal),
        now=utcnow(),
        half_life_s=state.settings.live_half_life_s,
    )
    return BulkOut(updated=updated)


async def _verdict(
    principal: OrgMember, db: DB, state: State, attempt_ids: list[str], verdict: str
) -> BulkOut:
    updated = await service.set_verdict(
        db,
        principal.org_id,
        attempt_ids,
        verdict,
        user_id=_user_id(principal),
        now=utcnow(),
        half_life_s=state.settings.live_half_life_s,
    )
    return BulkOut(updated=len(updated))


@router.post("/flags/{flag_id}/decision")
async def decide_flag(
    flag_id: str, body: DecisionIn, principal: OrgMember, db: DB, state: State
) -> BulkOut:
    return await _decide(principal, db, state, [flag_id], body.decision)


@router.post("/flags/decisions")
async def decide_flags(body: BulkDecisionIn, principal: OrgMember, db: DB, state: State) -> BulkOut:
    """Confirm or dismiss many flags at once: all of them, or none if one is unknown."""
    return await _decide(principal, db, state, body.flag_ids, body.decision)


@router.post("/attempts/{attempt_id}/verdict")
async def attempt_verdict(
    attempt_id: str, body: VerdictBody, principal: OrgMember, db: DB, state: State
) -> BulkOut:
    return await _verdict(principal, db, state, [attempt_id], body.verdict)


@router.post("/attempts/verdicts")
async def attempt_verdicts(
    body: BulkVerdictIn, principal: OrgMember, db: DB, state: State
) -> BulkOut:
    """Clear or escalate many attempts at once: all of them, or none if one is unknown."""
    return await _verdict(principal, db, state, body.attempt_ids, body.verdict)


@router.post("/tools/backfill-scores")
async def backfill_scores(principal: OrgMember, db: DB, state: State) -> BackfillOut:
    """Recompute the scores of every completed attempt of this organization with the
    current formula; reports how many changed."""
    checked, changed = await service.backfill(
        db, principal.org_id, utcnow(), state.settings.live_half_life_s
    )
    return BackfillOut(checked=checked, changed=changed)
