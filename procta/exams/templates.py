"""Exam templates (an exam's settings and items saved for reuse) and cloning."""

from __future__ import annotations

import copy
from typing import Any

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from procta.audit.service import record
from procta.courses.models import Course
from procta.db import org_get, org_select
from procta.errors import BadRequest
from procta.exams.items import exam_items
from procta.exams.models import Exam, ExamItem, ExamTemplate
from procta.exams.schemas import ExamIn, FromTemplateIn
from procta.exams.service import (
    SETTINGS,
    Actor,
    audit,
    create_exam,
    get_exam,
    group_ids_of,
    set_groups,
)
from procta.questions.models import Question
from procta.students.models import StudentGroup


def item_configs(items: list[ExamItem]) -> list[dict[str, Any]]:
    """Items as the API takes them; a slot whose question was erased from the bank is
    left out."""
    return [
        {"question_id": i.question_id}
        if i.question_id
        else {"pool_tags": list(i.pool_tags), "pool_count": i.pool_count}
        for i in items
        if i.question_id or i.pool_count
    ]


def config_question_count(config: dict[str, Any]) -> int:
    return sum(1 if i.get("question_id") else int(i["pool_count"]) for i in config["items"])


async def _live_questions(session: AsyncSession, org_id: str, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    stmt = (
        org_select(Question, org_id)
        .with_only_columns(Question.id)
        .where(Question.id.in_(ids), Question.deleted_at.is_(None))
    )
    return set((await session.execute(stmt)).scalars())


async def _copy_items(session: AsyncSession, exam: Exam, configs: list[dict[str, Any]]) -> None:
    """Give ``exam`` these items, leaving out questions deleted from the bank since."""
    live = await _live_questions(
        session, exam.org_id, [c["question_id"] for c in configs if c.get("question_id")]
    )
    kept = [c for c in configs if not c.get("question_id") or c["question_id"] in live]
    session.add_all(
        ExamItem(
            org_id=exam.org_id,
            exam_id=exam.id,
            position=position,
            question_id=c.get("question_id"),
            pool_tags=list(c.get("pool_tags", [])),
            pool_count=int(c.get("pool_count", 0)),
        )
        for position, c in enumerate(kept, start=1)
    )
    await session.flush()


# --- templates --------------------------------------------------------------------------


async def save_as_template(
    session: AsyncSession, org_id: str, exam_id: str, name: str, actor: Actor
) -> ExamTemplate:
    """The schedule, status and title stay with the exam; everything else is kept."""
    exam = await get_exam(session, org_id, exam_id)
    config: dict[str, Any] = {n: copy.deepcopy(getattr(exam, n)) for n in SETTINGS}
    config["group_ids"] = await group_ids_of(session, org_id, exam.id)
    config["items"] = item_configs(await exam_items(session, org_id, exam.id))
    template = ExamTemplate(org_id=org_id, name=name, config=config, created_by_id=actor.user_id)
    session.add(template)
    await session.flush()
    audit(session, "exam.template_saved", exam, actor, template_id=template.id, name=name)
    await session.flush()
    return template


async def list_templates(session: AsyncSession, org_id: str) -> list[ExamTemplate]:
    stmt = org_select(ExamTemplate, org_id).order_by(ExamTemplate.name, ExamTemplate.id)
    return list((await session.execute(stmt)).scalars())


async def delete_template(
    session: AsyncSession, org_id: str, template_id: str, actor: Actor
) -> None:
    template = await org_get(session, ExamTemplate, org_id, template_id)
    await session.delete(template)
    record(
        session,
        "exam_template.deleted",
        org_id=org_id,
        user_id=actor.user_id,
        actor_email=actor.email,
        template_id=template.id,
        name=template.name,
    )
    await session.flush()


async def _still_there(
    session: AsyncSession, org_id: str, model: type[Course] | type[StudentGroup], ids: list[str]
) -> list[str]:
    if not ids:
        return []
    stmt = org_select(model, org_id).with_only_columns(model.id).where(model.id.in_(ids))
    found = set((await session.execute(stmt)).scalars())
    return [i for i in ids if i in found]


async def create_from_template(
    session: AsyncSession, org_id: str, template_id: str, body: FromTemplateIn, actor: Actor
) -> Exam:
    """A new draft; the template's course and groups are kept where they still exist
    (a ``course_id`` sent in the body, even null, wins)."""
    template = await org_get(session, ExamTemplate, org_id, template_id)
    config = dict(template.config)
    if "course_id" in body.model_fields_set:
        course_id = body.course_id
    else:
        kept = await _still_there(session, org_id, Course, [config.get("course_id") or ""])
        course_id = kept[0] if kept else None
    settings = {n: config[n] for n in SETTINGS if n in config}
    try:
        exam_in = ExamIn.model_validate(
            {
                **settings,
                "title": body.title,
                "course_id": course_id,
                "group_ids": await _still_there(
                    session, org_id, StudentGroup, list(config.get("group_ids", []))
                ),
                "status": "draft",
            }
        )
    except ValidationError as exc:
        raise BadRequest(
            "This template's settings are no longer valid; save a new template.",
            code="template_invalid",
        ) from exc
    exam = await create_exam(session, org_id, exam_in, actor)
    await _copy_items(session, exam, list(config.get("items", [])))
    return exam


# --- cloning ----------------------------------------------------------------------------


async def clone_exam(
    session: AsyncSession, org_id: str, exam_id: str, title: str | None, actor: Actor
) -> Exam:
    """A new draft with the same settings, schedule, groups and items; no attempts and no
    accommodations, which belong to the students of the original."""
    source = await get_exam(session, org_id, exam_id)
    clone = Exam(
        org_id=org_id,
        title=title or f"Copy of {source.title}"[:200],
        status="draft",
        window_start=source.window_start,
        window_end=source.window_end,
        created_by_id=actor.user_id,
        **{n: copy.deepcopy(getattr(source, n)) for n in SETTINGS},
    )
    session.add(clone)
    await session.flush()
    await set_groups(session, org_id, clone, await group_ids_of(session, org_id, source.id))
    await _copy_items(session, clone, item_configs(await exam_items(session, org_id, source.id)))
    audit(session, "exam.cloned", clone, actor, source_exam_id=source.id)
    await session.flush()
    return clone
