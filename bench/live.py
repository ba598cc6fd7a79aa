"""Live monitoring latency: 1,000 simulated students send browser events to one ``procta
serve`` process on SQLite while 10 teacher sockets watch the org's feed. Prints how long an
event took from the student's POST to the updated row on each teacher socket (p50, p99) and
the messages per second the sockets received.

    .venv/bin/python bench/live.py                         # 1,000 students, 30 s
    .venv/bin/python bench/live.py --students 500 --seconds 60 --interval 5
    .venv/bin/python bench/live.py --redis redis://127.0.0.1:6379/15   # the live bus on Redis

Each student posts one event every ``--interval`` seconds (spread evenly), a tab switch
whose time is unique, so the row that carries it can be matched to its POST, and a
heartbeat every ``--heartbeat`` seconds as the exam page does (15). The load
generator runs on the same machine as the server, so the figures are a floor.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from exam_load import join_all, percentile, seed  # noqa: E402
from ingest import start, wait_up  # noqa: E402

from procta.auth import tokens  # noqa: E402
from procta.db import make_engine, make_sessionmaker, session_scope  # noqa: E402
from procta.exams.models import Exam  # noqa: E402
from procta.migrate import upgrade  # noqa: E402
from procta.orgs.models import ApiKey  # noqa: E402
from procta.orgs.service import API_KEY_PREFIX  # noqa: E402

SOCKETS = 10


async def api_key(url: str, exam_id: str) -> str:
    """A key of the exam's org: the teacher sockets authenticate with it."""
    secret = API_KEY_PREFIX + tokens.new_token(30)
    engine = make_engine(url)
    async with session_scope(make_sessionmaker(engine)) as s:
        org_id = (await s.execute(select(Exam.org_id).where(Exam.id == exam_id))).scalar_one()
        s.add(
            ApiKey(org_id=org_id, name="bench", prefix=secret[:10], key_hash=tokens.digest(secret))
        )
    await engine.dispose()
    return secret


