"""Jobs of the proctoring domain: the AI analysis of each stored snapshot or clip."""

from __future__ import annotations

import asyncio

from sqlalchemy.pool import NullPool

from procta.config import get_settings
from procta.db import make_engine, make_sessionmaker, session_scope, utcnow
from procta.jobs.broker import job
from procta.proctoring import recordings
from procta.proctoring.analysis import analyze_media as analyze
from procta.storage.files import local_storage


async def _analyze(media_id: str) -> None:
    settings = get_settings()
    # A fresh engine per run: each job runs in its own event loop.
    engine = make_engine(settings.database_url, poolclass=NullPool)
    try:
        async with session_scope(make_sessionmaker(engine)) as session:
            await analyze(
                session,
                local_storage(settings.data_dir),
                media_id,
                now=utcnow(),
                gap=settings.flag_merge_gap,
                half_life_s=settings.live_half_life_s,
            )
    finally:
        await engine.dispose()


@job(queue_name="analysis", max_retries=3, time_limit=120_000)
def analyze_media(media_id: str) -> None:
    """Analyse one snapshot or clip and raise its AI flags (safe to run again)."""
    asyncio.run(_analyze(media_id))


async def _analyze_recording(recording_id: str) -> None:
    settings = get_settings()
    engine = make_engine(settings.database_url, poolclass=NullPool)
    try:
        async with session_scope(make_sessionmaker(engine)) as session:
            await recordings.analyze_recording(
                session,
                local_storage(settings.data_dir),
                recording_id,
                now=utcnow(),
                gap=settings.flag_merge_gap,
                half_life_s=settings.live_half_life_s,
            )
    finally:
        await engine.dispose()


@job(queue_name="analysis", max_retries=2, time_limit=3_600_000)
def analyze_recording(recording_id: str) -> None:
    """record_review: analyse a submitted attempt's webcam recording at 1 frame a second."""
    asyncio.run(_analyze_recording(recording_id))
