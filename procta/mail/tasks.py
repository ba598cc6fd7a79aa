from __future__ import annotations

import asyncio

from procta.config import get_settings
from procta.jobs.broker import job
from procta.mail.service import build_message, deliver


@job(queue_name="email", max_retries=5, min_backoff=2_000, max_backoff=300_000)
def send_email(to: str, subject: str, text: str) -> None:
    settings = get_settings()
    asyncio.run(deliver(settings, build_message(settings, to, subject, text)))
