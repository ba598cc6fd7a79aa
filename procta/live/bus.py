"""The live bus: dashboard feed, chat and proctor commands.

In-process pub/sub by default; Redis pub/sub when ``PROCTA_REDIS_URL`` is set, so that a
message published by any server process reaches subscribers on every other one.
Channels: ``org:{id}`` (the teachers' feed), ``attempt:{id}`` (one student's commands and
chat) and ``exam:{id}`` (broadcasts to everyone writing an exam).

``post`` also keeps the message in a short replay log of its channel (a Redis stream at
scale) under an id that grows with time, ``"{ms}-{seq}"`` as Redis writes them, so that
a client that reconnects asks ``since`` its last id for what it missed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator
from typing import Any, Protocol

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from procta.db import after_commit

log = logging.getLogger("procta.live")
Message = dict[str, Any]


REPLAY = 1000
"""Messages kept per channel for clients that reconnect."""


def org_channel(org_id: str) -> str:
    return f"org:{org_id}"


def attempt_channel(attempt_id: str) -> str:
    return f"attempt:{attempt_id}"


def exam_channel(exam_id: str) -> str:
    return f"exam:{exam_id}"


def id_key(message_id: str) -> tuple[int, int] | None:
    """A replay id as a comparable pair; None when it is not one."""
    ms, _, seq = message_id.partition("-")
    if not (ms.isdigit() and seq.isdigit()) or len(message_id) > 40:
        return None
    return int(ms), int(seq)


class Bus(Protocol):
    async def publish(self, channel: str, message: Message) -> None: ...

    async def post(self, channel: str, message: Message) -> str:
        """Publish with an ``id`` and keep it for replay; returns the id."""
        ...

    async def since(self, channel: str, last_id: str) -> list[Message] | None:
        """What was posted after ``last_id``, oldest first; None when that is not known
        any more (older than the replay log, or from before a restart): the client must
        load the whole picture again."""
        ...

    def subscribe(
        self, channel: str
    ) -> contextlib.AbstractAsyncContextManager[AsyncIterator[Message]]: ...

    async def close(self) -> None: ...


class MemoryBus:
    def __init__(self, queue_size: int = 1000) -> None:
        self._subscribers: defaultdict[str, set[asyncio.Queue[Message]]] = defaultdict(set)
        self._queue_size = queue_size
        self._logs: defaultdict[str, deque[Message]] = defaultdict(lambda: deque(maxlen=REPLAY))
        self._started = (int(time.time() * 1000), 0)
        self._last = self._started

    async def post(self, channel: str, message: Message) -> str:
        ms = int(time.time() * 1000)
        self._last = (ms, 0) if ms > self._last[0] else (self._last[0], self._last[1] + 1)
        message = {**message, "id": f"{self._last[0]}-{self._last[1]}"}
        self._logs[channel].append(message)
        await self.publish(channel, message)
        return str(message["id"])

    async def since(self, channel: str, last_id: str) -> list[Message] | None:
        last = id_key(last_id)
        log = self._logs.get(channel, deque())
        if last is None or last < self._started or last > self._last:
            return None  # not an id of this process's log (before a restart, or made up)
        if len(log) == log.maxlen and last < (id_key(log[0]["id"]) or (0, 0)):
            return None  # trimmed: something was lost
        return [m for m in log if (id_key(m["id"]) or (0, 0)) > last]

    async def publish(self, channel: str, message: Message) -> None:
        for queue in list(self._subscribers.get(channel, ())):
            if queue.full():  # a stuck reader never blocks the others: it starts over
                while not queue.empty():
                    queue.get_nowait()
                queue.put_nowait({"type": "resync"})
            else:
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

    async def post(self, channel: str, message: Message) -> str:
        stream = f"{self._prefix}log:{channel}"
        raw = await self._redis.xadd(
            stream, {"m": json.dumps(message)}, maxlen=REPLAY, approximate=True
        )
        message_id = raw.decode() if isinstance(raw, bytes) else str(raw)
        await self.publish(channel, {**message, "id": message_id})
        return message_id

    async def since(self, channel: str, last_id: str) -> list[Message] | None:
        last = id_key(last_id)
        if last is None:
            return None
        stream = f"{self._prefix}log:{channel}"
        oldest: Any = await self._redis.xrange(stream, count=1)
        newest: Any = await self._redis.xrevrange(stream, count=1)
        if not oldest or last > (id_key(newest[0][0].decode()) or (0, 0)):
            return None  # the log is gone (Redis restarted) or the id is not from it
        first = id_key(oldest[0][0].decode()) or (0, 0)
        if last < first and await self._redis.xlen(stream) >= REPLAY:
            return None  # trimmed: something was lost
        entries: Any = await self._redis.xrange(stream, min=f"({last_id}", count=REPLAY)
        if len(entries) == REPLAY:
            return None  # more were missed than are kept
        return [{**json.loads(fields[b"m"]), "id": mid.decode()} for mid, fields in entries]

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
            try:
                await pubsub.unsubscribe()
            finally:
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
