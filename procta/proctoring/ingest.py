"""Browser events in: the hot path of a proctored exam.

Events are folded into episodes in Python (``fold``) against the state kept on the attempt
row (open episodes, flags per type, the live risk sum), so nothing is ever recounted. The
database sees a fixed handful of statements per *group* of batches (``write``): read the
attempts (locked) and the client ids already stored, then insert the new events and flags
and update the extended flags and the attempts in bulk. ``IngestWriter`` gathers the
batches that arrive together from many students into one such transaction (group commit),
so the cost of a transaction is shared; each request still answers only after its events
are committed. ``bench/ingest.py`` measures it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, case, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from procta.attempts.autosave import session_not_found
from procta.attempts.models import FINISHED, Attempt
from procta.auth import tokens
from procta.bulk import DriverInsert
from procta.db import utcnow
from procta.errors import AppError, Conflict
from procta.exams.flags import FLAG_TYPES, effective_flags
from procta.exams.models import Accommodation, Exam
from procta.proctoring import episodes, scoring
from procta.proctoring.models import Flag, ProctorEvent
from procta.proctoring.schemas import EventIn

# Core tables: bulk writes go through Core (an executemany UPDATE needs the Table).
FLAGS: Table = Flag.__table__  # type: ignore[assignment]
ATTEMPTS: Table = Attempt.__table__  # type: ignore[assignment]
EVENTS: Table = ProctorEvent.__table__  # type: ignore[assignment]
EVENT_COLUMNS = (
    "attempt_id",
    "client_id",
    "org_id",
    "created_at",
    "type",
    "phase",
    "at",
    "details",
    "flag_id",
    "snapshot_client_id",
)
CLIENT_ID = EVENT_COLUMNS.index("client_id")
INSERT_EVENTS = DriverInsert(EVENTS, EVENT_COLUMNS, skip_conflicts=True)


class Replayed(Exception):
    """Some events of an optimistic group were stored already: redo it the careful way."""


log = logging.getLogger("procta.proctoring")
SEVERITY_RANK = {"": 0, "low": 1, "medium": 2, "high": 3}
CLOCK_SKEW = timedelta(seconds=5)
MAX_GROUP = 256  # batches in one transaction
ID_CHUNK = 4000  # client ids per lookup (SQLite allows 32,766 bound values a statement)


@dataclass(frozen=True, slots=True)
class Signal:
    """One event as ingest folds it: a browser event (``from_event``), or a finding of the
    AI analysis of a snapshot or clip, with its own source and confidence."""

    client_id: str
    type: str
    phase: str
    at: datetime
    details: dict[str, Any]
    snapshot_id: str | None = None
    source: str = "browser"
    confidence: float = 1.0

    @classmethod
    def from_event(cls, e: EventIn) -> Signal:
        return cls(e.client_id, e.type, e.phase, e.at, e.details, e.snapshot_id)


@dataclass(frozen=True)
class Ingested:
    accepted: int
    duplicates: int
    ignored: int
    live_risk: float
    new_flags: tuple[dict[str, Any], ...] = ()
    """The flags this batch opened, as stored (the live alert feed shows them)."""
    attempt: dict[str, Any] | None = None
    """The attempt as this batch left it (LIVE_COLUMNS), for the live table."""

    @property
    def opened(self) -> tuple[str, ...]:
        return tuple(f["id"] for f in self.new_flags)


@dataclass(frozen=True)
class AttemptState:
    """What ingest reads of an attempt (and its exam and accommodation) and writes back."""

    id: str
    org_id: str
    token_hash: str
    status: str
    started_at: datetime
    episodes: dict[str, Any]
    flag_counts: dict[str, int]
    violations: int
    severity: str
    live_total: float
    live_at: datetime | None
    last_event_at: datetime | None
    last_event_type: str
    live_version: int
    # Not needed to fold, but read with the row so that the live table hears of the change
    # without reading the attempt again.
    exam_id: str
    student_id: str
    deadline_at: datetime
    paused_at: datetime | None
    last_heartbeat_at: datetime | None
    cal_status: str
    proctor_id: str | None
    flag_settings: dict[str, Any] | None
    disabled_flags: list[str] | None


STATE_COLUMNS = tuple(f.name for f in fields(AttemptState))
LIVE_COLUMNS = (
    "id",
    "org_id",
    "exam_id",
    "student_id",
    "status",
    "started_at",
    "deadline_at",
    "paused_at",
    "last_heartbeat_at",
    "cal_status",
    "proctor_id",
    "severity",
    "violations",
    "last_event_at",
    "last_event_type",
    "live_version",
)


@dataclass
class Plan:
    """What one batch writes."""

    events: list[tuple[Any, ...]] = field(default_factory=list)  # in EVENT_COLUMNS order
    new_flags: list[dict[str, Any]] = field(default_factory=list)
    extensions: list[dict[str, Any]] = field(default_factory=list)
    attempt: dict[str, Any] | None = None


def _attempts_query(ids: Sequence[str]) -> Any:
    return (
        select(
            *(getattr(Attempt, c) for c in STATE_COLUMNS[:-2]),
            Exam.flag_settings,
            Accommodation.disabled_flags,
        )
        .join(Exam, Exam.id == Attempt.exam_id)
        .outerjoin(
            Accommodation,
            (Accommodation.exam_id == Attempt.exam_id)
            & (Accommodation.student_id == Attempt.student_id),
        )
        .where(Attempt.id.in_(ids))
        .order_by(Attempt.id)  # a fixed lock order: two groups never deadlock on PostgreSQL
        .with_for_update(of=Attempt)
    )


def _check(row: AttemptState | None, token: str | None) -> None:
    if row is None or (token is not None and row.token_hash != tokens.digest(token)):
        raise session_not_found()
    if token is not None and (row.status in FINISHED or row.status == "failed"):
        raise Conflict(
            "This exam has been submitted; nothing more is recorded.", code="attempt_closed"
        )


def fold(
    attempt: AttemptState,
    events: Sequence[Signal],
    stored: set[str],
    *,
    now: datetime,
    gap: timedelta,
    half_life_s: float,
) -> tuple[Plan, Ingested]:
    """Fold one batch into the attempt's episodes and live risk; ``stored``: the client ids
    already in the database (they and repeats within the batch are duplicates)."""
    table = effective_flags(attempt.flag_settings or {}, attempt.disabled_flags)
    state = {k: episodes.Episode.from_json(v) for k, v in (attempt.episodes or {}).items()}
    counts: dict[str, int] = dict(attempt.flag_counts or {})
    live = scoring.LiveRisk(attempt.live_total, attempt.live_at)
    new_flags: dict[str, episodes.NewFlag] = {}
    extensions: dict[str, episodes.Extension] = {}
    strays: dict[str, episodes.Episode] = {}
    plan = Plan()
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
            phase=event.phase,  # type: ignore[arg-type]
            at=at,
            gap=gap,
            snapshot=event.snapshot_id,
            details=event.details,
            source=event.source,
            confidence=event.confidence,
            strays=strays,
        )
        if outcome.flag_id is not None:
            k = counts.get(event.type, 0) - (0 if outcome.opened else 1)
            share = scoring.live_contribution(effective.weight, event.confidence, max(0, k))
            episode = state.get(event.type)
            if episode is None or episode.flag_id != outcome.flag_id:
                episode = strays.get(event.type)
            when = max(at, live.at or at)
            if episode is not None and episode.open:
                episode.held = max(episode.held, share)  # counted in full until it ends
            elif episode is not None and episode.held:
                live.add(when, episode.held, half_life_s)  # it ended: from now on it fades
                episode.held = 0.0
            else:
                live.add(when, share, half_life_s, renewed_from=outcome.renewed_from)
            if outcome.opened:
                counts[event.type] = counts.get(event.type, 0) + 1
                violations += 1
                kind = FLAG_TYPES[event.type]
                if SEVERITY_RANK[kind.severity] > SEVERITY_RANK[severity]:
                    severity = kind.severity
            if last is None or at >= last[0]:
                last = (at, event.type)
        plan.events.append(
            (
                attempt.id,
                event.client_id,
                attempt.org_id,
                now,
                event.type,
                event.phase,
                at,
                event.details,
                outcome.flag_id,
                event.snapshot_id,
            )
        )
    live_risk = live.score(now, half_life_s, sum(e.held for e in state.values() if e.open))
    if plan.events:
        plan.new_flags = [_flag_row(f, attempt.org_id, attempt.id, now) for f in new_flags.values()]
        plan.extensions = [
            {
                "fid": fid,
                "start": ext.started_at,
                "end": ext.ended_at,
                "is_open": ext.open,
                "more": ext.events,
                "conf": ext.confidence,
            }
            for fid, ext in extensions.items()
        ]
        plan.attempt = {
            "aid": attempt.id,
            "episodes": {k: v.to_json() for k, v in state.items()},
            "flag_counts": counts,
            "violations": violations,
            "severity": severity,
            "live_total": live.total,
            "live_at": live.at,
            "live_risk": live_risk,
            "last_event_at": last[0] if last else attempt.last_event_at,
            "last_event_type": last[1] if last else attempt.last_event_type,
            "live_version": attempt.live_version + 1,
        }
    return plan, Ingested(len(plan.events), duplicates, ignored, live_risk, tuple(plan.new_flags))


def _flag_row(
    flag: episodes.NewFlag, org_id: str, attempt_id: str, now: datetime
) -> dict[str, Any]:
    return {
        "id": flag.id,
        "created_at": now,
        "org_id": org_id,
        "attempt_id": attempt_id,
        "type": flag.type,
        "source": flag.source,
        "started_at": flag.started_at,
        "ended_at": flag.ended_at,
        "open": flag.open,
        "event_count": flag.event_count,
        "confidence": flag.confidence,
        "severity": FLAG_TYPES[flag.type].severity,
        "evidence": {
            "details": flag.details,
            "snapshots": [flag.snapshot] if flag.snapshot else [],
        },
        "decision": "undecided",
    }


async def _write(session: AsyncSession, plans: Sequence[Plan]) -> None:
    events = [e for p in plans for e in p.events]
    if not events:
        return
    conn = await session.connection()
    if await INSERT_EVENTS.run(conn, events) != len(events):
        raise Replayed
    if flags := [f for p in plans for f in p.new_flags]:
        await conn.execute(insert(FLAGS), flags)
    if grown := [x for p in plans for x in p.extensions]:
        await conn.execute(
            update(FLAGS)
            .where(FLAGS.c.id == bindparam("fid"))
            .values(
                started_at=case(
                    (FLAGS.c.started_at > bindparam("start"), bindparam("start")),
                    else_=FLAGS.c.started_at,
                ),
                ended_at=bindparam("end"),
                open=bindparam("is_open"),
                confidence=bindparam("conf"),
                event_count=FLAGS.c.event_count + bindparam("more"),
            ),
            grown,
        )
    rows = [p.attempt for p in plans if p.attempt is not None]
    columns = (
        *("episodes", "flag_counts", "violations", "severity", "live_total", "live_at"),
        "live_version",
    )
    stmt = (
        update(ATTEMPTS)
        .where(ATTEMPTS.c.id == bindparam("aid"))
        .values(
            {c: bindparam(c) for c in columns}
            | {"live_risk": bindparam("live_risk"), "last_event_at": bindparam("last_event_at")}
            | {"last_event_type": bindparam("last_event_type")}
        )
    )
    await conn.execute(stmt, rows)


@dataclass(frozen=True)
class Batch:
    """Signals of one attempt. ``token``: the student's attempt token, checked, and the
    attempt must still be running; None for the server's own findings (AI analysis),
    which may arrive after the student submitted."""

    attempt_id: str
    token: str | None
    events: Sequence[Signal]


async def _stored_ids(
    session: AsyncSession, attempt_ids: list[str], client_ids: set[str]
) -> dict[str, set[str]]:
    """The client ids of these attempts already stored. Plain driver SQL: rendering a few
    thousand bound values through the SQL compiler costs more than the query itself."""
    stored: dict[str, set[str]] = {}
    conn = await session.connection()
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    wanted = sorted(client_ids)
    for i in range(0, len(wanted), ID_CHUNK):
        chunk = wanted[i : i + ID_CHUNK]
        sql = (  # only placeholders are joined in; the values are bound
            "SELECT attempt_id, client_id FROM proctor_events WHERE attempt_id IN ("  # noqa: S608
            + ",".join([mark] * len(attempt_ids))
            + ") AND client_id IN ("
            + ",".join([mark] * len(chunk))
            + ")"
        )
        found = await conn.exec_driver_sql(sql, (*attempt_ids, *chunk))
        for attempt_id, client_id in cast("list[tuple[str, str]]", found.all()):
            stored.setdefault(attempt_id, set()).add(client_id)
    return stored


async def ingest_group(
    session: AsyncSession,
    batches: Sequence[Batch],
    *,
    now: datetime,
    gap: timedelta,
    half_life_s: float,
    optimistic: bool = False,
) -> list[Ingested | AppError]:
    """Fold and write many batches in the session's transaction; for each batch, its
    result or the error that concerns it alone (unknown token, submitted attempt).

    ``optimistic``: skip looking up which client ids are stored already and take every
    event as new; if the insert then finds one that was stored (a retried batch), raise
    ``Replayed`` so that the caller rolls back and runs the group again, not optimistic."""
    ids = sorted({b.attempt_id for b in batches})
    attempts = {
        r.id: AttemptState(**r._mapping) for r in (await session.execute(_attempts_query(ids)))
    }
    stored = (
        {}
        if optimistic
        else await _stored_ids(session, ids, {e.client_id for b in batches for e in b.events})
    )
    plans: list[Plan] = []
    results: list[Ingested | AppError] = []
    for batch in batches:
        row = attempts.get(batch.attempt_id)
        try:
            _check(row, batch.token)
        except AppError as exc:
            results.append(exc)
            continue
        assert row is not None
        seen = stored.setdefault(batch.attempt_id, set())
        plan, result = fold(row, batch.events, seen, now=now, gap=gap, half_life_s=half_life_s)
        seen.update(e[CLIENT_ID] for e in plan.events)
        if plan.attempt is not None:
            # Two batches of one attempt in one group: the second folds onto the first.
            moved = {k: v for k, v in plan.attempt.items() if k in STATE_COLUMNS}
            row = attempts[batch.attempt_id] = replace(row, **moved)
            live = {c: getattr(row, c) for c in LIVE_COLUMNS}
            result = replace(result, attempt=live | {"live_risk": plan.attempt["live_risk"]})
        plans.append(plan)
        results.append(result)
    await _write(session, _merge_attempt_updates(plans))
    return results


def _merge_attempt_updates(plans: list[Plan]) -> list[Plan]:
    """Keep only the last update of each attempt (later batches folded onto earlier ones)."""
    last: dict[str, Plan] = {}
    for plan in plans:
        if plan.attempt is not None:
            last[plan.attempt["aid"]] = plan
    for plan in plans:
        if plan.attempt is not None and last[plan.attempt["aid"]] is not plan:
            plan.attempt = None
    return plans


async def ingest_events(
    session: AsyncSession,
    attempt_id: str,
    token: str | None,
    events: Sequence[Signal],
    *,
    now: datetime,
    gap: timedelta,
    half_life_s: float,
) -> Ingested:
    """One batch in the caller's transaction (the demo seeding uses it)."""
    batch = Batch(attempt_id, token, events)
    (result,) = await ingest_group(session, [batch], now=now, gap=gap, half_life_s=half_life_s)
    if isinstance(result, AppError):
        raise result
    return result


