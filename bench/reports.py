"""Reports and exports over HTTP from one ``procta serve`` process on SQLite: seconds to
render one attempt's PDF report (ID photo, selfie, webcam and screen evidence, a timeline
of flags) and to export the results CSV of an exam with 10,000 attempts.

    .venv/bin/python bench/reports.py                    # 10,000 attempts, 7 runs each
    .venv/bin/python bench/reports.py --attempts 20000 --runs 11

The exam's attempts are written straight into the database (three flags each, some
decided, some reviewed); the reported attempt carries 24 webcam and 8 screen snapshots
made from ../shared/fixtures photos, 12 flags with evidence, and a review. Each figure is
the median of the runs after one warm-up request; the client is on the same machine.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import aiohttp
from PIL import Image, ImageOps
from sqlalchemy import insert

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ingest import start, wait_up  # noqa: E402
from live import api_key  # noqa: E402

from procta.attempts.models import Attempt  # noqa: E402
from procta.db import make_engine, make_sessionmaker, new_id, session_scope, utcnow  # noqa: E402
from procta.exams.models import Exam  # noqa: E402
from procta.migrate import upgrade  # noqa: E402
from procta.orgs.models import Organization  # noqa: E402
from procta.proctoring.models import Flag, Snapshot  # noqa: E402
from procta.storage.files import local_storage  # noqa: E402
from procta.students.models import Student  # noqa: E402

FIXTURES = ROOT.parent / "shared" / "fixtures" / "images"
TYPES = [("tab_switch", "medium"), ("gaze_deviation", "medium"), ("copy_paste", "low")]


def jpeg(photo: Path, size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    ImageOps.fit(Image.open(photo).convert("RGB"), size).save(out, "JPEG", quality=80)
    return out.getvalue()


async def seed(url: str, data_dir: Path, attempts: int) -> tuple[str, str]:
    """An exam with ``attempts`` finished attempts; returns (exam id, reported attempt id)."""
    engine = make_engine(url)
    now = utcnow()
    started = now - timedelta(hours=2)
    async with session_scope(make_sessionmaker(engine)) as s:
        org = Organization(name="Bench School", slug=f"bench-{random.randrange(10**9)}")
        s.add(org)
        await s.flush()
        exam = Exam(org_id=org.id, title="Bench exam", status="published", mode="record_review")
        s.add(exam)
        await s.flush()
        students, rows, flags = [], [], []
        for n in range(attempts):
            student_id, attempt_id = new_id(), new_id()
            students.append(
                {
                    "id": student_id,
                    "org_id": org.id,
                    "roll_number": f"B{n:05d}",
                    "name": f"Student {n}",
                    "created_at": now,
                }
            )
            integrity = round(random.uniform(40, 100), 2)
            rows.append(
                {
                    "id": attempt_id,
                    "org_id": org.id,
                    "exam_id": exam.id,
                    "student_id": student_id,
                    "status": "submitted",
                    "seed": n,
                    "token_hash": f"{n:064x}",
                    "started_at": started,
                    "deadline_at": started + timedelta(hours=1),
                    "began_at": started,
                    "submitted_at": started + timedelta(minutes=50),
                    "score": n % 20,
                    "max_score": 20.0,
                    "integrity": integrity,
                    "risk": 100 - integrity,
                    "score_version": 1,
                    "violations": 3,
                    "cal_status": "ok",
                    "review_status": random.choice(["", "approved", "declined"]),
                    "created_at": now,
                }
            )
            for k, (flag_type, severity) in enumerate(TYPES):
                at = started + timedelta(minutes=5 + 10 * k)
                flags.append(
                    {
                        "id": new_id(),
                        "org_id": org.id,
                        "attempt_id": attempt_id,
                        "type": flag_type,
                        "source": "browser",
                        "started_at": at,
                        "ended_at": at + timedelta(seconds=20),
                        "severity": severity,
                        "confidence": 0.95,
                        "evidence": {},
                        "decision": random.choice(["undecided", "confirmed", "dismissed"]),
                        "created_at": now,
                    }
                )
        for table, values in ((Student, students), (Attempt, rows), (Flag, flags)):
            for i in range(0, len(values), 2000):
                await s.execute(insert(table), values[i : i + 2000])
        reported = await s.get(Attempt, rows[0]["id"])
        assert reported is not None
        storage = local_storage(data_dir)
        photos = sorted(FIXTURES.glob("*.jpg"))

        def media(kind: str, n: int, size: tuple[int, int]) -> Snapshot:
            snap = Snapshot(
                org_id=org.id,
                attempt_id=reported.id,
                client_id=f"{kind}-{n}",
                kind=kind,
                content_type="image/jpeg",
                size=0,
                width=size[0],
                height=size[1],
                taken_at=started + timedelta(minutes=2 * n),
                storage_key=f"{org.id}/{reported.id}/{kind}/{kind}-{n}.jpg",
            )
            data = jpeg(photos[n % len(photos)], size)
            storage.put(snap.storage_key, data)
            snap.size = len(data)
            s.add(snap)
            return snap

        webcam = [media("webcam", n, (320, 240)) for n in range(24)]
        screen = [media("screen", n, (960, 540)) for n in range(8)]
        id_document, selfie = media("id_document", 0, (640, 480)), media("selfie", 1, (640, 480))
        await s.flush()
        reported.id_document_id, reported.selfie_id = id_document.id, selfie.id
        for k in range(12):
            at = started + timedelta(minutes=4 * k + 1)
            s.add(
                Flag(
                    org_id=org.id,
                    attempt_id=reported.id,
                    type=TYPES[k % 3][0],
                    source="ai",
                    started_at=at,
                    ended_at=at + timedelta(seconds=15 * k),
                    severity=TYPES[k % 3][1],
                    confidence=0.5 + k / 30,
                    evidence={"snapshots": [webcam[2 * k].client_id, screen[k % 8].client_id]},
                    decision=["confirmed", "dismissed", "undecided"][k % 3],
                )
            )
        reported.review_status, reported.review_comment = "declined", "Benchmark review"
        reported.verdict = "escalate"
        exam_id, attempt_id = exam.id, reported.id
    await engine.dispose()
    return exam_id, attempt_id


async def timed(http: aiohttp.ClientSession, url: str, runs: int) -> tuple[float, int]:
    """Median seconds of ``runs`` GETs after one warm-up, and the body's size."""
    async with http.get(url) as r:
        body = await r.read()
        if r.status != 200:
            raise RuntimeError(f"{url}: {r.status} {body[:300]!r}")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        async with http.get(url) as r:
            await r.read()
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(body)


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--attempts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--save", type=Path, help="write the PDF report here, to look at it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        url = f"sqlite+aiosqlite:///{tmp}/procta.db"
        await asyncio.to_thread(upgrade, url)
        began = time.perf_counter()
        exam_id, attempt_id = await seed(url, data, args.attempts)
        seeded = time.perf_counter() - began
        key = await api_key(url, exam_id)
        port = 8950 + random.randrange(40)
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "PROCTA_DATA_DIR": tmp,
            "PROCTA_DATABASE_URL": url,
            "PROCTA_DEMO": "1",
            "PROCTA_ACCESS_LOG": "0",
        }
        server = start(
            [sys.executable, "-m", "procta.cli", "serve", "--port", str(port), "--demo"],
            env,
            data / "server.log",
            ROOT,
        )
        base = f"http://127.0.0.1:{port}/api/v1"
        try:
            await wait_up(f"{base}/health")
            headers = {"Authorization": f"Bearer {key}"}
            timeout = aiohttp.ClientTimeout(total=120)
            async with aiohttp.ClientSession(headers=headers, timeout=timeout) as http:
                if args.save:
                    async with http.get(f"{base}/attempts/{attempt_id}/report.pdf") as r:
                        args.save.write_bytes(await r.read())
                pdf, pdf_size = await timed(
                    http, f"{base}/attempts/{attempt_id}/report.pdf", args.runs
                )
                html, _ = await timed(http, f"{base}/attempts/{attempt_id}/report.html", args.runs)
                csv, csv_size = await timed(http, f"{base}/exams/{exam_id}/results.csv", args.runs)
                flags, flags_size = await timed(
                    http, f"{base}/exams/{exam_id}/flags.csv", args.runs
                )
        finally:
            server.terminate()
            server.wait(10)
    print(f"seeded {args.attempts:,} attempts and {args.attempts * 3:,} flags in {seeded:.1f} s")
    print(f"{'request':<34}{'median s':>10}{'size':>12}{'goal':>10}")
    for name, seconds, size, goal in (
        ("attempt report.pdf", pdf, pdf_size, "< 1 s"),
        ("attempt report.html", html, 0, ""),
        (f"results.csv ({args.attempts:,} attempts)", csv, csv_size, "< 2 s"),
        (f"flags.csv ({args.attempts * 3:,} flags)", flags, flags_size, ""),
    ):
        shown = f"{size / 1024:.0f} KB" if size else ""
        print(f"{name:<34}{seconds:>10.3f}{shown:>12}{goal:>10}")
    print(f"rerun: .venv/bin/python bench/reports.py --attempts {args.attempts} --runs {args.runs}")


if __name__ == "__main__":
    asyncio.run(main())
