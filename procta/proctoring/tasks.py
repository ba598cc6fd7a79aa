"""Jobs of the proctoring domain: the AI analysis of stored media and recordings."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.pool import NullPool

from procta.config import get_settings
from procta.db import make_engine, make_sessionmaker, utcnow
from procta.jobs.broker import job
from procta.proctoring import recordings
from procta.proctoring.analysis import analyze_media as analyze
from procta.storage.files import Storage, local_storage

Analysis = Callable[..., Awaitable[dict[str, Any]]]


async def _run(analysis: Analysis, target_id: str) -> None:
    """One analysis (it opens its own short transactions). A fresh engine per run: each
    job runs in its own event loop, and pooled connections must not cross loops."""
    settings = get_settings()
    engine = make_engine(settings.database_url, poolclass=NullPool)
    storage: Storage = local_storage(settings.data_dir)
    try:
        await analysis(
            make_sessionmaker(engine),
            storage,
            target_id,
            now=utcnow(),
            gap=settings.flag_merge_gap,
            half_life_s=settings.live_half_life_s,
        )
    finally:
        await engine.dispose()


@job(queue_name="analysis", max_retries=3, time_limit=120_000)
def analyze_media(media_id: str) -> None:
    """Analyse one snapshot or clip and raise its AI flags (safe to run again)."""
    asyncio.run(_run(analyze, media_id))


@job(queue_name="analysis", max_retries=2, time_limit=3_600_000)
def analyze_recording(recording_id: str) -> None:
    """record_review: analyse a submitted attempt's webcam recording at 1 frame a second."""
    asyncio.run(_run(recordings.analyze_recording, recording_id))
