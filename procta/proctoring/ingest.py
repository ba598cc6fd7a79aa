"""Browser events in: the hot path of a proctored exam.

One batch is a fixed handful of statements whatever its size: read the attempt with its
exam's flag settings (locked, so two batches of one attempt never interleave), read which
client ids are already stored, then insert the new events and flags and update the
extended flags and the attempt in bulk. Episode state, per-type counts and the live risk
sum live on the attempt row, so nothing is recounted (``bench/ingest.py`` measures it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from procta.attempts.autosave import session_not_found
from procta.attempts.models import FINISHED, Attempt
from procta.auth import tokens
from procta.db import new_id
from procta.errors import Conflict
from procta.exams.flags import FLAG_TYPES, effective_flags
from procta.exams.models import Accommodation, Exam
from procta.proctoring import episodes, scoring
from procta.proctoring.models import Flag, ProctorEvent
from procta.proctoring.schemas import EventIn

# Core's table: an executemany UPDATE keyed by bindparam needs the Table, not the ORM class.
FLAGS: Table = Flag.__table__  # type: ignore[assignment]
SEVERITY_RANK = {"": 0, "low": 1, "medium": 2, "high": 3}
CLOCK_SKEW = timedelta(seconds=5)


@dataclass(frozen=True)
class Ingested:
    accepted: int
    duplicates: int
    ignored: int
    live_risk: float


async def _locked_attempt(session: AsyncSession, attempt_id: str, token: str) -> Any:
    stmt = (
        select(
            Attempt.id,
            Attempt.org_id,
            Attempt.status,
            Attempt.started_at,
            Attempt.episodes,
            Attempt.flag_counts,
            Attempt.violations,
            Attempt.severity,
            Attempt.live_total,
            Attempt.live_at,
            Exam.flag_settings,
            Accommodation.disabled_flags,
        )
        .join(Exam, Exam.id == Attempt.exam_id)
        .outerjoin(
            Accommodation,
            (Accommodation.exam_id == Attempt.exam_id)
            & (Accommodation.student_id == Attempt.student_id),
        )
        .where(Attempt.id == attempt_id, Attempt.token_hash == tokens.digest(token))
        .with_for_update(of=Attempt)
    )
    row = (await session.execute(stmt)).first()
    if row is None:
        raise session_not_found()
    if row.status in FINISHED or row.status == "failed":
        raise Conflict(
            "This exam has been submitted; nothing more is recorded.", code="attempt_closed"
        )
    return row


async def ingest_events(
    session: AsyncSession,
    attempt_id: str,
    token: str,
    events: list[EventIn],
    *,
    now: datetime,
    gap: timedelta,
    half_life_s: float,
) -> Ingested:
    attempt = await _locked_attempt(session, attempt_id, token)
    ids = list({e.client_id for e in events})
    stored = set(
        (
            await session.execute(
                select(ProctorEvent.client_id).where(
                    ProctorEvent.attempt_id == attempt_id, ProctorEvent.client_id.in_(ids)
                )
            )
        ).scalars()
    )
    table = effective_flags(attempt.flag_settings or {}, attempt.disabled_flags)
    state = {k: episodes.Episode.from_json(v) for k, v in (attempt.episodes or {}).items()}
    counts: dict[str, int] = dict(attempt.flag_counts or {})
    live = scoring.LiveRisk(attempt.live_total, attempt.live_at)
    new_flags: dict[str, episodes.NewFlag] = {}
    extensions: dict[str, episodes.Extension] = {}
    rows: list[dict[str, Any]] = []
    severity, violations = attempt.severity, attempt.violations
    duplicates = ignored = 0
    last: tuple[datetime, str] | None = None
    seen: set[str] = set()
    for event in sorted(events, key=lambda e: e.at):
        if event.client_id in stored or event.client_id in seen:
            duplicates += 1
            continue
        seen.add(event.client_id)
        effective = table[event.type]
        if not effective.enabled:
            ignored += 1
            continue
        # The client's clock: trusted for order within the sitting, never past the server's.
        at = min(max(event.at, attempt.started_at), now + CLOCK_SKEW)
        outcome = episodes.apply(
            state,
            new_flags,
            extensions,
            type=event.type,
            phase=event.phase,
            at=at,
            gap=gap,
            snapshot=event.snapshot_id,
            details=event.details,
        )
        if outcome.flag_id is not None:
            k = counts.get(event.type, 0) - (0 if outcome.opened else 1)
            contribution = scoring.live_contribution(effective.weight, 1.0, max(0, k))
            live.add(
                max(at, live.at or at),
                contribution,
                half_life_s,
                renewed_from=outcome.renewed_from,
            )
            if outcome.opened:
                counts[event.type] = counts.get(event.type, 0) + 1
                violations += 1
                kind = FLAG_TYPES[event.type]
                if SEVERITY_RANK[kind.severity] > SEVERITY_RANK[severity]:
                    severity = kind.severity
            if last is None or at >= last[0]:
                last = (at, event.type)
        rows.append(
            {
                "id": new_id(),
                "created_at": now,
                "org_id": attempt.org_id,
                "attempt_id": attempt_id,
                "client_id": event.client_id,
                "type": event.type,
                "phase": event.phase,
                "at": at,
                "details": event.details,
                "flag_id": outcome.flag_id,
                "snapshot_client_id": event.snapshot_id,
            }
        )
    live_risk = live.score(now, half_life_s)
    if not rows:
        return Ingested(0, duplicates, ignored, live_risk)
    await session.execute(insert(ProctorEvent), rows)
    if new_flags:
        await session.execute(
            insert(Flag),
            [_flag_row(f, attempt.org_id, attempt_id, now) for f in new_flags.values()],
        )
    if extensions:
        await session.execute(
            update(FLAGS)
            .where(FLAGS.c.id == bindparam("fid"))
            .values(
                ended_at=bindparam("end"),
                open=bindparam("is_open"),
                event_count=FLAGS.c.event_count + bindparam("more"),
            ),
            [
                {"fid": fid, "end": ext.ended_at, "is_open": ext.open, "more": ext.events}
                for fid, ext in extensions.items()
            ],
        )
    values: dict[str, Any] = {
        "episodes": {k: v.to_json() for k, v in state.items()},
        "flag_counts": counts,
        "violations": violations,
        "severity": severity,
        "live_total": live.total,
        "live_at": live.at,
        "live_risk": live_risk,
    }
    if last is not None:
        values["last_event_at"], values["last_event_type"] = last
    await session.execute(update(Attempt).where(Attempt.id == attempt_id).values(**values))
    return Ingested(len(rows), duplicates, ignored, live_risk)


def _flag_row(
    flag: episodes.NewFlag, org_id: str, attempt_id: str, now: datetime
) -> dict[str, Any]:
    kind = FLAG_TYPES[flag.type]
    return {
        "id": flag.id,
        "created_at": now,
        "org_id": org_id,
        "attempt_id": attempt_id,
        "type": flag.type,
        "source": "browser",
        "started_at": flag.started_at,
        "ended_at": flag.ended_at,
        "open": flag.open,
        "event_count": flag.event_count,
        "confidence": 1.0,
        "severity": kind.severity,
        "evidence": {
            "details": flag.details,
            "snapshots": [flag.snapshot] if flag.snapshot else [],
        },
        "decision": "undecided",
    }
