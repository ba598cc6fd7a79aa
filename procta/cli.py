"""``procta serve | migrate | demo | worker | create-superadmin | openapi``."""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import sys
import threading
from pathlib import Path

import click

from procta.config import Settings, get_settings


def _settings(demo: bool = False) -> Settings:
    settings = get_settings()
    if demo:
        settings.demo = True
    return settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Procta: online exam proctoring. Every option is also a PROCTA_* variable."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )


@main.command()
def migrate() -> None:
    """Create or upgrade the database schema to the latest version (Alembic)."""
    from procta.migrate import upgrade

    settings = _settings()
    if settings.is_sqlite:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade(settings.database_url)
    click.echo("database is up to date")


@main.command()
@click.option("--host", default=None, help="Interface to bind (PROCTA_HOST, default 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (PROCTA_PORT, default 8000).")
@click.option("--workers", default=1, show_default=True, help="uvicorn worker processes.")
@click.option("--demo", is_flag=True, help="Allow the built-in demo secret key.")
def serve(host: str | None, port: int | None, workers: int, demo: bool) -> None:
    """Serve the API, the live sockets and the web front end."""
    import os

    import uvicorn

    settings = _settings(demo)
    if demo:
        os.environ["PROCTA_DEMO"] = "1"  # for worker processes, which rebuild the settings
    settings.check_secret()
    if settings.is_sqlite:
        # aiosqlite runs each query on a helper thread; with the default 5 ms GIL switch
        # interval a busy event loop makes every hop wait, and the one SQLite connection is
        # held that much longer. A shorter interval keeps hops prompt (bench/exam_load.py).
        sys.setswitchinterval(0.0005)
    if workers > 1 and not settings.redis_url:
        raise click.UsageError(
            "--workers above 1 needs PROCTA_REDIS_URL: without Redis each process has its own "
            "live bus and job queue."
        )
    uvicorn.run(
        "procta.app:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        proxy_headers=True,
        log_level="info",
        access_log=settings.access_log,
    )


@main.command()
def demo() -> None:
    """Seed the demo org, teachers and students (idempotent) and print the logins."""
    from procta.db import make_engine, make_sessionmaker, session_scope
    from procta.demo import Demo, seed
    from procta.demo_exams import PRACTICE_CODE

    settings = _settings(demo=True)

    async def run() -> Demo:
        engine = make_engine(settings.database_url)
        try:
            async with session_scope(make_sessionmaker(engine)) as session:
                return await seed(session, settings)
        finally:
            await engine.dispose()

    demo = asyncio.run(run())
    click.echo("\nProcta demo is ready. Sign in at " + settings.public_url + "/signin with:")
    for login in demo.logins:
        click.echo(f"  {login.role:16} {login.email:32} {login.password}")
    click.echo(
        f"\nTake the practice exam as a student at {settings.public_url}/take/"
        f"{demo.practice_exam_id}\n  roll number S1001 (up to S1034), access code {PRACTICE_CODE}\n"
    )


@main.command()
@click.option("--threads", default=4, show_default=True, help="Worker threads.")
def worker(threads: int) -> None:
    """Run background jobs from the Redis queue (needs PROCTA_REDIS_URL)."""
    import procta.models  # noqa: F401  every table, so that any mapper finds its references
    from procta.config import use_settings
    from procta.jobs.broker import configure, start_worker

    settings = _settings()
    if not settings.redis_url:
        raise click.UsageError(
            "PROCTA_REDIS_URL is not set: without Redis, `procta serve` runs jobs itself."
        )
    use_settings(settings)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    running = start_worker(configure(settings.redis_url), threads=threads)
    click.echo(f"procta worker: {threads} threads on {settings.redis_url.split('@')[-1]}")
    stop.wait()
    running.stop()


@main.command("create-superadmin")
@click.option("--email", prompt=True, help="The platform admin's email.")
@click.option("--name", prompt=True, default="Platform Admin", help="Display name.")
@click.password_option(help="Password (asked for when not given).")
def create_superadmin(email: str, name: str, password: str) -> None:
    """Create a platform administrator, or make an existing user one."""
    from procta.auth import service as auth
    from procta.db import make_engine, make_sessionmaker, session_scope
    from procta.errors import AppError

    settings = _settings()

    async def run() -> str:
        engine = make_engine(settings.database_url)
        try:
            async with session_scope(make_sessionmaker(engine)) as session:
                user = await auth.user_by_email(session, email)
                if user is None:
                    user = await auth.create_user(
                        session, settings, name=name, email=email, password=password
                    )
                user.is_superadmin = True
                return user.email
        finally:
            await engine.dispose()

    try:
        click.echo(f"{asyncio.run(run())} is a platform administrator")
    except AppError as exc:
        raise click.ClickException(exc.message) from exc


@main.command()
def backfill() -> None:
    """Recompute the scores of every completed attempt with the current formula."""
    import procta.models  # noqa: F401  every table, so that any mapper finds its references
    from procta.db import make_engine, make_sessionmaker, session_scope, utcnow
    from procta.proctoring.scoring import FORMULA_VERSION
    from procta.proctoring.service import backfill as recompute_all

    settings = _settings()

    async def run() -> tuple[int, int]:
        engine = make_engine(settings.database_url)
        try:
            async with session_scope(make_sessionmaker(engine)) as session:
                return await recompute_all(session, None, utcnow(), settings.live_half_life_s)
        finally:
            await engine.dispose()

    checked, changed = asyncio.run(run())
    click.echo(
        f"checked {checked} completed attempts, {changed} changed (formula v{FORMULA_VERSION})"
    )


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--reference",
    type=click.Path(exists=True, path_type=Path),
    help="Selfie or ID photo to compare faces with.",
)
@click.option(
    "--baseline",
    type=click.Path(exists=True, path_type=Path),
    help="Calibration JSON (yaw, pitch, gaze_x, gaze_y).",
)
@click.option(
    "--detector",
    type=click.Path(exists=True, path_type=Path),
    help="ONNX phone/person detector (see README).",
)
@click.option(
    "--labels",
    type=click.Path(exists=True, path_type=Path),
    help="The detector's class names, one a line.",
)
@click.option(
    "--word",
    "words",
    multiple=True,
    help="A prohibited word or domain for OCR (repeatable; default list otherwise).",
)
def analyze(
    files: tuple[Path, ...],
    reference: Path | None,
    baseline: Path | None,
    detector: Path | None,
    labels: Path | None,
    words: tuple[str, ...],
) -> None:
    """Run the AI analyses on images or audio files; print one JSON object a file."""
    from procta.vision.report import analyze_files

    try:
        results = analyze_files(
            list(files),
            reference=reference,
            baseline=baseline,
            detector_model=detector,
            detector_labels=labels,
            words=list(words) or None,
        )
    except (OSError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    for result in results:
        click.echo(json.dumps(result, default=str))


@main.command()
def openapi() -> None:
    """Print the OpenAPI schema (the front end generates its types from it)."""
    from procta.app import create_app

    settings = _settings(demo=True)
    click.echo(json.dumps(create_app(settings).openapi(), indent=1))


if __name__ == "__main__":
    main()
