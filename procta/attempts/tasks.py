from __future__ import annotations

import asyncio
import logging

from sqlalchemy.pool import NullPool

from procta.attempts.service import submit_overdue
from procta.config import get_settings
from procta.db import make_engine, make_sessionmaker, session_scope
from procta.jobs.broker import job
from procta.live import feed

log = logging.getLogger("procta.attempts")


async def _submit_overdue() -> int:
    # A fresh engine per run: each job runs in its own event loop, and pooled
    # connections must not cross loops.
    settings = get_settings()
    engine = make_engine(settings.database_url, poolclass=NullPool)
    sessions = make_sessionmaker(engine)
    try:
        async with session_scope(sessions) as session:
            submitted = await submit_overdue(session)
        if submitted:  # committed: the live tables show them submitted
            await feed.report(
                sessions,
                submitted,
                [],
                redis_url=settings.redis_url,
                half_life_s=settings.live_half_life_s,
            )
        return len(submitted)
    finally:
        await engine.dispose()


@job(queue_name="attempts", max_retries=3)
def submit_overdue_attempts() -> None:
    """Auto-submit every attempt whose time ran out. Idempotent: safe to send often."""
    count = asyncio.run(_submit_overdue())
    if count:
        log.info("auto-submitted %d overdue attempts", count)
