"""Real ``procta`` server processes for multi-process and browser tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx

from procta.migrate import upgrade
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[1]


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite+aiosqlite:///{data_dir / 'procta.db'}"


def migrated_data_dir(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    # Alembic runs its own event loop: keep it off any loop running here (pytest, Playwright).
    with ThreadPoolExecutor(1) as pool:
        pool.submit(upgrade, sqlite_url(data_dir)).result()
    return data_dir


@contextmanager
def procta_server(data_dir: Path, port: int | None = None, **env: str) -> Iterator[str]:
    """Run ``procta serve`` (on a free port unless given); yield its base URL; stop it
    afterwards."""
    port = port or free_port()
    base = f"http://127.0.0.1:{port}"
    environ = {
        **os.environ,
        "PROCTA_DATA_DIR": str(data_dir),
        "PROCTA_DATABASE_URL": sqlite_url(data_dir),
        "PROCTA_PUBLIC_URL": base,
        "PROCTA_DEMO": "1",
        **env,
    }
    log = (data_dir / f"server-{port}.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "procta.cli", "serve", "--port", str(port), "--demo"],
        cwd=ROOT,
        env=environ,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start: {(data_dir / log.name).read_text()}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
