"""What the live sockets share: forwarding bus messages to a client, holding what a client
sends (only pings) to a size and a rate, and closing a socket whose right to listen ended
(signed out, removed from the org, the exam taken over on another device) or whose bus
subscription broke (the client reconnects and catches up)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable

from fastapi import WebSocket

from procta.live.bus import Message, id_key

MAX_FRAME = 4096
"""Bytes of text a client may send in one frame (pings and acks are a few dozen)."""
MAX_FRAMES = (30, 10)
"""At most this many frames from a client in this many seconds."""
TOO_BIG = 1009
POLICY = 1008


class Guard:
    """Refuses a frame that is too large or comes too fast: (close code, reason) or None."""

    def __init__(self) -> None:
        self._recent: deque[float] = deque()

    def check(self, size: int) -> tuple[int, str] | None:
        if size > MAX_FRAME:
            return TOO_BIG, f"message too big: at most {MAX_FRAME} bytes"
        now = time.monotonic()
        count, window = MAX_FRAMES
        while self._recent and self._recent[0] < now - window:
            self._recent.popleft()
        self._recent.append(now)
        if len(self._recent) > count:
            return POLICY, f"too many messages: at most {count} in {window} seconds"
        return None


async def _pump(ws: WebSocket, messages: AsyncIterator[Message], skip_through: str) -> None:
    """Send each message; one whose replay id is not after ``skip_through`` was sent
    already by the replay."""
    seen = id_key(skip_through) if skip_through else None
    async for message in messages:
        if seen is not None and "id" in message and (id_key(message["id"]) or (0, 0)) <= seen:
            continue
        await ws.send_json(message)


Allowed = Callable[[], Awaitable[bool]]
"""Whether the client may still listen; checked every ``RECHECK_S``."""
RECHECK_S = 30.0
INTERRUPTED = 1011
REVOKED = 4403


async def _read(ws: WebSocket) -> tuple[int, str] | None:
    """Read what the client sends until it leaves (None) or misbehaves (the refusal)."""
    guard = Guard()
    while True:
        message = await ws.receive()
        if message["type"] == "websocket.disconnect":
            return None
        data = message.get("text") or message.get("bytes") or ""
        refusal = guard.check(len(data))
        if refusal is not None:
            return refusal


async def _watch(allowed: Allowed) -> tuple[int, str]:
    while True:
        await asyncio.sleep(RECHECK_S)
        if not await allowed():
            return REVOKED, "no longer allowed to listen: sign in or join again"


async def serve(
    ws: WebSocket,
    *streams: AsyncIterator[Message],
    skip_through: str = "",
    allowed: Allowed | None = None,
) -> None:
    """Forward the streams to the client until it leaves, misbehaves, loses its right to
    listen, or a stream breaks (then it is told to reconnect)."""
    reader = asyncio.create_task(_read(ws))
    pumps = [asyncio.create_task(_pump(ws, s, skip_through)) for s in streams]
    tasks = [reader, *pumps]
    if allowed is not None:
        tasks.append(asyncio.create_task(_watch(allowed)))
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        first = done.pop()
        if first is reader and first.exception() is None and first.result() is None:
            return  # the client left
        if first in pumps:
            close: tuple[int, str] | None = (INTERRUPTED, "live feed interrupted: reconnect")
        elif first.exception() is not None:
            return  # the connection broke while reading
        else:
            close = first.result()
        if close is None:
            return
        with contextlib.suppress(Exception):
            await ws.close(code=close[0], reason=close[1])
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
