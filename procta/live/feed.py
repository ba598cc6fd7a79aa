"""The teachers' live feed: rows of the sessions table and alerts, pushed as they change.

Whatever changes an attempt (joins, proctor actions, submission) calls ``touch``; that
only marks it, and one task per process reads the marked rows in one query
and posts them on the org's channel, so a burst of changes costs one read and the request
that caused it never waits for it. Event ingest, the busiest source, hands over the
attempt's new columns with the commit (``ingested``): with the attempt's card (name, roll,
exam title: what never changes while it is written) already known, the row and its alerts
go out without reading the database at all; so does a heartbeat (``seen``), as a patch of
the row's Last Seen. Rows that only fade (live risk falls after a
flag ends) are repainted every ``FADE_TICK_S`` for the orgs someone watches through this
process, where the shown figure changed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from procta.attempts.autosave import Beat
from procta.attempts.models import Attempt
from procta.db import utcnow
from procta.live import service
from procta.live.bus import Bus, Message, RedisBus, org_channel
from procta.live.schemas import LiveRow
from procta.proctoring.ingest import Ingested
from procta.proctoring.models import Flag

log = logging.getLogger("procta.live")
FADE_TICK_S = 30.0
FADING_FROM = 0.05
"""Live sums below this have faded to nothing worth repainting."""


class LiveFeed:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession] | None,
        bus: Bus,
        half_life_s: float,
    ) -> None:
        """``sessionmaker`` None: the feed is off (tests on one shared connection)."""
        self._sessionmaker, self._bus, self._half_life_s = sessionmaker, bus, half_life_s
        self._attempts: set[str] = set()
        self._flags: set[str] = set()
        self._ready: list[tuple[str, Message]] = []
        self._cards: dict[str, service.Card] = {}
        self._shown: dict[str, float] = {}
        """The live risk last sent per attempt (a repaint skips the unchanged)."""
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self.watching: Counter[str] = Counter()
        """Teacher sockets open in this process, per org."""

    def touch(self, attempt_ids: Iterable[str] = (), flag_ids: Iterable[str] = ()) -> None:
        """Mark attempts (and the flags they opened) to be read and pushed; returns at once."""
        if self._sessionmaker is None:
            return
        self._attempts.update(attempt_ids)
        self._flags.update(flag_ids)
        self._start()

    def ingested(self, batches: Sequence[Ingested]) -> None:
        """Push what committed batches changed; an attempt whose card is not known yet is
        read once (``touch``)."""
        if self._sessionmaker is None:
            return
        latest = {b.attempt["id"]: b.attempt for b in batches if b.attempt is not None}
        for batch in batches:
            attempt = batch.attempt
            if attempt is None:  # nothing stored: nothing changed
                continue
            card = self._cards.get(attempt["id"])
            if card is None:
                self._attempts.add(attempt["id"])
                self._flags.update(batch.opened)
                continue
            for flag in batch.new_flags:
                alert = service.alert_of(flag, attempt["exam_id"], card)
                self._ready.append(
                    (card.org_id, {"type": "alert", "alert": alert.model_dump(mode="json")})
                )
        for attempt_id, attempt in latest.items():
            card = self._cards.get(attempt_id)
            if card is not None:
                self._queue_row(service.row_of(attempt, card, attempt["live_risk"]), card)
        self._start()

    def seen(self, beat: Beat, at: datetime) -> None:
        """A heartbeat: patch the row's Last Seen (and the clock fields the heartbeat read)
        without reading anything; not kept for replay, a reconnect reloads the table."""
        if self._sessionmaker is None:
            return
        patch = {
            "attempt_id": beat.id,
            "exam_id": beat.exam_id,
            "status": beat.status,
            "deadline_at": beat.deadline_at.isoformat(),
            "paused_at": beat.paused_at.isoformat() if beat.paused_at else None,
            "last_seen_at": at.isoformat(),
        }
        self._ready.append((beat.org_id, {"type": "seen", "row": patch, "repaint": True}))
        self._start()

    def touch_threadsafe(self, attempt_ids: list[str], flag_ids: list[str]) -> None:
        """``touch`` from another thread (the in-process job worker)."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self.touch, attempt_ids, flag_ids)

    def _queue_row(self, row: LiveRow, card: service.Card, *, repaint: bool = False) -> None:
        if repaint and self._shown.get(row.attempt_id) == round(row.live_risk):
            return
        if row.status in service.ACTIVE:
            self._shown[row.attempt_id] = round(row.live_risk)
        else:  # over: nothing more will change, forget it
            self._shown.pop(row.attempt_id, None)
            self._cards.pop(row.attempt_id, None)
        message = {"type": "session", "row": row.model_dump(mode="json")}
        self._ready.append((card.org_id, message | ({"repaint": True} if repaint else {})))

    def start(self) -> None:
        """Run the feed's tasks in this loop (the app's lifespan calls it; a change that
        comes first starts them too)."""
        if self._sessionmaker is None:
            return
        if not self._tasks or self._tasks[0].done():
            self._loop = asyncio.get_running_loop()
            self._tasks = [
                self._loop.create_task(self._run(), name="procta-live-feed"),
                self._loop.create_task(self._fade(), name="procta-live-fade"),
            ]

    def _start(self) -> None:
        if not (self._attempts or self._flags or self._ready):
            return
        self.start()
        self._wake.set()

    async def _run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            try:
                await self.flush()
                attempts, self._attempts = self._attempts, set()
                flags, self._flags = self._flags, set()
                if attempts or flags:
                    await self.read(attempts, flags)
                    await self.flush()
            except Exception:  # the feed must outlive a database or Redis hiccup
                log.exception("live feed update failed")

    async def flush(self) -> None:
        """Post what is queued."""
        while self._ready:
            ready, self._ready = self._ready, []
            for org_id, message in ready:
                if message.pop("repaint", False):  # not kept for replay: the next one says it
                    await self._bus.publish(org_channel(org_id), message)
                else:
                    await self._bus.post(org_channel(org_id), message)

    async def read(
        self, attempt_ids: set[str], flag_ids: set[str], *, repaint: bool = False
    ) -> None:
        """Read these rows and alerts (and learn the attempts' cards) and queue them."""
        assert self._sessionmaker is not None
        async with self._sessionmaker() as session:
            rows = (
                await service.rows(
                    session,
                    Attempt.id.in_(sorted(attempt_ids)),
                    now=utcnow(),
                    half_life_s=self._half_life_s,
                )
                if attempt_ids
                else []
            )
            alerts = (
                await service.alerts(session, Flag.id.in_(sorted(flag_ids)), limit=len(flag_ids))
                if flag_ids
                else []
            )
            await session.rollback()
        for row, card in rows:
            if row.status in service.ACTIVE:
                self._cards[row.attempt_id] = card
        for alert, card in reversed(alerts):  # oldest first
            self._ready.append(
                (card.org_id, {"type": "alert", "alert": alert.model_dump(mode="json")})
            )
        for row, card in rows:
            self._queue_row(row, card, repaint=repaint)

    async def _fade(self) -> None:
        while True:
            await asyncio.sleep(FADE_TICK_S)
            orgs = sorted(org for org, n in self.watching.items() if n > 0)
            if self._sessionmaker is None or not (orgs or self._cards):
                continue
            try:
                async with self._sessionmaker() as session:
                    found = await session.execute(
                        select(Attempt.id, Attempt.org_id, Attempt.live_total).where(
                            Attempt.status.in_(service.ACTIVE)
                        )
                    )
                    running = found.all()
                    await session.rollback()
                active = {attempt_id for attempt_id, _, _ in running}
                watched = set(orgs)
                ids = {a for a, org, total in running if org in watched and total > FADING_FROM}
                for gone in (self._cards.keys() | self._shown.keys()) - active:
                    self._cards.pop(gone, None)  # ended elsewhere (another process, a job)
                    self._shown.pop(gone, None)
                if ids:
                    await self.read(ids, set(), repaint=True)
                    self._wake.set()
            except Exception:
                log.exception("live feed repaint failed")

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


_installed: LiveFeed | None = None


def install(feed: LiveFeed | None) -> None:
    """Make ``feed`` the one that jobs running in this process report to."""
    global _installed
    _installed = feed


async def report(
    sessionmaker: async_sessionmaker[AsyncSession],
    attempt_ids: list[str],
    flag_ids: list[str],
    *,
    redis_url: str,
    half_life_s: float,
) -> None:
    """From a job, after its commit: hand the change to the server's feed when the job runs
    inside the server; in a separate ``procta worker`` post it over Redis directly."""
    if _installed is not None:
        _installed.touch_threadsafe(attempt_ids, flag_ids)
    elif redis_url:
        bus = RedisBus(redis_url)
        try:
            feed = LiveFeed(sessionmaker, bus, half_life_s)
            await feed.read(set(attempt_ids), set(flag_ids))
            await feed.flush()
        finally:
            await bus.close()
