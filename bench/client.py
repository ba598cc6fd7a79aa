"""The student's exam client under proctoring: CPU and upload over a sitting.

Starts its own ``procta serve`` on a temporary data dir, creates a proctored exam (auto
mode) through the API, and drives headless Chromium with its fake camera (fed from a real
face photo from ../shared/fixtures when present) and fake microphone through the device
check, consent, ID and selfie, calibration and into the exam. Then it measures, over
``--seconds`` of the exam with an answer typed every 10 s:

- CPU, as % of one core: the page's main thread (CDP ``Performance.getMetrics``
  TaskDuration), the renderer process (/proc, all its threads: JS, compositing, audio), and
  every Chromium process (/proc; includes the fake camera producing frames, which a real
  camera does not cost the browser);
- upload, in kbps: the bodies the page POSTs and PUTs to /api/v1 (snapshots, events,
  answers, heartbeats), headers not counted.

    .venv/bin/python bench/client.py                 # 60 s, webcam + microphone
    .venv/bin/python bench/client.py --screen        # the exam also records the screen
    .venv/bin/python bench/client.py --seconds 120

Goals: CPU < 10 % of one core (renderer), upload < 150 kbps.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from procta.migrate import upgrade  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FACE = ROOT.parent / "shared" / "fixtures" / "images" / "webcam_frontal.jpg"
CPU_GOAL, UPLOAD_GOAL = 10.0, 150.0
TICK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def face_video(photo: Path, out: Path, frames: int = 30) -> Path:
    """A 640x480 10 fps Y4M of the photo, drifting a few pixels per frame."""
    from PIL import Image, ImageOps

    w, h = 640, 480
    base = ImageOps.fit(Image.open(photo).convert("RGB"), (w + 16, h + 16))
    with out.open("wb") as f:
        f.write(f"YUV4MPEG2 W{w} H{h} F10:1 Ip A1:1 C420jpeg\n".encode())
        for n in range(frames):
            d = 4 + round(4 * ((n % 10) / 10))
            y, cb, cr = base.crop((d, d, d + w, d + h)).convert("YCbCr").split()
            f.write(b"FRAME\n" + y.tobytes())
            for plane in (cb, cr):
                f.write(plane.resize((w // 2, h // 2), Image.Resampling.BILINEAR).tobytes())
    return out


def seed(base: str, screen: bool) -> str:
    with httpx.Client(base_url=base, timeout=30) as api:
        who = {"org_name": "Bench College", "name": "Bench Teacher", "email": "b@bench.example"}
        r = api.post("/api/v1/auth/signup", json={**who, "password": "a-sturdy-passphrase-31"})
        if r.status_code != 201:
            raise RuntimeError(f"signup failed: {r.text}")
        api.headers["X-CSRF-Token"] = api.cookies["procta_csrf"]
        q = api.post(
            "/api/v1/questions",
            json={"type": "short_answer", "stem": "Type anything.", "answer": {"accepted": ["x"]}},
        )
        q.raise_for_status()
        api.post("/api/v1/students", json={"roll_number": "B-1", "name": "Bench Student"})
        exam = {"title": "Bench exam", "duration_minutes": 120, "screen_recording_required": screen}
        r = api.post("/api/v1/exams", json=exam)
        r.raise_for_status()
        exam_id: str = r.json()["id"]
        items = {"items": [{"question_id": q.json()["id"]}]}
        api.put(f"/api/v1/exams/{exam_id}/questions", json=items).raise_for_status()
        api.patch(f"/api/v1/exams/{exam_id}", json={"status": "published"}).raise_for_status()
        return exam_id


def proc_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def chromium_tree(marker: str) -> tuple[list[int], list[int]]:
    """(every process of the Chromium launched with `marker` in its command line, its
    renderers)."""
    parents: dict[int, int] = {}
    cmd: dict[int, str] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            parents[int(d.name)] = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            cmd[int(d.name)] = (d / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
    roots = {p for p, c in cmd.items() if marker in c and "--type=" not in c}
    tree = set(roots)
    grew = True
    while grew:
        grew = False
        for p, parent in parents.items():
            if parent in tree and p not in tree:
                tree.add(p)
                grew = True
    renderers = [p for p in tree if "--type=renderer" in cmd.get(p, "")]
    return sorted(tree), renderers


def cpu_of(pids: list[int]) -> float:
    total = 0.0
    for p in pids:
        with contextlib.suppress(OSError):  # a process that ended meanwhile
            total += proc_cpu(p)
    return total


def pass_setup(page: Any, screen: bool) -> None:
    from playwright.sync_api import expect

    expect(page.get_by_role("heading", name="Check your device")).to_be_visible(timeout=20_000)
    if screen:
        page.get_by_role("button", name="Share screen").click()
    expect(page.get_by_role("button", name="Continue")).to_be_enabled(timeout=20_000)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("I agree to be recorded as described above").check()
    page.get_by_role("button", name="Agree and continue").click()
    for region, button in [
        ("Photo of your ID", "Take ID photo"),
        ("Photo of your face", "Take selfie"),
    ]:
        section = page.get_by_role("region", name=region)
        section.get_by_role("button", name=button).click()
        section.get_by_role("button", name="Use this photo").click()
        expect(section.get_by_text("Sent")).to_be_visible()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Start calibration").click()
    expect(page.get_by_text(re.compile("^Calibration (done|is poor)$"))).to_be_visible(
        timeout=20_000
    )
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Start the exam").click()
    expect(page.get_by_role("heading", name=re.compile(r"Question 1 of"))).to_be_visible()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--screen", action="store_true", help="the exam records the screen")
    args = parser.parse_args()
    if not (ROOT / "web" / "dist" / "index.html").exists():
        sys.exit("build the front end first: cd web && npx vite build")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="procta-client-bench-") as tmp:
        url = f"sqlite+aiosqlite:///{tmp}/procta.db"
        upgrade(url)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "PROCTA_DATA_DIR": tmp,
            "PROCTA_DATABASE_URL": url,
            "PROCTA_PUBLIC_URL": base,
            "PROCTA_DEMO": "1",
        }
        log = open(f"{tmp}/server.log", "wb")  # noqa: SIM115 - lives as long as the server
        server = subprocess.Popen(
            [sys.executable, "-m", "procta.cli", "serve", "--port", str(port), "--demo"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            for _ in range(150):
                try:
                    if httpx.get(f"{base}/api/v1/health").status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.2)
            exam_id = seed(base, args.screen)
            marker = f"{tmp}/face.y4m"
            fake = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
            if FACE.exists():
                face_video(FACE, Path(marker))
                fake.append(f"--use-file-for-fake-video-capture={marker}")
                source = f"fake camera fed from {FACE.name}"
            else:
                fake.append(f"--user-data-dir={marker}")  # marks the process tree only
                source = "Chromium's built-in fake camera (../shared not found)"
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path=CHROMIUM,
                    args=[
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--auto-select-desktop-capture-source=Entire screen",
                        "--autoplay-policy=no-user-gesture-required",
                        *fake,
                    ],
                )
                context = browser.new_context(
                    base_url=base, viewport={"width": 1366, "height": 768}
                )
                page = context.new_page()
                page.goto(f"/take/{exam_id}")
                page.get_by_label("Roll number").fill("B-1")
                page.get_by_role("button", name="Start exam").click()
                pass_setup(page, args.screen)

                sent = {"bytes": 0, "requests": 0, "on": False}

                def on_request(req: Any) -> None:
                    if sent["on"] and req.method in ("POST", "PUT") and "/api/v1/" in req.url:
                        sent["bytes"] += len(req.post_data_buffer or b"")
                        sent["requests"] += 1

                page.on("request", on_request)
                cdp = context.new_cdp_session(page)
                cdp.send("Performance.enable", {"timeDomain": "timeTicks"})

                def task_seconds() -> float:
                    metrics = cdp.send("Performance.getMetrics")["metrics"]
                    return float(next(m["value"] for m in metrics if m["name"] == "TaskDuration"))

                time.sleep(3)  # settle after the start (first snapshots, flushes)
                tree, renderers = chromium_tree(marker)
                task0, rend0, all0 = task_seconds(), cpu_of(renderers), cpu_of(tree)
                sent["on"] = True
                started = time.monotonic()
                answer = page.get_by_label("Your answer")
                n = 0
                while time.monotonic() - started < args.seconds:
                    n += 1
                    answer.fill(f"answer {n}")
                    time.sleep(min(10.0, max(0.0, args.seconds - (time.monotonic() - started))))
                elapsed = time.monotonic() - started
                sent["on"] = False
                task1, rend1, all1 = task_seconds(), cpu_of(renderers), cpu_of(tree)
                browser.close()

            page_cpu = 100 * (task1 - task0) / elapsed
            rend_cpu = 100 * (rend1 - rend0) / elapsed
            all_cpu = 100 * (all1 - all0) / elapsed
            kbps = sent["bytes"] * 8 / 1000 / elapsed
            print(f"student client, {elapsed:.0f} s of an auto-mode exam, {source}")
            print(f"screen recorded: {'yes' if args.screen else 'no'}")
            print(f"CPU, page main thread (TaskDuration): {page_cpu:5.1f} % of one core")
            print(
                f"CPU, renderer process (/proc):        {rend_cpu:5.1f} % of one core"
                f"  (goal < {CPU_GOAL:.0f} %: {'met' if rend_cpu < CPU_GOAL else 'MISSED'})"
            )
            print(f"CPU, all Chromium processes (/proc):  {all_cpu:5.1f} % of one core")
            print(
                f"upload: {kbps:.1f} kbps in {sent['requests']} requests, {sent['bytes']} bytes"
                f"  (goal < {UPLOAD_GOAL:.0f} kbps: {'met' if kbps < UPLOAD_GOAL else 'MISSED'})"
            )
            rerun = f"--seconds {args.seconds:g}" + (" --screen" if args.screen else "")
            print(f"rerun: .venv/bin/python bench/client.py {rerun}")
        finally:
            server.terminate()
            server.wait(10)
            log.close()


if __name__ == "__main__":
    main()
