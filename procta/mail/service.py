"""Email: an outbox folder by default (and the log), SMTP when ``PROCTA_SMTP_URL`` is set.

Mail is never sent inside a request: ``queue_email`` hands it to the job queue once the
request's transaction has committed.
"""

from __future__ import annotations

import logging
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from urllib.parse import unquote, urlparse

import aiosmtplib
from sqlalchemy.ext.asyncio import AsyncSession

from procta.config import Settings
from procta.db import after_commit, utcnow

log = logging.getLogger("procta.mail")


def build_message(settings: Settings, to: str, subject: str, text: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = settings.mail_from
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = make_msgid(domain="procta.local")
    msg.set_content(text)
    return msg


def outbox_dir(settings: Settings) -> Path:
    return settings.data_dir / "outbox"


async def deliver(settings: Settings, msg: EmailMessage) -> None:
    if settings.smtp_url:
        await _deliver_smtp(settings.smtp_url, msg)
        log.info("mail sent over SMTP to %s: %s", msg["To"], msg["Subject"])
        return
    folder = outbox_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = utcnow().strftime("%Y%m%dT%H%M%S%f")
    path = folder / f"{stamp}-{msg['Message-ID'].strip('<>').split('@')[0]}.eml"
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(bytes(msg))
    tmp.rename(path)  # readers never see half a message
    log.info("mail to %s written to %s: %s", msg["To"], path, msg["Subject"])


async def _deliver_smtp(url: str, msg: EmailMessage) -> None:
    """``smtp://user:pass@host:587`` (STARTTLS when offered) or ``smtps://…:465``."""
    parts = urlparse(url)
    implicit_tls = parts.scheme == "smtps"
    await aiosmtplib.send(
        msg,
        hostname=parts.hostname or "localhost",
        port=parts.port or (465 if implicit_tls else 25),
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        use_tls=implicit_tls,
        start_tls=None if not implicit_tls else False,
        timeout=30,
    )


def queue_email(session: AsyncSession, to: str, subject: str, text: str) -> None:
    """Send after the current transaction commits (nothing is sent on rollback)."""
    from procta.mail.tasks import send_email

    def send() -> None:
        send_email.send(to, subject, text)

    after_commit(session, send)
