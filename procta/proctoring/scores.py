"""Stored scores: the engine (``scoring``) applied to an attempt's flags with the weights
its exam and accommodation give, written back on the attempt with the formula version."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from procta.attempts.models import Attempt
from procta.exams.flags import EffectiveFlag, effective_flags
from procta.exams.models import Accommodation, Exam
from procta.proctoring import episodes, scoring
from procta.proctoring.models import Flag


async def flag_table(session: AsyncSession, attempt: Attempt) -> dict[str, EffectiveFlag]:
    """Every flag type as it counts for this attempt: the exam's switches and weights, the
    student's accommodation switching types off."""
    row = (
        await session.execute(
            select(Exam.flag_settings, Accommodation.disabled_flags)
            .outerjoin(
                Accommodation,
                (Accommodation.exam_id == Exam.id)
                & (Accommodation.student_id == attempt.student_id),
            )
            .where(Exam.id == attempt.exam_id)
        )
    ).one()
    return effective_flags(row.flag_settings or {}, row.disabled_flags)


def scored(flags: Sequence[Flag], table: dict[str, EffectiveFlag]) -> list[scoring.ScoredFlag]:
    """The flags that count (types switched off after the fact count no more)."""
    return [
        scoring.ScoredFlag(
            type=f.type,
            weight=table[f.type].weight,
            confidence=f.confidence,
            decision=f.decision,  # type: ignore[arg-type]
            ended_at=f.ended_at,
            open=f.open,
        )
        for f in flags
        if f.type in table and table[f.type].enabled
    ]


async def flags_of(session: AsyncSession, attempt: Attempt) -> list[Flag]:
    stmt = (
        select(Flag)
        .where(Flag.org_id == attempt.org_id, Flag.attempt_id == attempt.id)
        .order_by(Flag.started_at, Flag.id)
        .execution_options(populate_existing=True)  # after Core updates (closing episodes)
    )
    return list((await session.execute(stmt)).scalars())


async def recompute(
    session: AsyncSession, attempt: Attempt, now: datetime, half_life_s: float
) -> bool:
    """Integrity, risk and live risk from the attempt's flags as they stand now; returns
    whether any stored figure changed."""
    table = await flag_table(session, attempt)
    flags = scored(await flags_of(session, attempt), table)
    verdict = attempt.verdict if attempt.verdict in ("clear", "escalate") else "none"
    integrity = round(scoring.integrity(flags, verdict), 2)  # type: ignore[arg-type]
    risk = round(100.0 - integrity, 2)
    total, _ = scoring.live_sums(flags, now, half_life_s)  # the open ones: attempt.episodes
    before = (attempt.integrity, attempt.risk, attempt.score_version)
    attempt.integrity, attempt.risk = integrity, risk
    attempt.score_version = scoring.FORMULA_VERSION
    attempt.violations = sum(1 for f in flags if f.decision != "dismissed")
    attempt.live_total, attempt.live_at = total, now
    attempt.live_risk = round(live_risk_now(attempt, now, half_life_s), 2)
    await session.flush()
    return before != (integrity, risk, scoring.FORMULA_VERSION)


def live_risk_now(attempt: Attempt, now: datetime, half_life_s: float) -> float:
    """The attempt's live risk at ``now``: its faded sum plus the flags still going on."""
    live = scoring.LiveRisk(attempt.live_total, attempt.live_at)
    return live.score(now, half_life_s, episodes.held(attempt.episodes))
