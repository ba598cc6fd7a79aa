"""The student's side of review: their released result, its evidence, and one appeal."""

from __future__ import annotations

from fastapi import APIRouter, Response

from procta.attempts import service as attempts
from procta.attempts.student_router import CurrentAttempt
from procta.auth.deps import DB, State
from procta.db import utcnow
from procta.errors import NotFound
from procta.proctoring import service as proctoring
from procta.review import service
from procta.review.schemas import (
    AppealIn,
    AppealOut,
    ResultAccessIn,
    ResultAccessOut,
    StudentResultOut,
)
from procta.storage.files import local_storage

router = APIRouter(prefix="/exam-sessions", tags=["exam sessions"])


@router.post("/result-access")
async def result_access(body: ResultAccessIn, db: DB, state: State) -> ResultAccessOut:
    """Come back to a released result with the personal invite (the join's body): a new
    token for the finished attempt. 403 ``invite_required`` with a roll number only,
    409 ``results_not_released`` before the teacher releases them, ``no_result`` without
    a finished attempt."""
    attempt, token = await attempts.result_access(
        db, body.exam_id, invite=body.invite, secret=state.settings.secret_key
    )
    return ResultAccessOut(attempt_id=attempt.id, exam_id=attempt.exam_id, token=token)


@router.get("/{attempt_id}/result")
async def my_result(attempt: CurrentAttempt, db: DB) -> StudentResultOut:
    """Once the teacher releases results: the score, the flags that count with their
    evidence, the review and any appeal. 409 ``results_not_released`` before."""
    return await service.student_result(db, attempt)


@router.get(
    "/{attempt_id}/result/media/{media_id}",
    response_class=Response,
    responses={200: {"content": {"image/jpeg": {}}}},
)
async def my_evidence(attempt: CurrentAttempt, media_id: str, db: DB, state: State) -> Response:
    """A snapshot that is evidence of one of the flags the student is shown."""
    if media_id not in await service.student_media_ids(db, attempt):
        raise NotFound("snapshot not found")
    data, content_type = await proctoring.media_bytes(
        db, local_storage(state.settings.data_dir), attempt.org_id, attempt.id, media_id
    )
    return Response(data, media_type=content_type, headers={"Cache-Control": "private"})


@router.post("/{attempt_id}/appeal", status_code=201)
async def appeal(attempt: CurrentAttempt, body: AppealIn, db: DB) -> AppealOut:
    """One appeal against the released result, with the student's reasons."""
    filed = await service.file_appeal(db, attempt, body.comment, utcnow())
    return service.appeal_out(filed, {})