class Watch:
    """What the teacher sockets saw: latency of each matched row, and the message count."""

    def __init__(self) -> None:
        self.sent: dict[tuple[str, datetime], float] = {}
        self.latencies: list[float] = []
        self.messages = 0
        self.posted = self.errors = 0
        self.answered: list[float] = []

    async def socket(self, base: str, key: str, until: float) -> None:
        url = base.replace("http://", "ws://") + "/ws/teacher"
        matched: set[tuple[str, datetime]] = set()  # the first row that carries an event counts
        async with (
            aiohttp.ClientSession() as http,
            http.ws_connect(url, headers={"Authorization": f"Bearer {key}"}) as ws,
        ):
            while time.monotonic() < until:
                try:
                    frame = await ws.receive(timeout=max(0.1, until - time.monotonic()))
                except TimeoutError:
                    break
                if frame.type != aiohttp.WSMsgType.TEXT:
                    break
                self.messages += 1
                message = json.loads(frame.data)
                if message.get("type") != "session" or not message["row"]["last_event_at"]:
                    continue
                event = (
                    message["row"]["attempt_id"],
                    datetime.fromisoformat(message["row"]["last_event_at"]),
                )
                posted = self.sent.get(event)
                if posted is not None and event not in matched:
                    matched.add(event)
                    self.latencies.append(time.perf_counter() - posted)

    async def heartbeat(
        self, http: aiohttp.ClientSession, attempt: str, token: str, every: float, until: float
    ) -> None:
        """As the exam page does (these reach the sockets as Last Seen)."""
        await asyncio.sleep(random.uniform(0, every))
        while time.monotonic() < until:
            try:
                async with http.post(
                    f"/api/v1/exam-sessions/{attempt}/heartbeat",
                    headers={"Authorization": f"Bearer {token}"},
                ) as r:
                    await r.read()
                    self.errors += r.status >= 400
            except aiohttp.ClientError:
                self.errors += 1
            await asyncio.sleep(every)

    async def student(
        self,
        http: aiohttp.ClientSession,
        attempt: str,
        token: str,
        interval: float,
        until: float,
    ) -> None:
        await asyncio.sleep(random.uniform(0, interval))
        headers = {"Authorization": f"Bearer {token}"}
        n = 0
        while time.monotonic() < until:
            n += 1
            at = datetime.now(UTC).replace(microsecond=0) + timedelta(microseconds=n)
            body = {
                "events": [
                    {"client_id": f"{attempt[:12]}-{n}", "type": "tab_switch", "at": at.isoformat()}
                ]
            }
            self.sent[(attempt, at)] = time.perf_counter()
            try:
                async with http.post(
                    f"/api/v1/exam-sessions/{attempt}/events", json=body, headers=headers
                ) as r:
                    await r.read()
                    self.answered.append(time.perf_counter() - self.sent[(attempt, at)])
                    self.posted += 1
                    self.errors += r.status >= 400
            except aiohttp.ClientError:
                self.errors += 1
            await asyncio.sleep(interval)


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--students", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument(
        "--interval", type=float, default=10, help="seconds between a student's events"
    )
    parser.add_argument(
        "--heartbeat", type=float, default=15, help="seconds between heartbeats (0: none)"
    )
    parser.add_argument(
        "--redis", default="", help="run the live bus on this Redis (PROCTA_REDIS_URL)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{tmp}/procta.db"
        await asyncio.to_thread(upgrade, url)
        exam_id = await seed(url, args.students)
        key = await api_key(url, exam_id)
        port = 8950 + random.randrange(40)
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "PROCTA_DATA_DIR": tmp,
            "PROCTA_DATABASE_URL": url,
            "PROCTA_DEMO": "1",
            "PROCTA_ACCESS_LOG": "0",
            "PROCTA_REDIS_URL": args.redis,
        }
        server = start(
            [sys.executable, "-m", "procta.cli", "serve", "--port", str(port), "--demo"],
            env,
            Path(tmp) / "server.log",
            ROOT,
        )
        base = f"http://127.0.0.1:{port}"
        watch = Watch()
        try:
            await wait_up(f"{base}/api/v1/health")
            sessions = await join_all(base, exam_id, args.students)
            print(f"{len(sessions)} students joined; measuring for {args.seconds:g} s", flush=True)
            until = time.monotonic() + args.seconds
            sockets = [
                asyncio.create_task(watch.socket(base, key, until + 2)) for _ in range(SOCKETS)
            ]
            await asyncio.sleep(1)  # the sockets are subscribed
            connector = aiohttp.TCPConnector(limit=0)
            async with aiohttp.ClientSession(base_url=base, connector=connector) as http:
                await asyncio.gather(
                    *(watch.student(http, a, t, args.interval, until) for a, t, _ in sessions),
                    *(
                        watch.heartbeat(http, a, t, args.heartbeat, until)
                        for a, t, _ in sessions
                        if args.heartbeat > 0
                    ),
                )
            await asyncio.gather(*sockets)
        finally:
            server.terminate()
            server.wait(10)

    lat = sorted(watch.latencies)
    expected = watch.posted * SOCKETS
    print(
        f"students {args.students}, one event each every {args.interval:g} s, a heartbeat "
        f"every {args.heartbeat:g} s (0: none), {SOCKETS} sockets, "
        f"live bus {'on Redis' if args.redis else 'in process'}"
    )
    rate = watch.posted / args.seconds
    print(f"events posted: {watch.posted} ({rate:.0f}/s), errors: {watch.errors}")
    print(
        f"events seen on the sockets: {len(lat)} of {expected} "
        f"(an event overtaken by the same student's next one before its row went out is "
        f"only seen through that later row)"
    )
    print(
        f"event -> teacher socket: p50 {percentile(lat, 50) * 1000:.0f} ms, "
        f"p99 {percentile(lat, 99) * 1000:.0f} ms (goal p99 < 100 ms)"
    )
    posts = sorted(watch.answered)
    print(
        f"the POST itself: p50 {percentile(posts, 50) * 1000:.0f} ms, "
        f"p99 {percentile(posts, 99) * 1000:.0f} ms"
    )
    print(f"socket messages: {watch.messages / (args.seconds + 2):.0f}/s across {SOCKETS} sockets")
    print(
        f"rerun: .venv/bin/python bench/live.py --students {args.students} "
        f"--seconds {args.seconds:g} --interval {args.interval:g} --heartbeat {args.heartbeat:g}"
        + (f" --redis {args.redis}" if args.redis else "")
    )


if __name__ == "__main__":
    asyncio.run(main())
