"""An exam's ordered items: fixed bank questions and tagged pools drawn per student."""

from __future__ import annotations

from sqlalchemy import case, delete, func
from sqlalchemy.ext.asyncio import AsyncSession

from procta.db import org_select
from procta.errors import BadRequest, Conflict, NotFound
from procta.exams.models import Exam, ExamItem
from procta.exams.schemas import ItemIn
from procta.exams.service import Actor, attempt_count, audit
from procta.questions.models import Question


async def exam_items(session: AsyncSession, org_id: str, exam_id: str) -> list[ExamItem]:
    stmt = org_select(ExamItem, org_id).where(ExamItem.exam_id == exam_id)
    return list((await session.execute(stmt.order_by(ExamItem.position))).scalars())


def question_count(items: list[ExamItem]) -> int:
    """How many questions a student gets: one per fixed question, ``pool_count`` per pool."""
    return sum(1 if i.question_id else i.pool_count for i in items)


async def question_counts(
    session: AsyncSession, org_id: str, exam_ids: list[str]
) -> dict[str, int]:
    per_item = case((ExamItem.question_id.is_not(None), 1), else_=ExamItem.pool_count)
    stmt = (
        org_select(ExamItem, org_id)
        .with_only_columns(ExamItem.exam_id, func.sum(per_item))
        .where(ExamItem.exam_id.in_(exam_ids))
        .group_by(ExamItem.exam_id)
    )
    return {exam_id: int(total) for exam_id, total in await session.execute(stmt)}


async def bank_tags(session: AsyncSession, org_id: str) -> dict[str, set[str]]:
    """Tags of every live (not deleted) question of the org, for matching pools."""
    stmt = (
        org_select(Question, org_id)
        .with_only_columns(Question.id, Question.tags)
        .where(Question.deleted_at.is_(None))
    )
    return {qid: set(tags or ()) for qid, tags in await session.execute(stmt)}


def pool_matches(bank: dict[str, set[str]], tags: list[str], fixed: set[str]) -> int:
    """Questions a pool can draw: all its tags, and not already one of the fixed questions
    (a student never gets the same question twice)."""
    wanted = set(tags)
    return sum(1 for qid, have in bank.items() if qid not in fixed and wanted <= have)


async def _check_questions(session: AsyncSession, org_id: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for qid in ids:
        if qid in seen:
            raise BadRequest(f"Question {qid} is in the list twice.", code="duplicate_question")
        seen.add(qid)
    if not ids:
        return
    stmt = (
        org_select(Question, org_id)
        .with_only_columns(Question.id)
        .where(Question.id.in_(ids), Question.deleted_at.is_(None))
    )
    found = set((await session.execute(stmt)).scalars())
    if missing := [qid for qid in ids if qid not in found]:
        raise NotFound(f"question not found: {missing[0]}")


async def replace_items(
    session: AsyncSession, org_id: str, exam: Exam, items: list[ItemIn], actor: Actor
) -> list[ExamItem]:
    """Replace the exam's ordered items. Once a student has started, the exam's questions
    are fixed: changing them would make attempts incomparable."""
    if await attempt_count(session, org_id, exam.id):
        raise Conflict(
            "Students have already started this exam, so its questions cannot change. "
            "Clone it to make a changed copy.",
            code="exam_started",
        )
    if not items and exam.status == "published":
        raise BadRequest("A published exam needs at least one question.", code="exam_empty")
    fixed = [i.question_id for i in items if i.question_id]
    await _check_questions(session, org_id, fixed)
    if any(not i.question_id for i in items):
        bank = await bank_tags(session, org_id)
        for position, item in enumerate(items, start=1):
            if item.question_id:
                continue
            available = pool_matches(bank, item.pool_tags, set(fixed))
            if available < item.pool_count:
                raise BadRequest(
                    f"Item {position} draws {item.pool_count} questions tagged "
                    f"{', '.join(item.pool_tags)}, but only {available} such questions exist "
                    "(besides those picked one by one).",
                    code="pool_too_small",
                    details={"position": position, "available": available},
                )
    await session.execute(
        delete(ExamItem).where(ExamItem.org_id == org_id, ExamItem.exam_id == exam.id)
    )
    rows = [
        ExamItem(
            org_id=org_id,
            exam_id=exam.id,
            position=position,
            question_id=item.question_id,
            pool_tags=list(dict.fromkeys(item.pool_tags)),
            pool_count=item.pool_count,
        )
        for position, item in enumerate(items, start=1)
    ]
    session.add_all(rows)
    audit(session, "exam.updated", exam, actor, fields=["items"])
    await session.flush()
    return rows
