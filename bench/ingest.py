"""Browser-event ingest: events per second stored over HTTP by one ``procta serve`` process
on SQLite, in batches of 20 (as the student's client sends them), next to a bare FastAPI
echo endpoint served the same way and measured in the same run by the same load generator.
Prints both rates and their ratio.

A third row, ``floor``, is Procta's own app (its middleware, routing, the attempt token
header and the same body validation) answering a copy of the events route that stores
nothing: the most any ingest behind this stack could reach.

    .venv/bin/python bench/ingest.py                     # 30 s each, 64 clients
    .venv/bin/python bench/ingest.py --seconds 60 --clients 128

Each client is one student's attempt posting batches back to back with fresh client ids;
the types repeat, so most events extend an episode and some open new flags. The load
generator runs on the same machine as the server, so the figures are a floor.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from exam_load import cpu_seconds, join_all, seed  # noqa: E402

from procta.migrate import upgrade  # noqa: E402

BATCH = 20
TYPES = ("tab_switch", "copy_paste", "right_click", "blocked_shortcut", "fullscreen_exit")
ECHO_APP = """
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Batch(BaseModel):
    events: list[dict]


@app.post("/echo")
async def echo(body: Batch) -> dict:
    return {"accepted": len(body.events)}
"""


FLOOR_APP = """
from procta.app import create_app
from procta.attempts.student_router import AttemptToken
from procta.proctoring.schemas import EventBatchIn, EventBatchOut

app = create_app()


@app.post("/api/v1/exam-sessions/{attempt_id}/floor")
async def floor(attempt_id: str, body: EventBatchIn, token: AttemptToken) -> EventBatchOut:
    return EventBatchOut(accepted=len(body.events), duplicates=0, ignored=0, live_risk=0.0)


