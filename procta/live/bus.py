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
from redis.asyncio.client import PubSub
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from sqlalchemy.ext.asyncio import AsyncSession

from procta.db import after_commit_run

log = logging.getLogger("procta.live")
Message = dict[str, Any]


REPLAY = 1000
"""Messages kept per channel for clients that reconnect."""
SOCKET_TIMEOUT_S = 10.0
"""Connecting to Redis, or an answer to a command, that takes longer counts as lost."""


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


class Fanout:
    """The subscribers of this process, each a bounded queue per channel. A reader that
    falls behind never blocks the others: it is told to start over (``resync``). Both buses
    deliver through it, so a process holds one Redis connection for all its subscribers."""

    def __init__(self, queue_size: int) -> None:
        self.queues: defaultdict[str, set[asyncio.Queue[Message]]] = defaultdict(set)
        self._queue_size = queue_size

    def deliver(self, channel: str, message: Message) -> None:
        for queue in list(self.queues.get(channel, ())):
            if queue.full():
                _replace_all(queue, {"type": "resync"})
            else:
                queue.put_nowait(message)

    def break_all(self) -> None:
        """End every subscription after what it holds: its socket tells the client to
        reconnect and catch up."""
        for queues in self.queues.values():
            for queue in queues:
                if queue.full():
                    _replace_all(queue, _BROKEN)
                else:
                    queue.put_nowait(_BROKEN)
        self.queues.clear()

    def add(self, channel: str) -> tuple[asyncio.Queue[Message], bool]:
        """A new queue on ``channel``; True when it is the channel's first in this process."""
        queue: asyncio.Queue[Message] = asyncio.Queue(self._queue_size)
        first = channel not in self.queues
        self.queues[channel].add(queue)
        return queue, first

    def remove(self, channel: str, queue: asyncio.Queue[Message]) -> bool:
        """Drop the queue; True when the channel has no subscriber left in this process."""
        queues = self.queues.get(channel)
        if queues is None or queue not in queues:
            return False  # gone with a broken connection
        queues.discard(queue)
        if not queues:
            del self.queues[channel]
            return True
        return False


_BROKEN: Message = {"type": "_broken"}


def _replace_all(queue: asyncio.Queue[Message], message: Message) -> None:
    while not queue.empty():
        queue.get_nowait()
    queue.put_nowait(message)


async def _drain(queue: asyncio.Queue[Message]) -> AsyncIterator[Message]:
    while True:
        message = await queue.get()
        if message is _BROKEN:
            raise ConnectionError("the live bus lost its connection")
        yield message


class MemoryBus:
    def __init__(self, queue_size: int = 1000) -> None:
        self._fanout = Fanout(queue_size)
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
        self._fanout.deliver(channel, message)

    @contextlib.asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[AsyncIterator[Message]]:
        queue, _ = self._fanout.add(channel)
        try:
            yield _drain(queue)
        finally:
            self._fanout.remove(channel, queue)

    async def close(self) -> None:
        self._fanout.break_all()


