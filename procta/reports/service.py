"""Reports and summaries of attempts and exams: the facts read once, the rules' summary
(or the LLM's, when configured), rendered as HTML or PDF off the event loop."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from procta.config import Settings
from procta.db import end_reads
from procta.reports import facts as read
from procta.reports import llm, render, summary
from procta.reports.facts import AttemptFacts, ExamFacts
from procta.review.schemas import SummaryOut
from procta.storage.files import Storage


def _attempt_facts_text(f: AttemptFacts) -> str:
    a = f.attempt
    return json.dumps(
        {
            "student": f.student.name,
            "exam": f.exam.title,
            "status": a.status,
            "minutes": round(f.minutes, 1),
            "integrity": a.integrity,
            "risk_tier": f.tier,
            "calibration": a.cal_status or "not done",
            "review": a.review_status or "pending",
            "review_comment": a.review_comment,
            "flags": [
                {
                    "flag": x.label,
                    "source": x.source,
                    "severity": x.severity,
                    "seconds": round(x.seconds),
                    "confidence": round(x.confidence, 2),
                    "decision": x.decision,
                    "comment": x.comment,
                }
                for x in f.flags
            ],
        }
    )


def _exam_facts_text(f: ExamFacts) -> str:
    return json.dumps(
        {
            "exam": f.exam.title,
            "attempts": len(f.rows),
            "finished": len(f.finished),
            "flags_by_type": dict(f.flag_counts),
            "attempts_by_tier": {
                t: sum(1 for r in f.finished if r.tier == t)
                for t in ("low", "moderate", "high", "critical")
            },
            "reviews": {
                s: sum(1 for r in f.finished if (r.review_status or "pending") == s)
                for s in ("approved", "declined", "pending")
            },
            "open_appeals": f.open_appeals,
        }
    )


async def _attempt(
    session: AsyncSession, settings: Settings, org_id: str, attempt_id: str
) -> tuple[AttemptFacts, SummaryOut]:
    facts = await read.attempt_facts(session, org_id, attempt_id)
    await end_reads(session)  # the narrator and the renderer take their time
    told = await llm.narrate(settings, summary.attempt_summary(facts), _attempt_facts_text(facts))
    return facts, told


async def attempt_summary(
    session: AsyncSession, settings: Settings, org_id: str, attempt_id: str
) -> SummaryOut:
    return (await _attempt(session, settings, org_id, attempt_id))[1]


async def exam_summary(
    session: AsyncSession, settings: Settings, org_id: str, exam_id: str
) -> tuple[ExamFacts, SummaryOut]:
    facts = await read.exam_facts(session, org_id, exam_id)
    await end_reads(session)
    told = await llm.narrate(settings, summary.exam_summary(facts), _exam_facts_text(facts))
    return facts, told


async def attempt_html(
    session: AsyncSession,
    settings: Settings,
    storage: Storage,
    org_id: str,
    attempt_id: str,
    now: datetime,
) -> str:
    facts, told = await _attempt(session, settings, org_id, attempt_id)
    return await asyncio.to_thread(render.attempt_html, facts, storage, told, now)


async def attempt_pdf(
    session: AsyncSession,
    settings: Settings,
    storage: Storage,
    org_id: str,
    attempt_id: str,
    now: datetime,
) -> bytes:
    html = await attempt_html(session, settings, storage, org_id, attempt_id, now)
    return await asyncio.to_thread(render.pdf, html)


async def exam_pdf(
    session: AsyncSession, settings: Settings, org_id: str, exam_id: str, now: datetime
) -> bytes:
    facts, told = await exam_summary(session, settings, org_id, exam_id)
    html = render.exam_html(facts, told, now)
    return await asyncio.to_thread(render.pdf, html)
