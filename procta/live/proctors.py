"""Live mode: which proctor watches which student.

An exam names the members on duty and how many students each watches at most (the
proctor-to-student ratio). A student who joins goes to the least busy proctor on duty;
changing who is on duty moves the students of anyone who left and evens out the load.
More students than the ratio allows are still assigned, and the summary says how many more
proctors the ratio asks for. With nobody on duty every proctor sees everyone.
"""

from __future__ import annotations

import math
from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from procta.attempts.models import Attempt
from procta.audit import service as audit
from procta.auth.models import User
from procta.db import org_get
from procta.errors import BadRequest
from procta.exams.models import Exam
from procta.live.schemas import DutyOut, ProctorLoad, ProctorsIn
from procta.orgs.models import Membership

ACTIVE = ("in_progress", "paused")


async def _loads(session: AsyncSession, exam: Exam) -> Counter[str]:
    found = await session.execute(
        select(Attempt.proctor_id, func.count())
        .where(
            Attempt.org_id == exam.org_id,
            Attempt.exam_id == exam.id,
            Attempt.status.in_(ACTIVE),
            Attempt.proctor_id.is_not(None),
        )
        .group_by(Attempt.proctor_id)
    )
    return Counter({pid: n for pid, n in found.all() if pid})


def _least_busy(on_duty: list[str], loads: Counter[str]) -> str:
    return min(on_duty, key=lambda pid: (loads[pid], on_duty.index(pid)))


async def assign_new(session: AsyncSession, exam: Exam, attempt: Attempt) -> None:
    """Give a student who just joined to the least busy proctor on duty."""
    if not exam.proctor_ids or attempt.proctor_id in exam.proctor_ids:
        return
    attempt.proctor_id = _least_busy(exam.proctor_ids, await _loads(session, exam))


async def set_duty(
    session: AsyncSession, org_id: str, exam_id: str, body: ProctorsIn, actor: str
) -> tuple[DutyOut, list[str]]:
    """Put these members on duty; returns the summary and the attempts that changed hands."""
    exam = await org_get(session, Exam, org_id, exam_id)
    wanted = list(dict.fromkeys(body.user_ids))
    members = set(
        (
            await session.execute(
                select(Membership.user_id).where(
                    Membership.org_id == org_id, Membership.user_id.in_(wanted)
                )
            )
        ).scalars()
    )
    if unknown := [u for u in wanted if u not in members]:
        raise BadRequest(
            f"Not members of this organization: {', '.join(unknown)}.", code="not_a_member"
        )
    exam.proctor_ids, exam.students_per_proctor = wanted, body.students_per_proctor
    moved = await _rebalance(session, exam)
    audit.record(
        session,
        "exam.proctors_set",
        org_id=org_id,
        actor_email=actor,
        exam_id=exam.id,
        proctors=wanted,
        students_per_proctor=body.students_per_proctor,
    )
    await session.flush()
    return await duty(session, org_id, exam_id), moved


async def _rebalance(session: AsyncSession, exam: Exam) -> list[str]:
    """Students of proctors no longer on duty (or of nobody) go to the least busy; then
    the busiest hand students to the least busy until loads differ by at most one."""
    attempts = list(
        (
            await session.execute(
                select(Attempt)
                .where(
                    Attempt.org_id == exam.org_id,
                    Attempt.exam_id == exam.id,
                    Attempt.status.in_(ACTIVE),
                )
                .order_by(Attempt.started_at, Attempt.id)
            )
        ).scalars()
    )
    on_duty = exam.proctor_ids
    moved: list[str] = []
    if not on_duty:
        for a in attempts:
            if a.proctor_id is not None:
                a.proctor_id = None
                moved.append(a.id)
        return moved
    mine: dict[str, list[Attempt]] = {pid: [] for pid in on_duty}
    for a in attempts:  # oldest first, so each list ends with its newest
        if a.proctor_id is not None and a.proctor_id in mine:
            mine[a.proctor_id].append(a)
    loads = Counter({pid: len(own) for pid, own in mine.items()})
    for a in attempts:
        if a.proctor_id is None or a.proctor_id not in mine:
            chosen = a.proctor_id = _least_busy(on_duty, loads)
            mine[chosen].append(a)
            loads[chosen] += 1
            moved.append(a.id)
    while True:  # the busiest hands its newest student to the least busy
        busiest = max(on_duty, key=lambda pid: (loads[pid], -on_duty.index(pid)))
        lightest = _least_busy(on_duty, loads)
        if loads[busiest] - loads[lightest] <= 1:
            return moved
        a = mine[busiest].pop()
        a.proctor_id = lightest
        mine[lightest].append(a)
        loads[busiest] -= 1
        loads[lightest] += 1
        moved.append(a.id)


async def duty(session: AsyncSession, org_id: str, exam_id: str) -> DutyOut:
    exam = await org_get(session, Exam, org_id, exam_id)
    loads = await _loads(session, exam)
    users = {
        u.id: u
        for u in (
            await session.execute(select(User).where(User.id.in_(exam.proctor_ids or [""])))
        ).scalars()
    }
    active = await session.scalar(
        select(func.count()).where(
            Attempt.org_id == org_id, Attempt.exam_id == exam.id, Attempt.status.in_(ACTIVE)
        )
    )
    ratio = exam.students_per_proctor
    needed = math.ceil((active or 0) / ratio) if ratio else 0
    return DutyOut(
        students_per_proctor=ratio,
        proctors=[
            ProctorLoad(
                user_id=pid,
                name=users[pid].name if pid in users else "",
                email=users[pid].email if pid in users else "",
                students=loads[pid],
            )
            for pid in exam.proctor_ids
        ],
        active_students=active or 0,
        proctors_needed=max(0, needed - len(exam.proctor_ids)),
    )
