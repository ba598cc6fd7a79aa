"""``/api/v1/questions``: the question bank, with CSV and QTI 3.0 import and export."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, UploadFile
from fastapi.responses import Response

from procta.auth.deps import DB, OrgMember, OrgPrincipal
from procta.errors import AppError
from procta.pagination import Page, PageParams, page_params
from procta.questions import csv_io, qti, service
from procta.questions.schemas import (
    ImportOut,
    QuestionIn,
    QuestionOut,
    QuestionPatch,
    QuestionType,
    TagCount,
)

router = APIRouter(prefix="/questions", tags=["questions"])

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
Tags = Annotated[list[str], Query(alias="tag", max_length=20)]
ValidOnly = Annotated[
    bool, Query(description="Import the valid rows and report the others, instead of nothing.")
]


def actor(principal: OrgPrincipal) -> service.Actor:
    return service.Actor(
        user_id=principal.user.id if principal.user else None, email=principal.actor_email
    )


async def read_upload(file: UploadFile) -> bytes:
    data = await file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise AppError("The file is larger than 5 MB.", code="file_too_large", status=413)
    return data


def download(content: bytes, media_type: str, filename: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("")
async def list_questions(
    principal: OrgMember,
    db: DB,
    paging: Annotated[PageParams, Depends(page_params)],
    tags: Tags = [],  # noqa: B006 (FastAPI copies query defaults)
    q: Annotated[str, Query(max_length=200, description="Words in the stem")] = "",
    question_type: Annotated[QuestionType | None, Query(alias="type")] = None,
) -> Page[QuestionOut]:
    rows, total = await service.list_questions(
        db, principal.org_id, paging, text=q, tags=tags, question_type=question_type
    )
    return Page(
        items=[QuestionOut.model_validate(r) for r in rows],
        total=total,
        page=paging.page,
        page_size=paging.page_size,
    )


@router.get("/tags")
async def tags_in_use(principal: OrgMember, db: DB) -> list[TagCount]:
    return [
        TagCount(tag=tag, count=count)
        for tag, count in await service.tag_counts(db, principal.org_id)
    ]


@router.get("/export.csv", response_class=Response, responses={200: {"content": {"text/csv": {}}}})
async def export_csv(principal: OrgMember, db: DB, tags: Tags = []) -> Response:  # noqa: B006
    questions = await service.all_questions(db, principal.org_id, tags)
    return download(csv_io.export_csv(questions), "text/csv; charset=utf-8", "questions.csv")


@router.get(
    "/export.qti", response_class=Response, responses={200: {"content": {"application/zip": {}}}}
)
async def export_qti(principal: OrgMember, db: DB, tags: Tags = []) -> Response:  # noqa: B006
    questions = await service.all_questions(db, principal.org_id, tags)
    return download(qti.export_package(questions), "application/zip", "questions-qti3.zip")


@router.post("/import.csv")
async def import_csv(
    file: UploadFile, principal: OrgMember, db: DB, valid_only: ValidOnly = False
) -> ImportOut:
    parsed = csv_io.parse_csv(await read_upload(file))
    return await service.import_questions(
        db, principal.org_id, actor(principal), parsed, valid_only=valid_only, source="csv"
    )


@router.post("/import.qti")
async def import_qti(
    file: UploadFile, principal: OrgMember, db: DB, valid_only: ValidOnly = False
) -> ImportOut:
    parsed = qti.parse_qti(await read_upload(file))
    return await service.import_questions(
        db, principal.org_id, actor(principal), parsed, valid_only=valid_only, source="qti"
    )


@router.post("", status_code=201)
async def create_question(body: QuestionIn, principal: OrgMember, db: DB) -> QuestionOut:
    question = await service.create_question(db, principal.org_id, actor(principal), body)
    return QuestionOut.model_validate(question)


@router.get("/{question_id}")
async def get_question(question_id: str, principal: OrgMember, db: DB) -> QuestionOut:
    return QuestionOut.model_validate(await service.get_question(db, principal.org_id, question_id))


@router.patch("/{question_id}")
async def update_question(
    question_id: str, body: QuestionPatch, principal: OrgMember, db: DB
) -> QuestionOut:
    question = await service.update_question(
        db, principal.org_id, question_id, actor(principal), body
    )
    return QuestionOut.model_validate(question)


@router.delete("/{question_id}", status_code=204)
async def delete_question(question_id: str, principal: OrgMember, db: DB) -> None:
    await service.delete_question(db, principal.org_id, question_id, actor(principal))
