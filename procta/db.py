"""Engine, sessions, the declarative base and the tenancy helpers.

SQLite runs in WAL mode with foreign keys on; PostgreSQL is used through
``PROCTA_DATABASE_URL``. Services flush, never commit: there is one commit point
per request (``session_scope``) or job.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import DateTime, ForeignKey, MetaData, Select, String, TypeDecorator, event, select
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from procta.errors import NotFound

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    """128 random bits as 32 hex digits (uuid4's format without its slow object)."""
    return secrets.token_hex(16)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC; always hands back an aware datetime (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime()}


class IdMixin:
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class OrgScoped(IdMixin):
    """A row that belongs to one organization; reach it only through ``org_select``."""

    org_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )


M = TypeVar("M", bound=OrgScoped)


def org_select(model: type[M], org_id: str) -> Select[M]:
    """The one way to query org data: every statement starts scoped to the caller's org."""
    return select(model).where(model.org_id == org_id)


async def org_get(session: AsyncSession, model: type[M], org_id: str, obj_id: str) -> M:
    """Fetch one org row by id; another org's row is indistinguishable from a missing one."""
    row = (await session.execute(org_select(model, org_id).where(model.id == obj_id))).scalar()
    if row is None:
        raise NotFound(f"{model.__name__.lower()} not found")
    return row


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy drive transactions (pysqlite's own handling breaks SAVEPOINT).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    if url.startswith("sqlite"):
        # One connection per process: SQLite takes one writer at a time anyway, and a queue
        # for the connection is fair and prompt, where SQLite's busy handler sleeps in
        # coarse steps (up to 100 ms) and collapses under load (see bench/exam_load.py).
        if "poolclass" not in kwargs:
            kwargs.setdefault("pool_size", 1)
            kwargs.setdefault("max_overflow", 0)
            kwargs.setdefault("pool_timeout", 60)
        engine = create_async_engine(url, **kwargs)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        # IMMEDIATE: take the write lock at BEGIN. A deferred transaction that reads and
        # then writes can fail at once with "database is locked" when another writer got
        # in between (busy_timeout cannot help there); waiting for the lock up front can't.
        event.listen(
            engine.sync_engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE")
        )
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_async_engine(url, **kwargs)


def make_sessionmaker(bind: Any, **kwargs: Any) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(bind, expire_on_commit=False, **kwargs)


# --- after-commit callbacks: jobs and live messages leave only once data is durable ---

AfterCommit = Callable[[], None]


def after_commit(session: AsyncSession, callback: AfterCommit) -> None:
    """Run ``callback`` once the session's transaction commits; drop it on rollback."""
    session.sync_session.info.setdefault("after_commit", []).append(callback)


_running: set[asyncio.Task[None]] = set()
"""Work started after a commit, held until it ends (the loop keeps only weak references)."""


def after_commit_run(session: AsyncSession, work: Callable[[], Awaitable[None]], what: str) -> None:
    """Start ``work`` once the session's transaction commits (a rollback drops it). The
    request does not wait for it; a failure is logged, never an error for the request,
    since the change it follows is already made."""
    loop = asyncio.get_running_loop()

    async def run() -> None:
        try:
            await work()
        except Exception:
            logging.getLogger("procta").warning("could not %s", what, exc_info=True)

    def start() -> None:
        task = loop.create_task(run())
        _running.add(task)
        task.add_done_callback(_running.discard)

    after_commit(session, start)


@event.listens_for(Session, "after_commit")
def _run_after_commit(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint released: nothing is committed yet
        return
    for callback in session.info.pop("after_commit", []):
        callback()


@event.listens_for(Session, "after_rollback")
def _drop_after_commit(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint rolled back: the rest may still commit
        return
    session.info.pop("after_commit", None)


# --- slow work outside the database ---------------------------------------------------


async def end_reads(session: AsyncSession) -> None:
    """End a unit of work that has only read (and perhaps noted who asked: an API key's
    last use), before slow work that needs no database (a video remux, a PDF render, an
    LLM call): SQLite gives each process one connection, so a request that kept its
    transaction through such work would hold up every other request of the process.
    Later reads start a new transaction. Never call it after a service has written."""
    await session.commit()


@asynccontextmanager
async def session_scope(maker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """One unit of work: commit at the end, roll back on any error."""
    async with maker() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise
