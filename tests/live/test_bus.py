from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from pathlib import Path

import httpx
import pytest
from redis.asyncio import Redis
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from procta.live.bus import REPLAY, MemoryBus, RedisBus
from tests.conftest import REDIS_URL, require_service
from tests.factories import PASSWORD
from tests.live.helpers import (
    live_exam,
    next_message,
    row_of,
    sit,
    student_socket,
    teacher,
    teacher_socket,
)
from tests.servers import migrated_data_dir, procta_server


async def test_memory_bus_delivers_to_subscribers_of_the_channel_only() -> None:
    bus = MemoryBus()
    async with bus.subscribe("org:a") as a, bus.subscribe("org:b") as b:
        await bus.publish("org:a", {"n": 1})
        assert await asyncio.wait_for(anext(a), 1) == {"n": 1}
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(anext(b), 0.1)


async def test_the_replay_log_gives_what_was_missed_or_says_it_cannot() -> None:
    bus = MemoryBus()
    first = await bus.post("org:a", {"n": 1})
    second = await bus.post("org:a", {"n": 2})
    await bus.post("org:b", {"n": 3})
    missed = await bus.since("org:a", first)
    assert missed is not None and [m["n"] for m in missed] == [2]
    assert await bus.since("org:a", second) == []
    assert await bus.since("org:a", "1-0") is None  # before this process started
    assert await bus.since("org:a", "99999999999999-0") is None  # not one of ours
    assert await bus.since("org:a", "garbage") is None
    for n in range(REPLAY):
        await bus.post("org:a", {"n": n})
    assert await bus.since("org:a", first) is None  # trimmed: too much was missed


async def test_the_redis_replay_log_is_a_stream_shared_by_every_process() -> None:
    url = require_service(REDIS_URL, "PROCTA_TEST_REDIS_URL")
    one, other = RedisBus(url), RedisBus(url)
    channel = f"org:{uuid.uuid4().hex}"
    try:
        assert await one.since(channel, "1-0") is None  # nothing kept: start over
        first = await one.post(channel, {"n": 1})
        await one.post(channel, {"n": 2})
        missed = await other.since(channel, first)
        assert missed is not None and [m["n"] for m in missed] == [2]
        assert await other.since(channel, "99999999999999-0") is None
    finally:
        await one.close()
        await other.close()


async def test_a_reader_that_falls_behind_is_told_to_start_over() -> None:
    bus = MemoryBus(queue_size=3)
    async with bus.subscribe("org:a") as messages:
        for n in range(4):
            await bus.publish("org:a", {"n": n})
        assert await asyncio.wait_for(anext(messages), 1) == {"type": "resync"}


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


async def test_a_process_listens_on_one_redis_connection_for_all_its_subscribers() -> None:
    url = require_service(REDIS_URL, "PROCTA_TEST_REDIS_URL")
    redis = Redis.from_url(url)
    publisher, bus = RedisBus(url), RedisBus(url)
    channels = [f"attempt:{uuid.uuid4().hex}" for _ in range(20)]
    try:
        before = len(await redis.client_list(_type="pubsub"))
        async with contextlib.AsyncExitStack() as stack:
            streams = [await stack.enter_async_context(bus.subscribe(c)) for c in channels]
            again = await stack.enter_async_context(bus.subscribe(channels[0]))
            assert len(await redis.client_list(_type="pubsub")) == before + 1
            await publisher.publish(channels[7], {"n": 7})
            await publisher.publish(channels[0], {"n": 0})
            assert await asyncio.wait_for(anext(streams[7]), 5) == {"n": 7}
            assert await asyncio.wait_for(anext(streams[0]), 5) == {"n": 0}
            assert await asyncio.wait_for(anext(again), 5) == {"n": 0}
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(anext(streams[1]), 0.2)
        # Every subscriber left: the channels are let go on Redis (UNSUBSCRIBE is not
        # answered to the sender, so give Redis a moment to have read it).
        for _ in range(50):
            numsub = await redis.pubsub_numsub(*(f"procta:live:{c}" for c in channels))
            if all(count == 0 for _, count in numsub):
                break
            await asyncio.sleep(0.02)
        assert all(count == 0 for _, count in numsub)
    finally:
        await publisher.close()
        await bus.close()
        await redis.aclose()


