"""Jobs of the proctoring domain: the AI analysis of stored media and recordings."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.pool import NullPool

from procta.attempts.models import Attempt
from procta.config import get_settings
from procta.db import make_engine, make_sessionmaker, utcnow
from procta.jobs.broker import job
from procta.live import feed
from procta.proctoring import playback, recordings
from procta.proctoring.analysis import analyze_media as analyze
from procta.storage.files import local_storage


@asynccontextmanager
async def _sessions() -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """A fresh engine per run: each job runs in its own event loop, and pooled
    connections must not cross loops."""
    engine = make_engine(get_settings().database_url, poolclass=NullPool)
    try:
        yield make_sessionmaker(engine)
    finally:
        await engine.dispose()


async def _analyze_media(media_id: str) -> None:
    settings = get_settings()
    async with _sessions() as sessions:

        async def to_live_feed(attempt_id: str, opened: list[str]) -> None:
            await feed.report(
                sessions,
                [attempt_id],
                opened,
                redis_url=settings.redis_url,
                half_life_s=settings.live_half_life_s,
            )

        await analyze(
            sessions,
            local_storage(settings.data_dir),
            media_id,
            now=utcnow(),
            gap=settings.flag_merge_gap,
            half_life_s=settings.live_half_life_s,
            on_flags=to_live_feed,
        )


async def _analyze_recording(recording_id: str) -> None:
    settings = get_settings()
    async with _sessions() as sessions:
        await recordings.analyze_recording(
            sessions,
            local_storage(settings.data_dir),
            recording_id,
            now=utcnow(),
            gap=settings.flag_merge_gap,
            half_life_s=settings.live_half_life_s,
        )


async def _join_recordings(org_id: str, attempt_id: str) -> None:
    settings = get_settings()
    storage = local_storage(settings.data_dir)
    async with _sessions() as sessions, sessions() as session:
        attempt = await session.get(Attempt, attempt_id)
        if attempt is None:
            return
        for kind in await playback.kinds(session, attempt):
            await playback.playback(session, storage, org_id, attempt_id, kind)


@job(queue_name="recordings", max_retries=3, time_limit=1_800_000)
def join_recordings(org_id: str, attempt_id: str) -> None:
    """Join a submitted attempt's recordings for playback ahead of the first review."""
    asyncio.run(_join_recordings(org_id, attempt_id))


@job(queue_name="analysis", max_retries=3, time_limit=120_000)
def analyze_media(media_id: str) -> None:
    """Analyse one snapshot or clip, raise its AI flags (safe to run again), and show new
    ones in the live alert feed."""
    asyncio.run(_analyze_media(media_id))


@job(queue_name="analysis", max_retries=2, time_limit=3_600_000)
def analyze_recording(recording_id: str) -> None:
    """record_review: analyse a submitted attempt's webcam recording at 1 frame a second."""
    asyncio.run(_analyze_recording(recording_id))
