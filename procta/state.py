"""What a running app holds: settings and the adapters chosen for them."""

from __future__ import annotations

from dataclasses import dataclass, field

import dramatiq
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.requests import HTTPConnection

from procta.auth.ratelimit import RateLimiter
from procta.config import Settings
from procta.live.bus import Bus
from procta.live.chat import ChatStore, make_chat
from procta.live.feed import LiveFeed
from procta.proctoring.ingest import IngestWriter


@dataclass
class AppState:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    bus: Bus
    limiter: RateLimiter
    broker: dramatiq.Broker
    redis: Redis | None = None
    live_feed: bool = True
    """False where the feed's own reads cannot run beside a request (one test connection)."""
    feed: LiveFeed = field(init=False)
    chat: ChatStore = field(init=False)
    ingest: IngestWriter = field(init=False)

    def __post_init__(self) -> None:
        half_life = self.settings.live_half_life_s
        self.feed = LiveFeed(self.sessionmaker if self.live_feed else None, self.bus, half_life)
        self.chat = make_chat(self.redis)
        self.ingest = IngestWriter(
            self.sessionmaker, self.settings.flag_merge_gap, half_life, self.feed.ingested
        )


def app_state(conn: HTTPConnection) -> AppState:
    state: AppState = conn.app.state.procta
    return state


async def current_state(conn: HTTPConnection) -> AppState:
    """``app_state`` as a dependency. Dependencies are ``async`` on purpose: FastAPI runs a
    plain ``def`` one in a worker thread, a hop that costs more than the work itself."""
    return app_state(conn)