async def test_a_lost_redis_connection_ends_every_subscription_and_the_next_one_works() -> None:
    """Nothing is dropped in silence: the sockets tell their clients to reconnect, and
    they replay what they missed from the stream."""
    url = require_service(REDIS_URL, "PROCTA_TEST_REDIS_URL")
    redis = Redis.from_url(url)
    publisher, bus = RedisBus(url), RedisBus(url)
    channel = f"org:{uuid.uuid4().hex}"
    try:
        async with bus.subscribe(channel) as one, bus.subscribe(channel) as two:
            for client in await redis.client_list(_type="pubsub"):
                if client["sub"] != "0":
                    await redis.client_kill_filter(_id=client["id"])
            for stream in (one, two):
                with pytest.raises(ConnectionError):
                    await asyncio.wait_for(anext(stream), 5)
        async with bus.subscribe(channel) as fresh:
            await publisher.publish(channel, {"type": "ping"})
            assert await asyncio.wait_for(anext(fresh), 5) == {"type": "ping"}
    finally:
        await publisher.close()
        await bus.close()
        await redis.aclose()


async def test_a_closing_bus_ends_subscriptions_after_what_they_hold() -> None:
    bus = MemoryBus()
    async with bus.subscribe("org:a") as messages:
        await bus.publish("org:a", {"n": 1})
        await bus.close()
        assert await asyncio.wait_for(anext(messages), 1) == {"n": 1}
        with pytest.raises(ConnectionError):
            await asyncio.wait_for(anext(messages), 1)


async def test_a_redis_that_stops_answering_counts_as_lost() -> None:
    """A link that died without a reset: pings go unanswered, so the subscriptions end."""
    url = require_service(REDIS_URL, "PROCTA_TEST_REDIS_URL")
    redis = Redis.from_url(url)
    bus = RedisBus(url, ping_s=0.2)
    try:
        async with bus.subscribe(f"org:{uuid.uuid4().hex}") as messages:
            await redis.execute_command("CLIENT", "PAUSE", "1500", "ALL")
            with pytest.raises(ConnectionError):
                await asyncio.wait_for(anext(messages), 5)
    finally:
        await redis.execute_command("CLIENT", "UNPAUSE")
        await bus.close()
        await redis.aclose()


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


@pytest.mark.slow
async def test_events_and_commands_cross_server_processes_over_redis(tmp_path: Path) -> None:
    """A student's event posted to server A reaches a teacher socket on server B, and a
    pause issued on A reaches the student's socket on B."""
    url = require_service(REDIS_URL, "PROCTA_TEST_REDIS_URL")
    data = migrated_data_dir(tmp_path / "data")
    with (
        procta_server(data, PROCTA_REDIS_URL=url) as a,
        procta_server(data, PROCTA_REDIS_URL=url) as b,
    ):
        api = await teacher(a)
        exam_id = await live_exam(api)
        sam = await sit(a, exam_id, "L0")
        async with teacher_socket(b, api) as feed:
            student = await student_socket(b, sam.attempt_id, sam.token)
            try:
                assert (await next_message(student, lambda m: True))["type"] == "ready"
                await asyncio.sleep(0.3)  # B has subscribed on Redis
                await sam.events("tab_switch")
                alert = await next_message(feed, lambda m: m.get("type") == "alert")
                assert alert["alert"]["attempt_id"] == sam.attempt_id
                r = await api.post(
                    f"/api/v1/attempts/{sam.attempt_id}/actions",
                    json={"action": "pause", "message": ""},
                )
                assert r.status_code == 200, r.text
                assert await next_message(student, lambda m: m["type"] == "paused")
                paused = await next_message(
                    feed, lambda m: row_of(sam.attempt_id)(m) and m["row"]["status"] == "paused"
                )
                assert paused["row"]["paused_at"]
            finally:
                await student.close()
        # The replay log lives in Redis: a socket on A replays what B's socket saw.
        async with teacher_socket(a, api, last_id=alert["id"]) as again:
            assert await next_message(again, row_of(sam.attempt_id))
        await api.aclose()
        await sam.client.aclose()
