"""What a running app holds: settings and the adapters chosen for them."""

from __future__ import annotations

from dataclasses import dataclass

import dramatiq
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.requests import HTTPConnection

from procta.auth.ratelimit import RateLimiter
from procta.config import Settings
from procta.live.bus import Bus


@dataclass
class AppState:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    bus: Bus
    limiter: RateLimiter
    broker: dramatiq.Broker
    redis: Redis | None = None


def app_state(conn: HTTPConnection) -> AppState:
    state: AppState = conn.app.state.procta
    return state