app.router.routes.insert(0, app.router.routes.pop())  # matched first, as the events route is
"""


def batch(attempt: str, counter: itertools.count[int]) -> dict[str, Any]:
    now = datetime.now(UTC).isoformat()
    return {
        "events": [
            {
                "client_id": f"{attempt[:8]}-{next(counter)}",
                "type": random.choice(TYPES),
                "phase": "instant",
                "at": now,
                "details": {"key": "c"},
            }
            for _ in range(BATCH)
        ]
    }


async def hammer(
    base: str, paths: list[tuple[str, dict[str, str], str]], seconds: float
) -> tuple[int, int]:
    """Post batches back to back from each client for ``seconds``; (requests ok, errors)."""
    ok = errors = 0
    until = time.monotonic() + seconds

    async def client(
        http: aiohttp.ClientSession, path: str, headers: dict[str, str], a: str
    ) -> None:
        nonlocal ok, errors
        counter = itertools.count()
        while time.monotonic() < until:
            try:
                async with http.post(path, json=batch(a, counter), headers=headers) as r:
                    await r.read()
                    if r.status == 200:
                        ok += 1
                    else:
                        errors += 1
            except aiohttp.ClientError:
                errors += 1

    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(base_url=base, connector=connector) as http:
        await asyncio.gather(*(client(http, p, h, a) for p, h, a in paths))
    return ok, errors


def start(args: list[str], env: dict[str, str], log: Path, cwd: Path) -> subprocess.Popen[bytes]:
    out = log.open("wb")
    return subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)


async def wait_up(url: str) -> None:
    async with aiohttp.ClientSession() as http:
        for _ in range(150):
            try:
                async with http.get(url) as r:
                    if r.status < 500:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


@contextlib.asynccontextmanager
async def serving(
    args: list[str], env: dict[str, str], log: Path, cwd: Path, ready: str
) -> AsyncIterator[subprocess.Popen[bytes]]:
    """A server process, up (``ready`` answers) until the block ends."""
    server = start(args, env, log, cwd)
    try:
        await wait_up(ready)
        yield server
    finally:
        server.terminate()
        server.wait(10)


async def measure(
    server: subprocess.Popen[bytes],
    base: str,
    paths: list[tuple[str, dict[str, str], str]],
    seconds: float,
) -> tuple[int, int, float]:
    """(requests ok, errors, server CPU ms a request) over ``seconds`` of load."""
    cpu = cpu_seconds(server.pid)
    ok, errors = await hammer(base, paths, seconds)
    return ok, errors, (cpu_seconds(server.pid) - cpu) * 1000 / max(1, ok)


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=64)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        (data / "echo_app.py").write_text(ECHO_APP)
        (data / "floor_app.py").write_text(FLOOR_APP)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        port = 8900 + random.randrange(50)
        uvicorn = [sys.executable, "-m", "uvicorn", "--no-access-log", "--port"]

        echo_base = f"http://127.0.0.1:{port}"
        echo_cmd = [*uvicorn, str(port), "echo_app:app"]
        async with serving(echo_cmd, env, data / "echo.log", data, f"{echo_base}/docs") as echo:
            paths = [("/echo", {}, f"{n:032x}") for n in range(args.clients)]
            echo_ok, echo_errors, echo_cost = await measure(echo, echo_base, paths, args.seconds)

        url = f"sqlite+aiosqlite:///{tmp}/procta.db"
        await asyncio.to_thread(upgrade, url)
        exam_id = await seed(url, args.clients)
        env = {
            **env,
            "PROCTA_DATA_DIR": tmp,
            "PROCTA_DATABASE_URL": url,
            "PROCTA_DEMO": "1",
            "PROCTA_ACCESS_LOG": "0",
        }
        base = f"http://127.0.0.1:{port + 1}"
        serve = [sys.executable, "-m", "procta.cli", "serve", "--port", str(port + 1), "--demo"]
        async with serving(serve, env, data / "server.log", ROOT, f"{base}/api/v1/health") as srv:
            sessions = await join_all(base, exam_id, args.clients)
            paths = [
                (f"/api/v1/exam-sessions/{a}/events", {"Authorization": f"Bearer {t}"}, a)
                for a, t, _ in sessions
            ]
            ok, errors, cost = await measure(srv, base, paths, args.seconds)

        floor_base = f"http://127.0.0.1:{port + 2}"
        floor_env = {**env, "PYTHONPATH": f"{data}{os.pathsep}{ROOT}"}
        floor_cmd = [*uvicorn, str(port + 2), "floor_app:app"]
        floor_up = f"{floor_base}/api/v1/health"
        async with serving(floor_cmd, floor_env, data / "floor.log", ROOT, floor_up) as floor:
            floor_paths = [(p.replace("/events", "/floor"), h, a) for p, h, a in paths]
            floor_ok, floor_errors, floor_cost = await measure(
                floor, floor_base, floor_paths, args.seconds
            )

    echo_rate, rate = echo_ok / args.seconds, ok / args.seconds
    floor_rate = floor_ok / args.seconds
    header = ("endpoint", "requests", "req/s", "events/s", "errors", "srv ms/req")
    print(" ".join(f"{h:>10}" for h in header))
    for name, count, r, errs, srv in (
        ("echo", echo_ok, echo_rate, echo_errors, echo_cost),
        ("ingest", ok, rate, errors, cost),
        ("floor", floor_ok, floor_rate, floor_errors, floor_cost),
    ):
        row = (name, count, f"{r:.0f}", f"{r * BATCH:.0f}", errs, f"{srv:.2f}")
        print(" ".join(f"{v:>10}" for v in row))
    ratio = rate / max(echo_rate, 1e-9)
    print(f"ingest / echo requests: {ratio:.2f} (goal >= 0.5); events/s goal >= 50,000")
    print(
        f"floor / echo requests: {floor_rate / max(echo_rate, 1e-9):.2f} "
        "(Procta's stack and validation, nothing stored: the most ingest could reach)"
    )
    rerun = f"--seconds {args.seconds:g} --clients {args.clients}"
    print(f"rerun: .venv/bin/python bench/ingest.py {rerun}")


if __name__ == "__main__":
    asyncio.run(main())
