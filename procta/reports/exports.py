"""CSV exports of an exam: one row per attempt (sessions, scores, decisions) and one row
per flag. A handful of queries whatever the size, so 10,000 attempts take well under the
two seconds a teacher will wait (bench/reports.py)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from procta.attempts.models import Attempt
from procta.auth.names import user_names
from procta.db import org_get
from procta.exams.flags import FLAG_TYPES
from procta.exams.models import Exam
from procta.proctoring import scoring
from procta.proctoring.models import Flag
from procta.review.models import Appeal
from procta.students.models import Student

RESULT_COLUMNS = [
    "roll_number",
    "name",
    "email",
    "status",
    "started_at",
    "submitted_at",
    "minutes",
    "score",
    "max_score",
    "score_percent",
    "integrity",
    "risk",
    "risk_tier",
    "violations",
    "flags",
    "flags_confirmed",
    "flags_dismissed",
    "flags_undecided",
    "calibration",
    "verdict",
    "review_status",
    "reviewed_by",
    "reviewed_at",
    "review_comment",
    "appeal_status",
    "end_reason",
]
FLAG_COLUMNS = [
    "roll_number",
    "name",
    "flag_id",
    "type",
    "label",
    "source",
    "severity",
    "started_at",
    "ended_at",
    "seconds",
    "confidence",
    "suggestion",
    "decision",
    "decided_by",
    "decided_at",
    "comment",
]


def _cell(value: Any) -> Any:
    """Times in ISO 8601; text that a spreadsheet would run as a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(header: list[str], rows: Iterable[Iterable[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return out.getvalue()


async def results_csv(session: AsyncSession, org_id: str, exam_id: str) -> str:
    exam = await org_get(session, Exam, org_id, exam_id)
    counts: dict[str, dict[str, int]] = {}
    for attempt_id, decision, n in await session.execute(
        select(Flag.attempt_id, Flag.decision, func.count(Flag.id))
        .join(Attempt, Attempt.id == Flag.attempt_id)
        .where(Flag.org_id == org_id, Attempt.exam_id == exam.id)
        .group_by(Flag.attempt_id, Flag.decision)
    ):
        counts.setdefault(attempt_id, {})[decision] = n
    appeals = dict(
        (
            await session.execute(
                select(Appeal.attempt_id, Appeal.status)
                .join(Attempt, Attempt.id == Appeal.attempt_id)
                .where(Appeal.org_id == org_id, Attempt.exam_id == exam.id)
            )
        ).all()
    )
    a, s = Attempt, Student
    result = await session.execute(
        select(
            a.id,
            s.roll_number,
            s.name,
            s.email,
            a.status,
            a.started_at,
            a.submitted_at,
            a.deadline_at,
            a.score,
            a.max_score,
            a.integrity,
            a.risk,
            a.violations,
            a.cal_status,
            a.verdict,
            a.review_status,
            a.reviewed_by_id,
            a.reviewed_at,
            a.review_comment,
            a.end_reason,
        )
        .join(s, s.id == a.student_id)
        .where(a.org_id == org_id, a.exam_id == exam.id)
        .order_by(s.roll_number)
    )
    rows = list(result)
    reviewers = await user_names(session, (r.reviewed_by_id for r in rows))

    def lines() -> Iterable[list[Any]]:
        for r in rows:
            (
                attempt_id,
                roll,
                name,
                email,
                status,
                started,
                submitted,
                deadline,
                score,
                max_score,
                integrity,
                risk,
                violations,
                cal,
                verdict,
                review,
                reviewer,
                reviewed_at,
                comment,
                end_reason,
            ) = r
            c = counts.get(attempt_id, {})
            end = min(submitted, deadline) if submitted else None
            yield [
                roll,
                name,
                email,
                status,
                started,
                submitted,
                round((end - started).total_seconds() / 60, 1) if end else None,
                score,
                max_score,
                round(score * 100 / max_score, 1) if score is not None and max_score else None,
                integrity,
                risk,
                scoring.tier_of(risk),
                violations,
                sum(c.values()),
                c.get("confirmed", 0),
                c.get("dismissed", 0),
                c.get("undecided", 0),
                cal or None,
                verdict,
                review or ("pending" if integrity is not None else ""),
                reviewers.get(reviewer or ""),
                reviewed_at,
                comment,
                appeals.get(attempt_id),
                end_reason,
            ]

    return _csv(RESULT_COLUMNS, lines())


async def flags_csv(session: AsyncSession, org_id: str, exam_id: str) -> str:
    exam = await org_get(session, Exam, org_id, exam_id)
    f = Flag
    rows = list(
        await session.execute(
            select(
                Student.roll_number,
                Student.name,
                f.id,
                f.type,
                f.source,
                f.severity,
                f.started_at,
                f.ended_at,
                f.confidence,
                f.decision,
                f.decided_by_id,
                f.decided_at,
                f.comment,
            )
            .join(Attempt, Attempt.id == f.attempt_id)
            .join(Student, Student.id == Attempt.student_id)
            .where(f.org_id == org_id, Attempt.exam_id == exam.id)
            .order_by(Student.roll_number, f.started_at, f.id)
        )
    )
    reviewers = await user_names(session, {r.decided_by_id for r in rows})
    return _csv(
        FLAG_COLUMNS,
        (
            [
                r.roll_number,
                r.name,
                r.id,
                r.type,
                FLAG_TYPES[r.type].label if r.type in FLAG_TYPES else r.type,
                r.source,
                r.severity,
                r.started_at,
                r.ended_at,
                round((r.ended_at - r.started_at).total_seconds(), 1),
                r.confidence,
                scoring.suggestion(r.confidence),
                r.decision,
                reviewers.get(r.decided_by_id or ""),
                r.decided_at,
                r.comment,
            ]
            for r in rows
        ),
    )
