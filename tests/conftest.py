"""Test fixtures: real databases (SQLite always, PostgreSQL when PROCTA_TEST_DATABASE_URL is
set; CI sets it), each test inside one transaction that is rolled back, the real app over
HTTP (httpx), and the real job broker with a worker thread."""

from __future__ import annotations

import os
import re
import socket
from collections.abc import AsyncIterator, Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import dramatiq
import pytest
from httpx import ASGITransport, AsyncClient, Response
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from procta.app import create_app
from procta.auth.deps import CSRF_COOKIE, CSRF_HEADER
from procta.auth.ratelimit import MemoryRateLimiter
from procta.config import Settings, async_url, use_settings
from procta.db import make_engine, make_sessionmaker
from procta.jobs.broker import configure, start_worker
from procta.live.bus import MemoryBus
from procta.mail.service import outbox_dir
from procta.migrate import upgrade
from procta.state import AppState

IN_CI = os.environ.get("CI", "").lower() == "true"
PG_URL = os.environ.get("PROCTA_TEST_DATABASE_URL", "")
REDIS_URL = os.environ.get("PROCTA_TEST_REDIS_URL", "")
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def require_service(url: str, name: str) -> str:
    """A test that needs PostgreSQL or Redis skips locally without it and fails in CI."""
    if not url:
        if IN_CI:
            pytest.fail(f"CI=true but {name} is not set: CI must run this test")
        pytest.skip(f"{name} is not set")
    return url


def pytest_sessionstart(session: pytest.Session) -> None:
    if IN_CI and not PG_URL:
        raise pytest.UsageError("CI=true needs PROCTA_TEST_DATABASE_URL (PostgreSQL)")
    if IN_CI and not REDIS_URL:
        raise pytest.UsageError("CI=true needs PROCTA_TEST_REDIS_URL (Redis)")


@pytest.fixture(scope="session")
def tmp_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("procta")


async def _migrated_engine(backend: str, root: Path) -> AsyncEngine:
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{root / 'test.db'}"
    else:
        url = async_url(PG_URL)
        engine = make_engine(url)
        async with engine.begin() as conn:  # start from an empty schema every session
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
        await engine.dispose()
    import asyncio

    await asyncio.to_thread(upgrade, url)
    return make_engine(url)


_engines: dict[str, AsyncEngine] = {}


@pytest.fixture(params=BACKENDS)
async def engine(request: pytest.FixtureRequest, tmp_root: Path) -> AsyncEngine:
    backend: str = request.param
    if backend not in _engines:
        _engines[backend] = await _migrated_engine(backend, tmp_root)
    return _engines[backend]


@pytest.fixture(scope="session")
def broker() -> Iterator[dramatiq.Broker]:
    """The in-process broker and its worker thread, as the embedded server runs them."""
    stub = configure("")
    worker = start_worker(stub, threads=2)
    yield stub
    worker.stop()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # analysis=False: a job runs on its own connection and would not see the test's
    # transaction; tests call the analysis service directly (tests/proctoring/test_analysis)
    # and a real server runs the jobs (tests/proctoring/test_analysis_jobs).
    return Settings(
        data_dir=tmp_path / "data", demo=True, public_url="http://testserver", analysis=False
    )


@pytest.fixture
async def db_conn(engine: AsyncEngine) -> AsyncIterator[Any]:
    async with engine.connect() as conn:
        outer = await conn.begin()
        yield conn
        if outer.is_active:
            await outer.rollback()


@pytest.fixture
async def app_state(
    settings: Settings, db_conn: Any, broker: dramatiq.Broker
) -> AsyncIterator[AppState]:
    state = AppState(
        settings=settings,
        engine=db_conn.engine,
        sessionmaker=make_sessionmaker(db_conn, join_transaction_mode="create_savepoint"),
        bus=MemoryBus(),
        limiter=MemoryRateLimiter(),
        broker=broker,
        # The feed reads on its own session; here every session shares one connection, so
        # the feed is tested through real server processes (tests/live).
        live_feed=False,
    )
    yield state
    await state.ingest.close()


@pytest.fixture
def app(settings: Settings, app_state: AppState) -> Any:
    return create_app(settings, state=app_state)


@pytest.fixture
async def db(app_state: AppState) -> AsyncIterator[AsyncSession]:
    """A session on the test's transaction, to look at what the API wrote."""
    async with app_state.sessionmaker() as session:
        yield session


class Browser(AsyncClient):
    """An HTTP client that behaves like the web front end: it keeps cookies and echoes the
    CSRF cookie in the header on every write."""

    async def request(self, method: str, url: Any, **kwargs: Any) -> Response:  # type: ignore[override]
        token = self.cookies.get(CSRF_COOKIE)
        if token and method.upper() not in ("GET", "HEAD", "OPTIONS"):
            headers = dict(kwargs.pop("headers", None) or {})
            headers.setdefault(CSRF_HEADER, token)
            kwargs["headers"] = headers
        return await super().request(method, url, **kwargs)


@pytest.fixture
def new_browser(app: Any) -> Iterator[Any]:
    clients: list[Browser] = []

    def make(ip: str = "127.0.0.1") -> Browser:
        client = Browser(
            transport=ASGITransport(app=app, client=(ip, 50000)),
            base_url="http://testserver",
            headers={"user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36"},
        )
        clients.append(client)
        return client

    yield make


@pytest.fixture
def browser(new_browser: Any) -> Browser:
    b: Browser = new_browser()
    return b


class Outbox:
    """The mail the app sent, read from the outbox folder once the job queue is drained."""

    def __init__(self, settings: Settings, broker: dramatiq.Broker) -> None:
        self.settings, self.broker = settings, broker

    def messages(self) -> list[EmailMessage]:
        self.broker.join("email", fail_fast=True, timeout=10_000)
        folder = outbox_dir(self.settings)
        files = sorted(folder.glob("*.eml")) if folder.is_dir() else []
        return [message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]  # type: ignore[misc]

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages() if m["To"] == address]

    def last_to(self, address: str) -> EmailMessage:
        found = self.to(address)
        assert found, f"no mail to {address}"
        return found[-1]

    @staticmethod
    def body(message: EmailMessage) -> str:
        part = message.get_body(preferencelist=("plain",))
        assert part is not None
        return str(part.get_content())

    def code_for(self, address: str) -> str:
        match = re.search(r"\b(\d{6})\b", self.body(self.last_to(address)))
        assert match, "no 6-digit code in the mail"
        return match.group(1)

    def link_for(self, address: str, path: str) -> str:
        match = re.search(rf"{re.escape(path)}([A-Za-z0-9_\-]+)", self.body(self.last_to(address)))
        assert match, f"no {path} link in the mail"
        return match.group(1)


@pytest.fixture
def outbox(settings: Settings, broker: dramatiq.Broker) -> Outbox:
    use_settings(settings)  # the worker thread delivers with this test's settings
    return Outbox(settings, broker)
