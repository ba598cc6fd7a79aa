"""The summary email to an exam's teacher once its window has closed."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.pool import NullPool

from procta.attempts.models import Attempt
from procta.auth.models import User
from procta.config import Settings, get_settings
from procta.db import make_engine, make_sessionmaker, session_scope, utcnow
from procta.exams.models import Exam
from procta.jobs.broker import job
from procta.mail.service import queue_email
from procta.orgs.models import Membership
from procta.reports import service

log = logging.getLogger("procta.reports")
# Exams whose window closed longer ago than this get no email (e.g. right after an upgrade).
LOOKBACK = timedelta(days=2)


async def _recipients(session: AsyncSession, exam: Exam) -> list[str]:
    """The exam's author while still a member of its org; otherwise the org's owners and
    admins (a teacher who left gets no more student results)."""
    if exam.created_by_id:
        email = await session.scalar(
            select(User.email)
            .join(Membership, Membership.user_id == User.id)
            .where(User.id == exam.created_by_id, Membership.org_id == exam.org_id)
        )
        if email:
            return [email]
    rows = await session.execute(
        select(User.email)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.org_id == exam.org_id, Membership.role.in_(("owner", "admin")))
    )
    return list(rows.scalars())


async def send_due_summaries(
    sessions: async_sessionmaker[AsyncSession], settings: Settings, now: datetime
) -> int:
    """Email the summary of every exam whose window has just closed, once. Each exam is
    narrated outside any transaction (an LLM may take seconds), then claimed and its mail
    queued in one: the claim is an UPDATE only one sender wins, so two senders never both
    mail."""
    async with session_scope(sessions) as session:
        due = list(
            (
                await session.execute(
                    select(Exam.id, Exam.org_id).where(
                        Exam.summary_sent_at.is_(None),
                        Exam.window_end.is_not(None),
                        Exam.window_end <= now,
                        Exam.window_end > now - LOOKBACK,
                        Exam.status != "draft",
                        select(Attempt.id).where(Attempt.exam_id == Exam.id).exists(),
                    )
                )
            ).all()
        )
    sent = 0
    for exam_id, org_id in due:
        async with sessions() as session:
            facts, told = await service.exam_summary(session, settings, org_id, exam_id)
        async with session_scope(sessions) as session:
            claimed = await session.execute(
                update(Exam)
                .where(Exam.id == exam_id, Exam.summary_sent_at.is_(None))
                .values(summary_sent_at=now)
                .execution_options(synchronize_session=False)
            )
            if claimed.rowcount != 1:  # type: ignore[attr-defined]
                continue
            exam = facts.exam
            link = f"{settings.public_url.rstrip('/')}/exams/{exam.id}/results"
            text = (
                f"The window of “{exam.title}” has closed. Here is what happened:\n\n"
                f"{told.text}\n\nResults, the review queue and the reports: {link}\n"
            )
            for to in await _recipients(session, exam):
                queue_email(session, to, f"Exam summary: {exam.title}", text)
            sent += 1
    return sent


async def _send() -> int:
    settings = get_settings()
    engine = make_engine(settings.database_url, poolclass=NullPool)
    try:
        return await send_due_summaries(make_sessionmaker(engine), settings, utcnow())
    finally:
        await engine.dispose()


@job(queue_name="email", max_retries=3)
def send_exam_summaries() -> None:
    """Email each exam's summary once its window has closed. Idempotent."""
    count = asyncio.run(_send())
    if count:
        log.info("sent %d exam summaries", count)
