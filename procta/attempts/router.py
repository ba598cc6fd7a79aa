"""Teacher side of attempts: results, the attempt detail and grading, force-submit,
failed sessions, student history."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from procta.attempts import results
from procta.attempts.models import STATUSES
from procta.attempts.results_schemas import (
    AttemptDetailOut,
    FailedRow,
    GradeIn,
    HistoryAttempt,
    HistoryRow,
    ResultRow,
    ResultsSummary,
)
from procta.auth.deps import DB, OrgMember, State
from procta.db import after_commit
from procta.errors import BadRequest
from procta.live.chat import drop_after_commit
from procta.pagination import Page, PageParams, page_params

router = APIRouter(tags=["results"])
Paging = Annotated[PageParams, Depends(page_params)]


@router.get("/exams/{exam_id}/attempts")
async def exam_results(
    exam_id: str,
    principal: OrgMember,
    db: DB,
    paging: Paging,
    status: str | None = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
    sort: results.SortKey = "roll_number",
    order: Annotated[str, Query(pattern="^(asc|desc)$")] = "asc",
) -> Page[ResultRow]:
    if status is not None and status not in STATUSES:
        raise BadRequest(f"status must be one of {', '.join(STATUSES)}.", code="invalid_status")
    return await results.exam_results(
        db,
        principal.org_id,
        exam_id,
        paging,
        status=status,
        q=q,
        sort=sort,
        descending=order == "desc",
    )


@router.get("/exams/{exam_id}/results/summary")
async def exam_results_summary(exam_id: str, principal: OrgMember, db: DB) -> ResultsSummary:
    """The numbers above the Results table: counts by status and the average score."""
    (summary,) = await results.results_summaries(db, principal.org_id, exam_id)
    return summary


@router.get("/results/summary")
async def results_summary(principal: OrgMember, db: DB) -> list[ResultsSummary]:
    """The same numbers for every exam of the org that has attempts (the exam picker)."""
    return await results.results_summaries(db, principal.org_id)


@router.get("/attempts/failed", summary="Failed Sessions / Failed Submissions")
async def failed_sessions(principal: OrgMember, db: DB, paging: Paging) -> Page[FailedRow]:
    return await results.failed_sessions(db, principal.org_id, paging)


@router.get("/attempts/{attempt_id}")
async def attempt_detail(attempt_id: str, principal: OrgMember, db: DB) -> AttemptDetailOut:
    return await results.attempt_detail(db, principal.org_id, attempt_id)


@router.put("/attempts/{attempt_id}/answers/{question_id}/grade")
async def grade_answer(
    attempt_id: str, question_id: str, body: GradeIn, principal: OrgMember, db: DB
) -> AttemptDetailOut:
    await results.grade_answer(
        db,
        principal.org_id,
        attempt_id,
        question_id,
        points=body.points,
        feedback=body.feedback,
        grader_id=principal.user.id if principal.user else None,
        actor=principal.actor_email,
    )
    return await results.attempt_detail(db, principal.org_id, attempt_id)


@router.post("/attempts/{attempt_id}/force-submit")
async def force_submit(
    attempt_id: str, principal: OrgMember, db: DB, state: State
) -> AttemptDetailOut:
    await results.force_submit(db, principal.org_id, attempt_id, principal.actor_email)
    after_commit(db, lambda: state.feed.touch([attempt_id]))
    drop_after_commit(db, state.chat, attempt_id)
    return await results.attempt_detail(db, principal.org_id, attempt_id)


@router.get("/student-history")
async def student_history(
    principal: OrgMember,
    db: DB,
    paging: Paging,
    q: Annotated[str | None, Query(max_length=100)] = None,
) -> Page[HistoryRow]:
    return await results.student_history(db, principal.org_id, paging, q)


@router.get("/student-history/{student_id}")
async def student_attempts(student_id: str, principal: OrgMember, db: DB) -> list[HistoryAttempt]:
    return await results.attempts_of_student(db, principal.org_id, student_id)
