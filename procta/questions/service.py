"""The question bank: search, create, edit (a new version), soft delete, tags and imports.

A deleted question keeps its row (``deleted_at`` set): exams and attempts that used it keep
working from their own snapshot, while the bank no longer shows it.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, Text, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from procta.audit.service import record
from procta.db import org_select, utcnow
from procta.errors import AppError, BadRequest, NotFound
from procta.pagination import PageParams
from procta.questions.models import Question
from procta.questions.schemas import (
    CHOICE_TYPES,
    ImportOut,
    ParsedImport,
    QuestionIn,
    QuestionPatch,
    checked,
)

EDITABLE = ("type", "stem", "options", "answer", "points", "partial_credit", "explanation", "tags")


@dataclass(frozen=True)
class Actor:
    """Who made a change, for the audit log (an API key has no user)."""

    user_id: str | None
    email: str


def active(org_id: str) -> Select[Question]:
    """The org's questions that are not deleted."""
    return org_select(Question, org_id).where(Question.deleted_at.is_(None))


def with_tags(stmt: Select[Question], tags: list[str]) -> Select[Question]:
    """Questions carrying every one of ``tags``. Tags are stored as a JSON list; matching the
    JSON-encoded tag inside its text works alike on SQLite and PostgreSQL."""
    for tag in tags:
        encoded = json.dumps(tag.strip().lower())
        stmt = stmt.where(cast(Question.tags, Text).contains(encoded, autoescape=True))
    return stmt


async def list_questions(
    session: AsyncSession,
    org_id: str,
    paging: PageParams,
    *,
    text: str = "",
    tags: list[str] | None = None,
    question_type: str | None = None,
) -> tuple[list[Question], int]:
    stmt = with_tags(active(org_id), tags or [])
    if text.strip():
        needle = text.strip().lower()
        stmt = stmt.where(func.lower(Question.stem).contains(needle, autoescape=True))
    if question_type:
        stmt = stmt.where(Question.type == question_type)
    total = (await session.execute(select(func.count()).select_from(stmt.subquery()))).scalar_one()
    page = stmt.order_by(Question.created_at.desc(), Question.id.desc())
    rows = await session.execute(page.offset(paging.offset).limit(paging.page_size))
    return list(rows.scalars()), int(total)


async def all_questions(session: AsyncSession, org_id: str, tags: list[str]) -> list[Question]:
    """Every live question (for export), oldest first."""
    stmt = with_tags(active(org_id), tags).order_by(Question.created_at, Question.id)
    return list((await session.execute(stmt)).scalars())


async def get_question(session: AsyncSession, org_id: str, question_id: str) -> Question:
    stmt = active(org_id).where(Question.id == question_id)
    question = (await session.execute(stmt)).scalar()
    if question is None:
        raise NotFound("question not found")
    return question


async def tag_counts(session: AsyncSession, org_id: str) -> list[tuple[str, int]]:
    """Every tag in use with how many live questions carry it, most used first."""
    rows = await session.execute(active(org_id).with_only_columns(Question.tags))
    counts = Counter(tag for (tags,) in rows for tag in tags)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _new(org_id: str, actor: Actor, fields: dict[str, Any]) -> Question:
    return Question(org_id=org_id, created_by_id=actor.user_id, version=1, **fields)


async def create_question(
    session: AsyncSession, org_id: str, actor: Actor, spec: QuestionIn
) -> Question:
    question = _new(org_id, actor, checked(spec))
    session.add(question)
    await session.flush()
    record(
        session,
        "question.created",
        org_id=org_id,
        user_id=actor.user_id,
        actor_email=actor.email,
        question_id=question.id,
        type=question.type,
    )
    await session.flush()
    return question


async def update_question(
    session: AsyncSession, org_id: str, question_id: str, actor: Actor, patch: QuestionPatch
) -> Question:
    """Apply the fields sent; a real change bumps the version (attempts keep their copy)."""
    question = await get_question(session, org_id, question_id)
    merged = {name: getattr(question, name) for name in EDITABLE}
    sent = patch.model_dump(exclude_unset=True)
    if "type" in sent and sent["type"] not in CHOICE_TYPES and "options" not in sent:
        merged["options"] = []  # a choice question turned into another kind drops its options
    fields = checked(merged | sent)
    changed = sorted(name for name in EDITABLE if fields[name] != getattr(question, name))
    if not changed:
        return question
    for name in changed:
        setattr(question, name, fields[name])
    question.version += 1
    question.updated_at = utcnow()
    record(
        session,
        "question.updated",
        org_id=org_id,
        user_id=actor.user_id,
        actor_email=actor.email,
        question_id=question.id,
        version=question.version,
        changed=changed,
    )
    await session.flush()
    return question


async def delete_question(
    session: AsyncSession, org_id: str, question_id: str, actor: Actor
) -> None:
    question = await get_question(session, org_id, question_id)
    question.deleted_at = utcnow()
    record(
        session,
        "question.deleted",
        org_id=org_id,
        user_id=actor.user_id,
        actor_email=actor.email,
        question_id=question.id,
    )
    await session.flush()


async def import_questions(
    session: AsyncSession,
    org_id: str,
    actor: Actor,
    parsed: ParsedImport,
    *,
    valid_only: bool,
    source: str,
) -> ImportOut:
    """Store the file's questions: all of them, or none when a row is bad, unless the user
    chose to import only the valid rows."""
    total = len(parsed.questions) + len(parsed.errors)
    if total == 0:
        raise BadRequest("The file holds no questions.", code="empty_import")
    if parsed.errors and not valid_only:
        report = ImportOut(imported=0, question_ids=[], errors=parsed.errors)
        raise AppError(
            f"{len(parsed.errors)} of {total} questions have errors, so nothing was imported. "
            "Fix them, or import only the valid ones.",
            code="import_has_errors",
            status=422,
            # ``valid``: how many questions "import only the valid ones" would store.
            details={**report.model_dump(), "valid": len(parsed.questions)},
        )
    questions = [_new(org_id, actor, fields) for fields in parsed.questions]
    session.add_all(questions)
    await session.flush()
    record(
        session,
        "question.imported",
        org_id=org_id,
        user_id=actor.user_id,
        actor_email=actor.email,
        source=source,
        imported=len(questions),
        rejected=len(parsed.errors),
    )
    await session.flush()
    return ImportOut(
        imported=len(questions),
        question_ids=[q.id for q in questions],
        errors=parsed.errors,
    )
