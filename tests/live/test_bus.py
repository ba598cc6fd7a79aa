from __future__ import annotations

import asyncio
import json
import uuid
from pathlib import Path

import httpx
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from procta.live.bus import MemoryBus, RedisBus
from tests.conftest import REDIS_URL, require_service
from tests.factories import PASSWORD
from tests.servers import migrated_data_dir, procta_server


async def test_memory_bus_delivers_to_subscribers_of_the_channel_only() -> None:
    bus = MemoryBus()
    async with bus.subscribe("org:a") as a, bus.subscribe("org:b") as b:
        await bus.publish("org:a", {"n": 1})
        assert await asyncio.wait_for(anext(a), 1) == {"n": 1}
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(anext(b), 0.1)


async def test_redis_bus_round_trip() -> None:
    url = require_service(REDIS_URL, "PROCTA_TEST_REDIS_URL")
    publisher, subscriber = RedisBus(url), RedisBus(url)
    channel = f"org:{uuid.uuid4().hex}"
    try:
        async with subscriber.subscribe(channel) as messages:
            await asyncio.sleep(0.1)
            await publisher.publish(channel, {"type": "ping"})
            assert await asyncio.wait_for(anext(messages), 5) == {"type": "ping"}
    finally:
        await publisher.close()
        await subscriber.close()


@pytest.mark.slow
async def test_two_server_processes_share_the_live_bus_over_redis(tmp_path: Path) -> None:
    """A change made through server A reaches a dashboard socket held by server B."""
    url = require_service(REDIS_URL, "PROCTA_TEST_REDIS_URL")
    data = migrated_data_dir(tmp_path / "data")
    with (
        procta_server(data, PROCTA_REDIS_URL=url) as a,
        procta_server(data, PROCTA_REDIS_URL=url) as b,
    ):
        async with httpx.AsyncClient(base_url=a) as on_a:
            r = await on_a.post(
                "/api/v1/auth/signup",
                json={
                    "org_name": "Two Servers",
                    "name": "Ivy",
                    "email": "ivy@two.example",
                    "password": PASSWORD,
                },
            )
            assert r.status_code == 201, r.text
            cookies = "; ".join(f"{k}={v}" for k, v in on_a.cookies.items())
            ws_url = b.replace("http://", "ws://") + "/ws/teacher"
            async with connect(ws_url, additional_headers={"Cookie": cookies}) as ws:
                await asyncio.sleep(0.3)  # B has subscribed on Redis
                invited = await on_a.post(
                    "/api/v1/orgs/current/invites",
                    json={"email": "new.teacher@two.example", "role": "teacher"},
                    headers={"X-CSRF-Token": on_a.cookies["procta_csrf"]},
                )
                assert invited.status_code == 201, invited.text
                message = json.loads(await asyncio.wait_for(ws.recv(), 5))
    assert message["type"] == "invite.created"
    assert message["data"] == {"email": "new.teacher@two.example"}


@pytest.mark.slow
async def test_teacher_socket_refuses_strangers(tmp_path: Path) -> None:
    data = migrated_data_dir(tmp_path / "data")
    with procta_server(data) as base:
        ws_url = base.replace("http://", "ws://") + "/ws/teacher"
        with pytest.raises(InvalidStatus) as refused:
            async with connect(ws_url):
                pass
    assert refused.value.response.status_code == 403
