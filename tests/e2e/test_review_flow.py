"""Issue 7 end to end: a student sits a record & review exam in Chromium (fake camera fed
from a real face, the screen shared) and the page uploads the webcam and screen recordings
in chunks; after submission a reviewer opens the packet, seeks the screen video and the
webcam follows, adds a warning, confirms the AI alert, declines; the PDF report renders and
is kept as PNG pages in test-artifacts/ for people to look at."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from procta.db import new_id
from tests.e2e.conftest import ARTIFACTS, shoot
from tests.e2e.media import pass_setup
from tests.e2e.test_proctoring_flow import PASSWORD, TEACHER, seed_exam
from tests.servers import migrated_data_dir, procta_server

pytestmark = pytest.mark.e2e
RECORD_S = 13  # one whole 10 s chunk and the tail at submit


def recordings_of(data: Path, attempt_id: str) -> list[tuple[str, int, int]]:
    with sqlite3.connect(data / "procta.db") as db:
        rows = db.execute(
            "SELECT kind, chunks, size FROM recordings WHERE attempt_id = ? ORDER BY kind",
            (attempt_id,),
        )
        return list(rows)


def webcam_analysed(data: Path, attempt_id: str) -> bool:
    with sqlite3.connect(data / "procta.db") as db:
        rows = db.execute(
            "SELECT analysis FROM recordings WHERE attempt_id = ? AND kind = 'webcam'",
            (attempt_id,),
        )
        return all('"frames"' in (analysis or "") for (analysis,) in rows)


def add_ai_flag(data: Path, attempt_id: str, org_id: str, at: datetime) -> str:
    """An AI alert to decide: the fake camera shows one still, frontal face, so the
    analysis raises nothing by itself."""
    flag_id = new_id()
    stamp = at.strftime("%Y-%m-%d %H:%M:%S.%f")
    with sqlite3.connect(data / "procta.db") as db:
        db.execute(
            "INSERT INTO flags (id, org_id, attempt_id, type, source, started_at, ended_at,"
            " open, event_count, confidence, severity, evidence, decision, comment, created_at)"
            " VALUES (?, ?, ?, 'gaze_deviation', 'ai', ?, ?, 0, 3, 0.72, 'medium', '{}',"
            " 'undecided', '', ?)",
            (flag_id, org_id, attempt_id, stamp, stamp, stamp),
        )
    return flag_id


def test_a_recorded_attempt_is_reviewed_and_declined(media_browser: Any, tmp_path: Path) -> None:
    data = migrated_data_dir(tmp_path / "data")
    with procta_server(data) as base:
        api, exam_id = seed_exam(base, screen=True, mode="record_review")
        org_id = api.get("/api/v1/orgs/current").json()["id"]
        student = media_browser.new_context(base_url=base, viewport={"width": 1366, "height": 768})
        page = student.new_page()
        page.goto(f"/take/{exam_id}")
        page.get_by_label("Roll number").fill("L-007")
        page.get_by_label("Access code").fill("LAKE7")
        page.get_by_role("button", name="Start exam").click()
        pass_setup(page, screen=True, name="review-student")
        time.sleep(RECORD_S)
        page.get_by_role("button", name="Submit").first.click()
        page.get_by_role("dialog").get_by_role("button", name="Submit").click()
        expect(page.get_by_role("heading", name="Submitted")).to_be_visible(timeout=30_000)
        attempt_id = api.get(f"/api/v1/exams/{exam_id}/attempts").json()["items"][0]["attempt_id"]
        recorded = recordings_of(data, attempt_id)
        assert [kind for kind, _, _ in recorded] == ["screen", "webcam"], recorded
        assert all(chunks >= 2 and size > 10_000 for _, chunks, size in recorded), recorded
        student.close()
        # After submission the jobs join both recordings for playback and analyse the
        # webcam one at a frame a second.
        joined = data / "media" / org_id / attempt_id / "recordings"
        deadline = time.monotonic() + 90
        while not (
            (joined / "webcam.play.json").exists()
            and (joined / "screen.play.json").exists()
            and webcam_analysed(data, attempt_id)
        ):
            assert time.monotonic() < deadline, sorted(p.name for p in joined.iterdir())
            time.sleep(0.5)

        packet = api.get(f"/api/v1/attempts/{attempt_id}/review").json()
        assert {r["kind"] for r in packet["recordings"]} == {"webcam", "screen"}
        assert all(r["duration_s"] >= RECORD_S - 4 for r in packet["recordings"]), packet
        zero = datetime.fromisoformat(packet["timeline_start"])
        ai_flag = add_ai_flag(data, attempt_id, org_id, zero.astimezone(UTC) + timedelta(seconds=5))

        reviewer = media_browser.new_context(base_url=base, viewport={"width": 1440, "height": 900})
        page = reviewer.new_page()
        page.goto("/signin")
        page.get_by_label("Email").fill(TEACHER)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/dashboard")
        page.goto("/review")
        expect(page.get_by_text("Ada Mensah")).to_be_visible()
        shoot(page, "review-01-queue")
        page.get_by_text("Ada Mensah").click()
        page.wait_for_url(f"**/review/{attempt_id}")
        webcam = page.get_by_label("Webcam recording")
        screen = page.get_by_label("Screen recording")
        expect(webcam).to_be_visible()
        expect(screen).to_be_visible()
        page.wait_for_function(
            "[...document.querySelectorAll('video')].every(v => v.readyState >= 1)"
        )
        shoot(page, "review-02-packet")

        # Seek the screen video: the webcam follows on the same timeline.
        offsets = {r["kind"]: r["offset_s"] for r in packet["recordings"]}
        screen.evaluate("v => { v.currentTime = 7 }")
        page.wait_for_function(
            "([w, s]) => Math.abs(document.querySelector('video[aria-label=\"Webcam recording\"]')"
            ".currentTime - (7 + s - w)) < 0.5",
            arg=[offsets["webcam"], offsets["screen"]],
        )
        # And the timeline's play button plays both together.
        page.get_by_role("button", name="Play").click()
        page.wait_for_function(
            "[...document.querySelectorAll('video')].every(v => !v.paused)", timeout=5_000
        )
        page.get_by_role("button", name="Pause").click()
        page.wait_for_function("[...document.querySelectorAll('video')].every(v => v.paused)")

        # A warning at the current moment, with a comment.
        page.get_by_role("button", name="Add warning").click()
        dialog = page.get_by_role("dialog")
        dialog.get_by_label("Comment").fill("Looks away to the left for a long time")
        dialog.get_by_role("button", name="Save warning").click()
        log = page.get_by_role("table", name="Session log")
        expect(log.get_by_text("Looks away to the left for a long time")).to_be_visible()

        # Confirm the AI alert.
        page.get_by_role("button", name="Confirm Gaze deviation").first.click()
        expect(page.get_by_role("button", name="Confirm Gaze deviation")).to_have_count(0)
        shoot(page, "review-03-decided")

        # Declined, with a comment, and Send.
        page.get_by_label("Declined").check()
        page.get_by_label("Comment").fill("Reads from a second screen")
        page.get_by_role("button", name="Send").click()
        expect(page.get_by_text(re.compile("Next session|Queue is empty")).first).to_be_visible()
        shoot(page, "review-04-sent")

        after = api.get(f"/api/v1/attempts/{attempt_id}/review").json()
        assert after["review"]["status"] == "declined"
        assert after["review"]["comment"] == "Reads from a second screen"
        flags = {f["id"]: f for f in after["proctoring"]["flags"]}
        assert flags[ai_flag]["decision"] == "confirmed"
        warnings = [f for f in flags.values() if f["type"] == "proctor_warning"]
        assert [w["comment"] for w in warnings] == ["Looks away to the left for a long time"]
        assert after["proctoring"]["scores"]["verdict"] == "escalate"

        pdf = api.get(f"/api/v1/attempts/{attempt_id}/report.pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "review-report.pdf").write_bytes(pdf.content)
        assert shutil.which("pdftoppm"), "pdftoppm (poppler-utils) is needed: make chromium"
        report = str(ARTIFACTS / "review-report")
        subprocess.run(["pdftoppm", "-png", "-r", "70", f"{report}.pdf", report], check=True)
        pages = sorted(ARTIFACTS.glob("review-report-*.png"))
        assert pages and all(p.stat().st_size > 5_000 for p in pages)
        reviewer.close()
