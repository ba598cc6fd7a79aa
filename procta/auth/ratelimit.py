"""Sliding-window counters for sign-in throttling: in memory, or in Redis when configured
(so every server process shares the same counts)."""

from __future__ import annotations

import time
from collections import defaultdict, deque
from typing import Protocol

from redis.asyncio import Redis


class RateLimiter(Protocol):
    async def hit(self, key: str, window_s: int) -> int:
        """Record one event under ``key``; return how many happened within the window."""

    async def count(self, key: str, window_s: int) -> int: ...

    async def reset(self, key: str) -> None: ...


class MemoryRateLimiter:
    def __init__(self) -> None:
        self._events: defaultdict[str, deque[float]] = defaultdict(deque)

    def _trim(self, key: str, window_s: int) -> deque[float]:
        events = self._events[key]
        cutoff = time.monotonic() - window_s
        while events and events[0] < cutoff:
            events.popleft()
        return events

    async def hit(self, key: str, window_s: int) -> int:
        events = self._trim(key, window_s)
        events.append(time.monotonic())
        return len(events)

    async def count(self, key: str, window_s: int) -> int:
        return len(self._trim(key, window_s))

    async def reset(self, key: str) -> None:
        self._events.pop(key, None)


class RedisRateLimiter:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def hit(self, key: str, window_s: int) -> int:
        now = time.time()
        rkey = f"procta:rl:{key}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.zremrangebyscore(rkey, 0, now - window_s)
            pipe.zadd(rkey, {f"{now}:{time.perf_counter_ns()}": now})
            pipe.zcard(rkey)
            pipe.expire(rkey, window_s)
            results = await pipe.execute()
        return int(results[2])

    async def count(self, key: str, window_s: int) -> int:
        rkey = f"procta:rl:{key}"
        await self._redis.zremrangebyscore(rkey, 0, time.time() - window_s)
        return int(await self._redis.zcard(rkey))

    async def reset(self, key: str) -> None:
        await self._redis.delete(f"procta:rl:{key}")
