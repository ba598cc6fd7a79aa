"""The live bus: dashboard feed, chat and proctor commands.

In-process pub/sub by default; Redis pub/sub when ``PROCTA_REDIS_URL`` is set, so that a
message published by any server process reaches subscribers on every other one.
Channels are keyed by org (``org:{id}``), and later by exam and attempt.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import defaultdict
from collections.abc import AsyncIterator
from typing import Any, Protocol

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from procta.db import after_commit

log = logging.getLogger("procta.live")
Message = dict[str, Any]


def org_channel(org_id: str) -> str:
    return f"org:{org_id}"


class Bus(Protocol):
    async def publish(self, channel: str, message: Message) -> None: ...

    def subscribe(
        self, channel: str
    ) -> contextlib.AbstractAsyncContextManager[AsyncIterator[Message]]: ...

    async def close(self) -> None: ...


class MemoryBus:
    def __init__(self, queue_size: int = 1000) -> None:
        self._subscribers: defaultdict[str, set[asyncio.Queue[Message]]] = defaultdict(set)
        self._queue_size = queue_size

    async def publish(self, channel: str, message: Message) -> None:
        for queue in list(self._subscribers.get(channel, ())):
            if queue.full():  # a stuck reader loses its oldest message, never blocks others
                queue.get_nowait()
            queue.put_nowait(message)

    @contextlib.asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[AsyncIterator[Message]]:
        queue: asyncio.Queue[Message] = asyncio.Queue(self._queue_size)
        self._subscribers[channel].add(queue)

        async def messages() -> AsyncIterator[Message]:
            while True:
                yield await queue.get()

        try:
            yield messages()
        finally:
            self._subscribers[channel].discard(queue)
            if not self._subscribers[channel]:
                del self._subscribers[channel]

    async def close(self) -> None:
        self._subscribers.clear()


class RedisBus:
    def __init__(self, url: str, prefix: str = "procta:live:") -> None:
        self._redis: Redis = Redis.from_url(url)
        self._prefix = prefix

    async def publish(self, channel: str, message: Message) -> None:
        await self._redis.publish(self._prefix + channel, json.dumps(message))

    @contextlib.asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[AsyncIterator[Message]]:
        pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
        await pubsub.subscribe(self._prefix + channel)

        async def messages() -> AsyncIterator[Message]:
            async for raw in pubsub.listen():
                if raw.get("type") == "message":
                    yield json.loads(raw["data"])

        try:
            yield messages()
        finally:
            await pubsub.unsubscribe()
            await pubsub.aclose()  # type: ignore[no-untyped-call]

    async def close(self) -> None:
        await self._redis.aclose()


def make_bus(redis_url: str) -> Bus:
    return RedisBus(redis_url) if redis_url else MemoryBus()


_pending: set[asyncio.Task[None]] = set()


def publish_after_commit(session: AsyncSession, bus: Bus, channel: str, message: Message) -> None:
    """Publish once the transaction commits: subscribers never see a rolled-back change."""
    loop = asyncio.get_running_loop()

    def send() -> None:
        task = loop.create_task(bus.publish(channel, message))
        _pending.add(task)
        task.add_done_callback(_pending.discard)

    after_commit(session, send)
