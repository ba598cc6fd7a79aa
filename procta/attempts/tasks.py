from __future__ import annotations

import asyncio
import logging

from sqlalchemy.pool import NullPool

from procta.attempts.service import submit_overdue
from procta.config import get_settings
from procta.db import make_engine, make_sessionmaker, session_scope
from procta.jobs.broker import job

log = logging.getLogger("procta.attempts")


async def _submit_overdue(database_url: str) -> int:
    # A fresh engine per run: each job runs in its own event loop, and pooled
    # connections must not cross loops.
    engine = make_engine(database_url, poolclass=NullPool)
    try:
        async with session_scope(make_sessionmaker(engine)) as session:
            return await submit_overdue(session)
    finally:
        await engine.dispose()


@job(queue_name="attempts", max_retries=3)
def submit_overdue_attempts() -> None:
    """Auto-submit every attempt whose time ran out. Idempotent: safe to send often."""
    count = asyncio.run(_submit_overdue(get_settings().database_url))
    if count:
        log.info("auto-submitted %d overdue attempts", count)
