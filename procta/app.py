"""The FastAPI factory: routers, error handling, body limits and the built front end."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from redis.asyncio import Redis
from sqlalchemy.exc import IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from procta import __version__
from procta.admin.router import router as admin_router
from procta.attempts.router import router as attempts_router
from procta.attempts.student_router import router as exam_sessions_router
from procta.audit.service import request_ip
from procta.auth.ratelimit import MemoryRateLimiter, RateLimiter, RedisRateLimiter
from procta.auth.router import router as auth_router
from procta.config import Settings, get_settings, use_settings
from procta.courses.router import router as courses_router
from procta.db import make_engine, make_sessionmaker
from procta.errors import ERROR_RESPONSES, AppError
from procta.exams.router import router as exams_router
from procta.jobs.broker import configure, start_worker
from procta.live import feed as live_feed
from procta.live.bus import make_bus
from procta.live.room_router import phone as room_phone_router
from procta.live.room_router import student as room_link_router
from procta.live.router import router as live_router
from procta.live.router import sockets as teacher_sockets
from procta.live.student_router import router as live_sessions_router
from procta.live.student_router import sockets as student_sockets
from procta.orgs.router import invites_router
from procta.orgs.router import router as orgs_router
from procta.proctoring.router import router as proctoring_router
from procta.proctoring.student_router import router as proctoring_sessions_router
from procta.questions.router import router as questions_router
from procta.reports.router import router as reports_router
from procta.retention.router import router as retention_router
from procta.review.router import router as review_router
from procta.review.student_router import router as review_sessions_router
from procta.state import AppState
from procta.students.router import router as students_router

log = logging.getLogger("procta")
API_PREFIX = "/api/v1"


def error_response(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {"code": code, "message": message, **extra}
    return JSONResponse({"error": body}, status_code=status)


UPLOAD_TYPES = (b"multipart/form-data", b"image/", b"audio/", b"video/")


class BodyLimit:
    """Refuse request bodies over the cap with 413 before any handler reads them. File
    uploads (multipart, or raw image/audio bodies) have their own, larger cap; each upload
    route checks its own limit on top."""

    def __init__(self, app: ASGIApp, max_bytes: int, max_upload_bytes: int) -> None:
        self.app, self.max_bytes, self.max_upload_bytes = app, max_bytes, max_upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        upload = headers.get(b"content-type", b"").startswith(UPLOAD_TYPES)
        cap = self.max_upload_bytes if upload else self.max_bytes
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > cap):
            await self._too_large(scope, receive, send, cap)
            return
        seen, exceeded, started = 0, False, False

        async def counting_receive() -> Message:
            nonlocal seen, exceeded
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > cap:
                exceeded = True
                raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            # FastAPI turns an error while reading the body into its own 400: once the body
            # is over the cap, drop whatever the app answers and send the 413 below.
            nonlocal started
            if exceeded and not started:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        with contextlib.suppress(_TooLarge):
            await self.app(scope, counting_receive, guarded_send)
        if exceeded and not started:
            await self._too_large(scope, receive, send, cap)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send, cap: int) -> None:
        response = error_response(
            413, "body_too_large", f"The request body is larger than {cap} bytes."
        )
        await response(scope, receive, send)


class _TooLarge(Exception):
    pass


def install_error_handlers(app: FastAPI, front_end: FrontEnd) -> None:
    @app.exception_handler(AppError)
    async def app_error(_: Request, exc: AppError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return error_response(400, "invalid_json", "The request body is not valid JSON.")
        details = [
            {"field": ".".join(str(p) for p in e.get("loc", ())[1:]) or "body", "message": e["msg"]}
            for e in errors
        ]
        first = details[0] if details else {"field": "body", "message": "invalid"}
        return error_response(
            422, "validation_error", f"{first['field']}: {first['message']}", details=details
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and front_end.serves(request):
            return front_end.response(request.url.path)
        codes = {404: "not_found", 405: "method_not_allowed"}
        response = error_response(
            exc.status_code, codes.get(exc.status_code, "http_error"), str(exc.detail)
        )
        response.headers.update(exc.headers or {})  # e.g. the Allow header of a 405
        return response

    @app.exception_handler(IntegrityError)
    async def integrity_error(_: Request, exc: IntegrityError) -> JSONResponse:
        log.warning("integrity error turned into 409: %s", exc.orig)
        return error_response(409, "conflict", "This conflicts with data that already exists.")


class FrontEnd:
    """The built React app. Paths no route claims fall through to it (see ``http_error``),
    so API routes keep their own 404 and 405 answers."""

    def __init__(self, dist: Path) -> None:
        self.root = dist.resolve()
        self.files = (
            {str(p.relative_to(self.root)) for p in self.root.rglob("*") if p.is_file()}
            if self.root.is_dir()
            else set()
        )

    def mount(self, app: FastAPI) -> None:
        if (self.root / "assets").is_dir():
            app.mount("/assets", StaticFiles(directory=self.root / "assets"), name="assets")

    def serves(self, request: Request) -> bool:
        return request.method in ("GET", "HEAD") and not request.url.path.startswith(
            ("/api/", "/ws/", "/docs", "/openapi.json")
        )

    def response(self, path: str) -> Response:
        path = path.lstrip("/")
        if path in self.files:  # top-level files of the build (favicon, robots.txt)
            return FileResponse(self.root / path)
        if self.files:
            return FileResponse(self.root / "index.html", headers={"Cache-Control": "no-cache"})
        return error_response(
            503, "front_end_missing", "The web front end is not built: run `make web`."
        )


class RequestContext:
    """Note the client address for audit entries and add the usual security headers
    (a plain ASGI middleware: no per-request task as with ``BaseHTTPMiddleware``)."""

    HEADERS = (
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"same-origin"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        request_ip.set(client[0] if client else "")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.HEADERS if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


def build_state(settings: Settings, *, run_worker: bool) -> tuple[AppState, Any]:
    engine = make_engine(settings.database_url)
    redis = Redis.from_url(settings.redis_url) if settings.redis_url else None
    limiter: RateLimiter = RedisRateLimiter(redis) if redis else MemoryRateLimiter()
    broker = configure(settings.redis_url)
    worker = start_worker(broker) if run_worker and not settings.redis_url else None
    state = AppState(
        settings=settings,
        engine=engine,
        sessionmaker=make_sessionmaker(engine),
        bus=make_bus(settings.redis_url),
        limiter=limiter,
        broker=broker,
        redis=redis,
    )
    return state, worker


async def periodic_jobs(every_s: float, retention_every_s: float) -> None:
    """Send the periodic jobs: auto-submit overdue attempts and the summaries of exams
    whose window closed at every tick, the media cleanup once per ``retention_every_s``.
    Every server process sends them; the jobs are idempotent, so several senders only cost
    a little work."""
    from procta.attempts.tasks import submit_overdue_attempts
    from procta.reports.tasks import send_exam_summaries
    from procta.retention.tasks import cleanup_media

    waited = retention_every_s - 300.0  # the first cleanup five minutes after start
    while True:
        await asyncio.sleep(every_s)
        waited += every_s
        try:
            submit_overdue_attempts.send()
            send_exam_summaries.send()
            if waited >= retention_every_s:
                waited = 0.0
                cleanup_media.send()
        except Exception:  # a Redis hiccup must not kill the loop
            log.exception("could not enqueue the periodic jobs")


def create_app(settings: Settings | None = None, *, state: AppState | None = None) -> FastAPI:
    """``state`` lets tests hand in their own engine/sessionmaker (one rolled-back
    transaction per test); otherwise the lifespan builds everything from ``settings``."""
    settings = settings or get_settings()
    settings.check_secret()
    use_settings(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        worker = None
        ticker = None
        if state is None:
            settings.data_dir.mkdir(parents=True, exist_ok=True)
            app.state.procta, worker = build_state(settings, run_worker=True)
            live_feed.install(app.state.procta.feed)
            app.state.procta.feed.start()
            ticker = asyncio.create_task(
                periodic_jobs(settings.overdue_check_s, settings.retention_check_s)
            )
        try:
            yield
        finally:
            if ticker is not None:
                ticker.cancel()
            if worker is not None:
                worker.stop()
            if state is None:
                current: AppState = app.state.procta
                await current.ingest.close()
                live_feed.install(None)
                await current.feed.close()
                await current.bus.close()
                if current.redis is not None:
                    await current.redis.aclose()
                await current.engine.dispose()

    app = FastAPI(
        title="Procta API",
        version=__version__,
        description='Online exam proctoring. Errors are `{"error": {"code", "message"}}`.',
        lifespan=lifespan,
    )
    if state is not None:
        app.state.procta = state
    app.add_middleware(
        BodyLimit,
        max_bytes=settings.max_body_bytes,
        max_upload_bytes=settings.max_upload_bytes,
    )
    app.add_middleware(RequestContext)
    front_end = FrontEnd(settings.web_dist)
    install_error_handlers(app, front_end)

    api = APIRouter(prefix=API_PREFIX, responses=ERROR_RESPONSES)
    # Routes match in order: the students' autosave and heartbeat, by far the most frequent
    # requests on an exam day, come first.
    for router in (
        exam_sessions_router,
        proctoring_sessions_router,
        auth_router,
        orgs_router,
        invites_router,
        admin_router,
        courses_router,
        students_router,
        questions_router,
        exams_router,
        attempts_router,
        proctoring_router,
        live_sessions_router,
        room_link_router,
        room_phone_router,
        live_router,
        review_router,
        review_sessions_router,
        reports_router,
        retention_router,
    ):
        api.include_router(router)

    @api.get("/health", tags=["meta"])
    async def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    app.include_router(api)
    app.include_router(teacher_sockets)
    app.include_router(student_sockets)
    front_end.mount(app)
    return app
