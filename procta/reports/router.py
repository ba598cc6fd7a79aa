"""Reports (HTML, PDF), CSV exports and AI summaries of attempts and exams."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse

from procta.auth.deps import DB, OrgMember, State
from procta.db import org_get, utcnow
from procta.exams.models import Exam
from procta.reports import exports, service
from procta.review.schemas import SummaryOut
from procta.storage.files import local_storage

router = APIRouter(tags=["reports"])
PDF: dict[int | str, dict[str, Any]] = {200: {"content": {"application/pdf": {}}}}
CSV: dict[int | str, dict[str, Any]] = {200: {"content": {"text/csv": {}}}}


def _filename(*parts: str) -> str:
    """A download name of safe characters: ``midterm-2026-results.csv``."""
    stem = "-".join(re.sub(r"[^A-Za-z0-9]+", "-", p).strip("-").lower() for p in parts)
    return stem[:120] or "report"


def _download(data: bytes | str, media_type: str, name: str) -> Response:
    return Response(
        data,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "private, no-store",
        },
    )


@router.get("/attempts/{attempt_id}/report.html", response_class=HTMLResponse)
async def attempt_report_html(
    attempt_id: str, principal: OrgMember, db: DB, state: State
) -> HTMLResponse:
    """The attempt's integrity report: credibility index, authentication, webcam and
    screen evidence, flags with a timeline and the reviewer's decisions."""
    html = await service.attempt_html(
        db,
        state.settings,
        local_storage(state.settings.data_dir),
        principal.org_id,
        attempt_id,
        utcnow(),
    )
    return HTMLResponse(html, headers={"Cache-Control": "private, no-store"})


@router.get("/attempts/{attempt_id}/report.pdf", response_class=Response, responses=PDF)
async def attempt_report_pdf(
    attempt_id: str, principal: OrgMember, db: DB, state: State
) -> Response:
    """The same report as a PDF."""
    data = await service.attempt_pdf(
        db,
        state.settings,
        local_storage(state.settings.data_dir),
        principal.org_id,
        attempt_id,
        utcnow(),
    )
    return _download(data, "application/pdf", f"{_filename('integrity-report', attempt_id)}.pdf")


@router.get("/exams/{exam_id}/report.pdf", response_class=Response, responses=PDF)
async def exam_report_pdf(exam_id: str, principal: OrgMember, db: DB, state: State) -> Response:
    """The exam's summary: risk across attempts, the most frequent flags, every attempt."""
    exam = await org_get(db, Exam, principal.org_id, exam_id)
    data = await service.exam_pdf(db, state.settings, principal.org_id, exam_id, utcnow())
    return _download(data, "application/pdf", f"{_filename(exam.title, 'summary')}.pdf")


@router.get("/exams/{exam_id}/results.csv", response_class=Response, responses=CSV)
async def results_csv(exam_id: str, principal: OrgMember, db: DB) -> Response:
    """One row per attempt: the session, the score, the integrity score and tier, flag
    counts by decision, the review and any appeal."""
    exam = await org_get(db, Exam, principal.org_id, exam_id)
    data = await exports.results_csv(db, principal.org_id, exam_id)
    return _download(data, "text/csv; charset=utf-8", f"{_filename(exam.title, 'results')}.csv")


@router.get("/exams/{exam_id}/flags.csv", response_class=Response, responses=CSV)
async def flags_csv(exam_id: str, principal: OrgMember, db: DB) -> Response:
    """One row per flag, with its decision and who made it."""
    exam = await org_get(db, Exam, principal.org_id, exam_id)
    data = await exports.flags_csv(db, principal.org_id, exam_id)
    return _download(data, "text/csv; charset=utf-8", f"{_filename(exam.title, 'flags')}.csv")


@router.get("/attempts/{attempt_id}/summary")
async def attempt_summary(
    attempt_id: str, principal: OrgMember, db: DB, state: State
) -> SummaryOut:
    """A narrative of the attempt: by rules, or by the configured LLM."""
    return await service.attempt_summary(db, state.settings, principal.org_id, attempt_id)


@router.get("/exams/{exam_id}/summary")
async def exam_summary(exam_id: str, principal: OrgMember, db: DB, state: State) -> SummaryOut:
    """A narrative of the exam: by rules, or by the configured LLM."""
    return (await service.exam_summary(db, state.settings, principal.org_id, exam_id))[1]