Committed = Callable[[list[Ingested]], None]
"""Told after each commit what each batch that stored something changed."""


class IngestWriter:
    """Group commit: batches that arrive while a transaction is being written wait and go
    together into the next one. One writer per process; several processes (or hosts) each
    run their own, and the attempt-row locks keep them apart."""

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        gap: timedelta,
        half_life_s: float,
        on_commit: Committed | None = None,
    ) -> None:
        self.sessionmaker, self.gap, self.half_life_s = sessionmaker, gap, half_life_s
        self.on_commit = on_commit
        self.queue: asyncio.Queue[tuple[Batch, asyncio.Future[Ingested]]] = asyncio.Queue()
        self.task: asyncio.Task[None] | None = None

    async def submit(self, attempt_id: str, token: str, events: Sequence[EventIn]) -> Ingested:
        if self.task is None or self.task.done():
            self.task = asyncio.create_task(self._run(), name="procta-ingest")
        future: asyncio.Future[Ingested] = asyncio.get_running_loop().create_future()
        signals = [Signal.from_event(e) for e in events]
        await self.queue.put((Batch(attempt_id, token, signals), future))
        return await future

    async def _run(self) -> None:
        while True:
            group = [await self.queue.get()]
            while len(group) < MAX_GROUP and not self.queue.empty():
                group.append(self.queue.get_nowait())
            await self._commit(group)

    async def _commit(self, group: list[tuple[Batch, asyncio.Future[Ingested]]]) -> None:
        try:
            try:
                results = await self._transaction(group, optimistic=True)
            except Replayed:
                results = await self._transaction(group, optimistic=False)
        except Exception:  # the group did not commit: nothing was stored
            if len(group) > 1:  # one bad batch must not fail the others: each on its own
                for one in group:
                    await self._commit([one])
                return
            log.exception("storing an event batch failed")
            for _, done in group:
                if not done.done():
                    done.set_exception(
                        AppError(
                            "The events could not be stored just now; send them again.",
                            code="ingest_unavailable",
                            status=503,
                        )
                    )
            return
        changed: list[Ingested] = []
        for (_, done), result in zip(group, results, strict=True):
            if isinstance(result, Ingested) and result.accepted:
                changed.append(result)
            if done.done():  # the request went away meanwhile
                continue
            if isinstance(result, AppError):
                done.set_exception(result)
            else:
                done.set_result(result)
        if changed and self.on_commit is not None:
            self.on_commit(changed)

    async def _transaction(
        self, group: list[tuple[Batch, asyncio.Future[Ingested]]], *, optimistic: bool
    ) -> list[Ingested | AppError]:
        async with self.sessionmaker() as session, session.begin():
            return await ingest_group(
                session,
                [batch for batch, _ in group],
                now=utcnow(),
                gap=self.gap,
                half_life_s=self.half_life_s,
                optimistic=optimistic,
            )

    async def close(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
