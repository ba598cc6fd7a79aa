"""The teachers' live feed: rows of the sessions table and alerts, pushed as they change.

Whatever changes an attempt (events, AI flags, heartbeats, joins, proctor actions,
submission) calls ``touch`` with the attempt and the flags it opened; that only marks them.
One task per process turns the marks into messages: it reads the marked rows and flags in
one query each and posts them on the org's channel, so a burst of 200 event batches costs
one read, not 200, and the request that caused it never waits for it. Rows that only fade
(live risk falls after a flag ends) are refreshed every ``FADE_TICK_S`` while anyone in this
process watches.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from procta.attempts.models import Attempt
from procta.db import utcnow
from procta.live import service
from procta.live.bus import Bus, RedisBus, org_channel
from procta.proctoring.models import Flag

log = logging.getLogger("procta.live")
FADE_TICK_S = 10.0
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
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._ticker: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.watchers = 0
        """Teacher sockets open in this process."""

    def touch(self, attempt_ids: Iterable[str] = (), flag_ids: Iterable[str] = ()) -> None:
        """Mark attempts (and the flags they opened) to be pushed; returns at once."""
        if self._sessionmaker is None:
            return
        self._attempts.update(attempt_ids)
        self._flags.update(flag_ids)
        if not (self._attempts or self._flags):
            return
        if self._task is None or self._task.done():
            self._loop = asyncio.get_running_loop()
            self._task = self._loop.create_task(self._run(), name="procta-live-feed")
            self._ticker = self._loop.create_task(self._fade(), name="procta-live-fade")
        self._wake.set()

    def touch_threadsafe(self, attempt_ids: list[str], flag_ids: list[str]) -> None:
        """``touch`` from another thread (the in-process job worker)."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self.touch, attempt_ids, flag_ids)

    async def _run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            attempts, self._attempts = self._attempts, set()
            flags, self._flags = self._flags, set()
            try:
                await self.push(attempts, flags)
            except Exception:  # the feed must outlive a database hiccup
                log.exception("live feed update failed")

    async def push(self, attempt_ids: set[str], flag_ids: set[str], *, replay: bool = True) -> None:
        """Post the rows of ``attempt_ids`` and the alerts of ``flag_ids``. ``replay``: keep
        them for clients that reconnect (a fading repaint need not be kept)."""
        assert self._sessionmaker is not None
        async with self._sessionmaker() as session:
            now = utcnow()
            rows = (
                await service.rows(
                    session,
                    Attempt.id.in_(sorted(attempt_ids)),
                    now=now,
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
        send = self._bus.post if replay else self._bus.publish
        for org_id, alert in reversed(alerts):  # oldest first
            await send(
                org_channel(org_id), {"type": "alert", "alert": alert.model_dump(mode="json")}
            )
        for org_id, row in rows:
            await send(org_channel(org_id), {"type": "session", "row": row.model_dump(mode="json")})

    async def _fade(self) -> None:
        while True:
            await asyncio.sleep(FADE_TICK_S)
            if not self.watchers or self._sessionmaker is None:
                continue
            try:
                async with self._sessionmaker() as session:
                    fading = await session.scalars(
                        select(Attempt.id).where(
                            Attempt.status.in_(service.ACTIVE), Attempt.live_total > FADING_FROM
                        )
                    )
                    ids = set(fading.all())
                    await session.rollback()
                if ids:
                    await self.push(ids, set(), replay=False)
            except Exception:
                log.exception("live feed repaint failed")

    async def close(self) -> None:
        for task in (self._task, self._ticker):
            if task is not None:
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
            await LiveFeed(sessionmaker, bus, half_life_s).push(set(attempt_ids), set(flag_ids))
        finally:
            await bus.close()