class RedisBus:
    """Redis pub/sub, and a Redis stream per channel for replay.

    All the subscriptions of a process share one pub/sub connection: a reader task hands
    each message to the local queues of its channel (``Fanout``), and a channel is
    subscribed on Redis while one local subscriber wants it. That connection does not
    reconnect on its own: a message published while it was down would be lost without
    anyone knowing. Instead every subscription ends, each socket tells its client to
    reconnect, and the client replays what it missed from the stream; the next
    subscription opens a new connection. A quiet connection is pinged every ``ping_s``; one
    that does not answer by the next ping counts as lost (a link that died without a reset
    would otherwise be waited on for ever)."""

    def __init__(
        self,
        url: str,
        prefix: str = "procta:live:",
        queue_size: int = 1000,
        ping_s: float = 30.0,
    ) -> None:
        self._redis: Redis = Redis.from_url(url)
        self._listener: Redis = Redis.from_url(
            url,
            retry=Retry(NoBackoff(), 0),
            socket_connect_timeout=SOCKET_TIMEOUT_S,
            socket_timeout=SOCKET_TIMEOUT_S,  # reads of messages pass their own
            socket_keepalive=True,
        )
        self._prefix, self._ping_s = prefix, ping_s
        self._fanout = Fanout(queue_size)
        self._pubsub: PubSub | None = None
        self._reader: asyncio.Task[None] | None = None
        self._changing = asyncio.Lock()  # one SUBSCRIBE/UNSUBSCRIBE at a time
        self._closed = False

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
        async with self._changing:
            if self._closed:
                raise ConnectionError("the live bus is closed")
            queue, first = self._fanout.add(channel)
            if first:
                try:
                    await self._listen(self._prefix + channel)
                except BaseException:  # refused, broken or cancelled: leave nothing half-made
                    self._fanout.remove(channel, queue)
                    await self._reset()
                    raise
        try:
            yield _drain(queue)
        finally:
            if self._fanout.remove(channel, queue):
                async with self._changing:
                    # Unless someone subscribed again meanwhile (and so on Redis too).
                    if channel not in self._fanout.queues and self._pubsub is not None:
                        try:
                            await self._pubsub.unsubscribe(self._prefix + channel)
                        except Exception:  # the connection broke: the reader ends the rest
                            log.warning("could not unsubscribe from %s", channel)

    async def _listen(self, name: str) -> None:
        """SUBSCRIBE on the shared connection; the first one opens it and starts its reader."""
        if self._pubsub is not None:
            await self._pubsub.subscribe(name)
            return
        pubsub = self._listener.pubsub()
        try:
            await pubsub.subscribe(name)
        except BaseException:
            with contextlib.suppress(Exception):
                await pubsub.aclose()  # type: ignore[no-untyped-call]
            raise
        self._pubsub = pubsub
        self._reader = asyncio.create_task(self._read(pubsub), name="procta-bus")

    async def _read(self, pubsub: PubSub) -> None:
        skip = len(self._prefix)
        loop = asyncio.get_running_loop()
        pinged_at: float | None = None
        try:
            while True:
                # A read may also reconnect and greet Redis; that must not hang either.
                async with asyncio.timeout(self._ping_s + SOCKET_TIMEOUT_S):
                    # Every reply counts (subscribe confirmations too): None is silence.
                    raw = await pubsub.get_message(timeout=self._ping_s)
                if raw is None:
                    if pinged_at is None:
                        await pubsub.ping()
                        pinged_at = loop.time()
                    elif loop.time() - pinged_at >= self._ping_s:
                        raise ConnectionError("Redis did not answer a ping")
                    continue
                pinged_at = None  # anything heard (the pong, a message) shows the link is up
                if raw.get("type") != "message":
                    continue
                try:
                    message = json.loads(raw["data"])
                except ValueError:
                    log.warning("a message on the live bus is not JSON; skipped")
                    continue
                self._fanout.deliver(raw["channel"].decode()[skip:], message)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.warning("live bus connection lost (%s); subscribers reconnect", exc)
            async with self._changing:
                if self._pubsub is pubsub:
                    await self._reset()

    async def _reset(self) -> None:
        """Forget the connection and its reader, and end every subscription on it."""
        self._fanout.break_all()
        pubsub, self._pubsub = self._pubsub, None
        reader, self._reader = self._reader, None
        if reader is not None and reader is not asyncio.current_task():
            reader.cancel()
            await asyncio.wait([reader])  # a cancel aimed at the caller still reaches it
        if pubsub is not None:
            with contextlib.suppress(Exception):
                await pubsub.aclose()  # type: ignore[no-untyped-call]

    async def close(self) -> None:
        async with self._changing:
            self._closed = True
            await self._reset()
        await self._listener.aclose()
        await self._redis.aclose()


def make_bus(redis_url: str) -> Bus:
    return RedisBus(redis_url) if redis_url else MemoryBus()


def publish_after_commit(session: AsyncSession, bus: Bus, channel: str, message: Message) -> None:
    """Publish once the transaction commits: subscribers never see a rolled-back change."""
    after_commit_run(session, lambda: bus.publish(channel, message), "publish a live message")
