"""``WS /ws/teacher``: the live feed of the signed-in teacher's organization."""

from __future__ import annotations

import asyncio
import contextlib

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from procta.auth.deps import resolve_principal
from procta.errors import AppError
from procta.live.bus import org_channel
from procta.state import app_state

router = APIRouter()


@router.websocket("/ws/teacher")
async def teacher_feed(ws: WebSocket) -> None:
    state = app_state(ws)
    async with state.sessionmaker() as db:
        try:
            principal = await resolve_principal(ws, db)
        except AppError:
            principal = None
        await db.commit()
    if principal is None or principal.org_id is None:
        await ws.close(code=4401, reason="sign in to an organization first")
        return
    await ws.accept()
    async with state.bus.subscribe(org_channel(principal.org_id)) as messages:
        forward = asyncio.create_task(_forward(ws, messages))
        try:
            while True:  # the client only sends pings; reading notices a disconnect
                await ws.receive_text()
        except WebSocketDisconnect:
            pass
        finally:
            forward.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await forward


async def _forward(ws: WebSocket, messages: object) -> None:
    async for message in messages:  # type: ignore[attr-defined]
        await ws.send_json(message)
