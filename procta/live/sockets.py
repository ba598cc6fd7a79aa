"""What the live sockets share: forwarding bus messages to a client, and holding what a
client sends (only pings) to a size and a rate."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import AsyncIterator

from fastapi import WebSocket, WebSocketDisconnect

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

    def check(self, text: str) -> tuple[int, str] | None:
        if len(text) > MAX_FRAME:
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


async def serve(ws: WebSocket, *streams: AsyncIterator[Message], skip_through: str = "") -> None:
    """Forward the streams to the client until it leaves or misbehaves."""
    pumps = [asyncio.create_task(_pump(ws, s, skip_through)) for s in streams]
    guard = Guard()
    try:
        while True:
            refusal = guard.check(await ws.receive_text())
            if refusal is not None:
                await ws.close(code=refusal[0], reason=refusal[1])
                return
    except WebSocketDisconnect:
        pass
    finally:
        for pump in pumps:
            pump.cancel()
        for pump in pumps:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await pump
