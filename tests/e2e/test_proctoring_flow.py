"""Issue 4 end to end: a student passes the device check (camera, microphone, screen),
consents, sends an ID photo and a selfie, calibrates, then switches tab, leaves full screen
and pastes. Each becomes one flag with a webcam snapshot, a toast and a warning-log line,
and the teacher sees the flags through the API.

Chromium runs with its fake camera fed from a real face photo (made into a .y4m video at
test time) and its fake microphone; screen sharing picks the entire screen on its own."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shoot
from tests.e2e.media import pass_setup
from tests.servers import migrated_data_dir, procta_server

pytestmark = pytest.mark.e2e
PASSWORD = "a-sturdy-passphrase-31"
TEACHER = "mira@lakeside.example"
QUESTIONS: list[dict[str, Any]] = [
    {
        "type": "short_answer",
        "stem": "Name the longest river in Africa.",
        "answer": {"accepted": ["Nile"], "match": "case_insensitive"},
    },
    {"type": "true_false", "stem": "Water boils at 100 °C at sea level.", "answer": True},
]


def seed_exam(base: str, *, screen: bool, **settings: Any) -> tuple[httpx.Client, str]:
    """A teacher with a published, proctored exam and one student; the signed-in client."""
    api = httpx.Client(base_url=base, timeout=30)
    body = {"org_name": "Lakeside College", "name": "Mira Okafor", "email": TEACHER}
    r = api.post("/api/v1/auth/signup", json={**body, "password": PASSWORD})
    assert r.status_code == 201, r.text
    api.headers["X-CSRF-Token"] = api.cookies["procta_csrf"]
    ids = []
    for question in QUESTIONS:
        r = api.post("/api/v1/questions", json=question)
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    r = api.post("/api/v1/students", json={"roll_number": "L-007", "name": "Ada Mensah"})
    assert r.status_code == 201, r.text
    exam = {
        "title": "Proctored geography check",
        "duration_minutes": 30,
        "access_code": "LAKE7",
        "screen_recording_required": screen,
        **settings,
    }
    r = api.post("/api/v1/exams", json=exam)
    assert r.status_code == 201, r.text
    exam_id = r.json()["id"]
    r = api.put(
        f"/api/v1/exams/{exam_id}/questions", json={"items": [{"question_id": q} for q in ids]}
    )
    assert r.status_code == 200, r.text
    r = api.patch(f"/api/v1/exams/{exam_id}", json={"status": "published"})
    assert r.status_code == 200, r.text
    return api, exam_id


def warned(page: Any, title: str, name: str) -> None:
    """A toast and a warning-log line, both saying `title`."""
    toast = page.locator(".mantine-Notification-root").filter(has_text=title)
    expect(toast.first).to_be_visible(timeout=10_000)
    log = page.get_by_role("region", name="Warning log")
    expect(log.get_by_role("listitem").filter(has_text=title)).to_have_count(1)
    shoot(page, name)


def flags_of(api: httpx.Client, exam_id: str, want: set[str]) -> dict[str, list[dict[str, Any]]]:
    """The attempt's flags by type, once every wanted type has a flag with a snapshot."""
    r = api.get(f"/api/v1/exams/{exam_id}/attempts")
    assert r.status_code == 200, r.text
    rows = r.json()
    rows = rows["items"] if isinstance(rows, dict) else rows
    attempt_id = rows[0]["attempt_id"] if "attempt_id" in rows[0] else rows[0]["id"]
    deadline = time.monotonic() + 30
    while True:
        r = api.get(f"/api/v1/attempts/{attempt_id}/proctoring")
        assert r.status_code == 200, r.text
        record = r.json()
        by_type: dict[str, list[dict[str, Any]]] = {}
        for flag in record["flags"]:
            by_type.setdefault(flag["type"], []).append(flag)
        if all(t in by_type and all(f["snapshots"] for f in by_type[t]) for t in want):
            return {"record": [record], **by_type}
        assert time.monotonic() < deadline, f"flags so far: {record['flags']}"
        time.sleep(0.5)


def test_setup_then_tab_switch_fullscreen_exit_and_paste_are_flagged(
    media_browser: Any, tmp_path: Path
) -> None:
    data = migrated_data_dir(tmp_path / "data")
    with procta_server(data) as base:
        api, exam_id = seed_exam(base, screen=True)
        context = media_browser.new_context(base_url=base, viewport={"width": 1366, "height": 768})
        page = context.new_page()
        page.goto(f"/take/{exam_id}")
        expect(page.get_by_text("This exam is proctored")).to_be_visible()
        page.get_by_label("Roll number").fill("L-007")
        page.get_by_label("Access code").fill("LAKE7")
        page.get_by_role("button", name="Start exam").click()
        pass_setup(page, screen=True)
        assert page.evaluate("!!document.fullscreenElement")
        shoot(page, "proctor-05-exam")

        # 1. Another tab in front: the exam page is hidden and loses focus.
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setFocusEmulationEnabled", {"enabled": False})
        other = context.new_page()
        other.goto(f"{base}/api/v1/health")
        other.bring_to_front()
        time.sleep(1.5)
        page.bring_to_front()
        other.close()
        warned(page, "Tab switch detected", "proctor-06-tab-switch")

        # 2. Full screen left: a warning, and a button to go back.
        if not page.evaluate("!!document.fullscreenElement"):
            page.get_by_role("button", name="Return to full screen").click()
            page.wait_for_function("!!document.fullscreenElement")
        page.evaluate("document.exitFullscreen()")
        warned(page, "Full screen left", "proctor-07-fullscreen-exit")
        page.get_by_role("button", name="Return to full screen").click()
        page.wait_for_function("!!document.fullscreenElement")
        expect(page.get_by_role("button", name="Return to full screen")).to_have_count(0)

        # 3. Paste into an answer: blocked, reported.
        answer = page.get_by_label("Your answer")
        if not answer.count():
            page.get_by_role("button", name="Next").click()
        answer.click()
        page.evaluate("navigator.clipboard && navigator.clipboard.writeText('Nile')")
        page.keyboard.press("Control+V")
        warned(page, "Copy and paste blocked", "proctor-08-paste")
        expect(answer).to_have_value("")

        # At phone size the warning log sits under the questions.
        page.set_viewport_size({"width": 390, "height": 844})
        expect(page.get_by_role("region", name="Warning log")).to_be_visible()
        shoot(page, "proctor-09-phone")
        page.set_viewport_size({"width": 1366, "height": 768})

        # The teacher sees one flag of each, with its snapshot.
        flags = flags_of(api, exam_id, {"tab_switch", "fullscreen_exit", "copy_paste"})
        record = flags.pop("record")[0]
        for kind in ["tab_switch", "fullscreen_exit", "copy_paste"]:
            assert len(flags[kind]) == 1, flags[kind]
            assert flags[kind][0]["source"] == "browser"
        assert flags["copy_paste"][0]["details"] == {"action": "paste"}
        assert record["consent"] and record["selfie_id"] and record["id_document_id"]
        assert record["cal_status"] in {"ok", "poor"}
        assert record["calibration"]["brightness"] > 20
        kinds = {m["kind"] for m in record["media"]}
        assert {"webcam", "screen", "selfie", "id_document"} <= kinds, kinds
        webcam = next(m for m in record["media"] if m["kind"] == "webcam")
        assert (webcam["width"], webcam["height"]) == (320, 240)
        context.close()
        api.close()
