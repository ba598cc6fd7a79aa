"""The daily media cleanup, as a job (the periodic loop in app.py sends it)."""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.pool import NullPool

from procta.config import get_settings
from procta.db import make_engine, make_sessionmaker, session_scope, utcnow
from procta.jobs.broker import job
from procta.retention.service import Freed, cleanup
from procta.storage.files import local_storage

log = logging.getLogger("procta.retention")


async def _cleanup() -> Freed:
    settings = get_settings()
    engine = make_engine(settings.database_url, poolclass=NullPool)
    try:
        async with session_scope(make_sessionmaker(engine)) as session:
            return await cleanup(session, local_storage(settings.data_dir), None, utcnow())
    finally:
        await engine.dispose()


@job(queue_name="maintenance", max_retries=3, time_limit=3_600_000)
def cleanup_media() -> None:
    """Delete media past every org's retention. Idempotent."""
    freed = asyncio.run(_cleanup())
    if freed.snapshots_deleted or freed.recordings_deleted:
        log.info("retention freed %s", freed)
