"""Email goes through the real job queue: the in-process broker, and Dramatiq's Redis
broker consumed by a worker, and is sent only once the request's transaction commits."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dramatiq
import pytest
from aiosmtpd.controller import Controller

from procta.config import Settings, use_settings
from procta.jobs.broker import configure, start_worker
from procta.mail.service import build_message, deliver, queue_email
from tests.conftest import REDIS_URL, Outbox, free_port, require_service


async def test_in_process_broker_delivers_after_commit(browser: Any, outbox: Outbox) -> None:
    await browser.post("/api/v1/auth/password/forgot", json={"email": "nobody@x.example"})
    r = await browser.post(
        "/api/v1/auth/signup",
        json={
            "org_name": "Jobs",
            "name": "Jo",
            "email": "jo@jobs.example",
            "password": "correct-horse-battery-42",
        },
    )
    assert r.status_code == 201
    await browser.post("/api/v1/auth/password/forgot", json={"email": "jo@jobs.example"})
    mail = outbox.last_to("jo@jobs.example")
    assert mail["Subject"] == "Reset your Procta password"
    assert "/reset-password?token=" in outbox.body(mail)


async def test_nothing_is_sent_when_the_transaction_rolls_back(
    app_state: Any, outbox: Outbox
) -> None:
    with pytest.raises(RuntimeError):
        async with app_state.sessionmaker() as session, session.begin():
            queue_email(session, "rollback@x.example", "never", "never sent")
            raise RuntimeError("the request failed")
    assert outbox.to("rollback@x.example") == []
    async with app_state.sessionmaker() as session, session.begin():
        queue_email(session, "commit@x.example", "sent", "sent after commit")
    assert len(outbox.to("commit@x.example")) == 1


@pytest.fixture
def redis_broker(broker: dramatiq.Broker) -> Iterator[dramatiq.Broker]:
    url = require_service(REDIS_URL, "PROCTA_TEST_REDIS_URL")
    redis = configure(url, namespace=f"procta-test-{uuid.uuid4().hex[:8]}")
    yield redis
    redis.flush_all()
    redis.close()
    configure("")  # back to the in-process broker (same actors) for the other tests
    dramatiq.set_broker(broker)
    for name in redis.get_declared_actors():
        actor = redis.get_actor(name)
        actor.broker = broker


def test_redis_broker_carries_the_job_to_a_worker(
    redis_broker: dramatiq.Broker, settings: Settings
) -> None:
    from procta.mail.tasks import send_email

    use_settings(settings)
    send_email.send("queued@x.example", "Through Redis", "body")
    assert redis_broker.queues  # declared on Redis, not on the stub
    worker = start_worker(redis_broker, threads=1)
    try:
        redis_broker.join("email", timeout=10_000)
    finally:
        worker.stop()
    files = list((settings.data_dir / "outbox").glob("*.eml"))
    assert len(files) == 1
    assert b"Through Redis" in files[0].read_bytes()


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((envelope.mail_from, envelope.rcpt_tos, envelope.content))
        return "250 OK"


async def test_smtp_conversation_with_a_real_server(tmp_path: Path) -> None:
    inbox = _Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings = Settings(data_dir=tmp_path, smtp_url=f"smtp://127.0.0.1:{port}", demo=True)
        await deliver(settings, build_message(settings, "dana@x.example", "Hello", "Over SMTP"))
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    sender, recipients, content = inbox.messages[0]
    assert sender == "no-reply@procta.local"
    assert recipients == ["dana@x.example"]
    assert b"Subject: Hello" in content and b"Over SMTP" in content
    assert not (tmp_path / "outbox").exists()
