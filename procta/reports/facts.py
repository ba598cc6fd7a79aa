"""What reports and summaries are made of, read once from the database into plain data:
the renderers and the summariser never touch a session."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from procta.attempts.models import FINISHED, Attempt
from procta.auth.names import user_names
from procta.db import org_get
from procta.exams.flags import FLAG_TYPES
from procta.exams.models import Exam
from procta.proctoring import scores, scoring
from procta.proctoring import service as proctoring
from procta.proctoring.models import Flag, Snapshot
from procta.review.models import Appeal
from procta.students.models import Student


@dataclass(frozen=True)
class FlagFact:
    id: str
    type: str
    label: str
    source: str
    severity: str
    started_at: datetime
    ended_at: datetime
    confidence: float
    decision: str
    decided_by: str | None
    comment: str
    snapshots: list[Snapshot]

    @property
    def seconds(self) -> float:
        return max(0.0, (self.ended_at - self.started_at).total_seconds())

    @property
    def suggestion(self) -> str:
        return scoring.suggestion(self.confidence)


@dataclass(frozen=True)
class AttemptFacts:
    attempt: Attempt
    student: Student
    exam: Exam
    flags: list[FlagFact]
    media: list[Snapshot]
    reviewer: str | None
    appeal: Appeal | None

    @property
    def tier(self) -> str | None:
        return scoring.tier_of(self.attempt.risk)

    @property
    def minutes(self) -> float:
        began = self.attempt.began_at or self.attempt.started_at
        end = self.attempt.submitted_at or began
        return max(0.0, (min(end, self.attempt.deadline_at) - began).total_seconds() / 60)

    def of_kind(self, kind: str) -> list[Snapshot]:
        return [m for m in self.media if m.kind == kind]


async def attempt_facts(session: AsyncSession, org_id: str, attempt_id: str) -> AttemptFacts:
    attempt = await org_get(session, Attempt, org_id, attempt_id)
    student = await org_get(session, Student, org_id, attempt.student_id)
    exam = await org_get(session, Exam, org_id, attempt.exam_id)
    flags = await scores.flags_of(session, attempt)
    media, shown = await proctoring.evidence(session, attempt, flags)
    by_id = {m.id: m for m in media}
    names = await user_names(session, {f.decided_by_id for f in flags} | {attempt.reviewed_by_id})
    appeal = (
        await session.execute(
            select(Appeal).where(Appeal.org_id == org_id, Appeal.attempt_id == attempt.id)
        )
    ).scalar()
    return AttemptFacts(
        attempt=attempt,
        student=student,
        exam=exam,
        flags=[
            FlagFact(
                id=f.id,
                type=f.type,
                label=FLAG_TYPES[f.type].label if f.type in FLAG_TYPES else f.type,
                source=f.source,
                severity=f.severity,
                started_at=f.started_at,
                ended_at=f.ended_at,
                confidence=f.confidence,
                decision=f.decision,
                decided_by=names.get(f.decided_by_id or ""),
                comment=f.comment,
                snapshots=[by_id[s] for s in shown[f.id]],
            )
            for f in flags
        ],
        media=media,
        reviewer=names.get(attempt.reviewed_by_id or ""),
        appeal=appeal,
    )


@dataclass(frozen=True)
class ExamRow:
    """One attempt as the exam summary lists it."""

    name: str
    roll_number: str
    status: str
    score_percent: float | None
    integrity: float | None
    risk: float | None
    tier: str | None
    violations: int
    review_status: str


@dataclass
class ExamFacts:
    exam: Exam
    rows: list[ExamRow]
    flag_counts: Counter[str] = field(default_factory=Counter)  # label -> flags
    flagged_attempts: Counter[str] = field(default_factory=Counter)  # label -> attempts
    open_appeals: int = 0

    @property
    def finished(self) -> list[ExamRow]:
        return [r for r in self.rows if r.status in FINISHED]


async def exam_facts(session: AsyncSession, org_id: str, exam_id: str) -> ExamFacts:
    exam = await org_get(session, Exam, org_id, exam_id)
    rows = await session.execute(
        select(Attempt, Student.name, Student.roll_number)
        .join(Student, Student.id == Attempt.student_id)
        .where(Attempt.org_id == org_id, Attempt.exam_id == exam.id)
        .order_by(Attempt.risk.desc().nulls_last(), Student.roll_number)
    )
    facts = ExamFacts(
        exam=exam,
        rows=[
            ExamRow(
                name=name,
                roll_number=roll,
                status=a.status,
                score_percent=round(a.score * 100 / a.max_score, 1)
                if a.score is not None and a.max_score
                else None,
                integrity=a.integrity,
                risk=a.risk,
                tier=scoring.tier_of(a.risk),
                violations=a.violations,
                review_status=a.review_status,
            )
            for a, name, roll in rows
        ],
    )
    counted = await session.execute(
        select(Flag.type, func.count(Flag.id), func.count(func.distinct(Flag.attempt_id)))
        .join(Attempt, Attempt.id == Flag.attempt_id)
        .where(Flag.org_id == org_id, Attempt.exam_id == exam.id, Flag.decision != "dismissed")
        .group_by(Flag.type)
    )
    for flag_type, flags, attempts in counted:
        label = FLAG_TYPES[flag_type].label if flag_type in FLAG_TYPES else flag_type
        facts.flag_counts[label] = flags
        facts.flagged_attempts[label] = attempts
    facts.open_appeals = (
        await session.execute(
            select(func.count(Appeal.id))
            .join(Attempt, Attempt.id == Appeal.attempt_id)
            .where(Appeal.org_id == org_id, Attempt.exam_id == exam.id, Appeal.status == "open")
        )
    ).scalar_one()
    return facts
