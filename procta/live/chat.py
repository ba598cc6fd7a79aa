"""Chat between proctors and students: ephemeral by design.

Messages live in memory (one process) or in Redis lists (many) under a TTL, never in the
database: a chat is help during the exam, not a record of it, and it is dropped when the
attempt ends. A conversation is the attempt's own thread plus the broadcasts to its exam.
"""

from __future__ import annotations

import json
import time
from collections import deque
from typing import Any, Protocol

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from procta.db import after_commit_run

Message = dict[str, Any]
KEEP = 200
"""Messages kept per conversation; older ones fall off."""


def attempt_thread(attempt_id: str) -> str:
    return f"attempt:{attempt_id}"


def exam_thread(exam_id: str) -> str:
    return f"exam:{exam_id}"


class ChatStore(Protocol):
    async def add(self, thread: str, message: Message, ttl_s: int) -> None: ...

    async def history(self, *threads: str) -> list[Message]:
        """The messages of these threads, oldest first."""
        ...

    async def drop(self, thread: str) -> None: ...

    async def keep(self, thread: str, ttl_s: int) -> None:
        """Keep a thread (if it is still there) for ``ttl_s`` from now: the exam's end
        moved (a pause ended)."""
        ...


def _merged(threads: list[list[Message]]) -> list[Message]:
    return sorted((m for t in threads for m in t), key=lambda m: (m["at"], m["id"]))


class MemoryChat:
    def __init__(self) -> None:
        self._threads: dict[str, tuple[float, deque[Message]]] = {}

    def _live(self, thread: str) -> deque[Message] | None:
        found = self._threads.get(thread)
        if found is None:
            return None
        if found[0] < time.monotonic():
            del self._threads[thread]
            return None
        return found[1]

    async def add(self, thread: str, message: Message, ttl_s: int) -> None:
        now = time.monotonic()
        for gone in [t for t, (until, _) in self._threads.items() if until < now]:
            del self._threads[gone]  # expired threads go, read or not
        messages = self._live(thread) or deque(maxlen=KEEP)
        messages.append(message)
        self._threads[thread] = (time.monotonic() + ttl_s, messages)

    async def history(self, *threads: str) -> list[Message]:
        return _merged([list(self._live(t) or ()) for t in threads])

    async def drop(self, thread: str) -> None:
        self._threads.pop(thread, None)

    async def keep(self, thread: str, ttl_s: int) -> None:
        messages = self._live(thread)
        if messages is not None:
            self._threads[thread] = (time.monotonic() + ttl_s, messages)


class RedisChat:
    def __init__(self, redis: Redis, prefix: str = "procta:chat:") -> None:
        self._redis = redis
        self._prefix = prefix

    async def add(self, thread: str, message: Message, ttl_s: int) -> None:
        key = self._prefix + thread
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.rpush(key, json.dumps(message))
            pipe.ltrim(key, -KEEP, -1)
            pipe.expire(key, ttl_s)
            await pipe.execute()

    async def history(self, *threads: str) -> list[Message]:
        found = [await self._redis.lrange(self._prefix + t, 0, -1) for t in threads]
        return _merged([[json.loads(raw) for raw in t] for t in found])

    async def drop(self, thread: str) -> None:
        await self._redis.delete(self._prefix + thread)

    async def keep(self, thread: str, ttl_s: int) -> None:
        await self._redis.expire(self._prefix + thread, ttl_s)  # a gone thread stays gone


def make_chat(redis: Redis | None) -> ChatStore:
    return RedisChat(redis) if redis is not None else MemoryChat()


def drop_after_commit(session: AsyncSession, store: ChatStore, attempt_id: str) -> None:
    """Once the attempt's end is committed, its conversation is gone."""
    thread = attempt_thread(attempt_id)
    after_commit_run(session, lambda: store.drop(thread), "drop a chat conversation")


def keep_after_commit(session: AsyncSession, store: ChatStore, attempt_id: str, ttl_s: int) -> None:
    """Once a pause or a resume is committed, the conversation lasts as its clock now does."""
    thread = attempt_thread(attempt_id)
    after_commit_run(session, lambda: store.keep(thread, ttl_s), "keep a chat conversation")
