"""Issue 6 end to end: a teacher watches the Live Sessions page while a student (fake
camera) writes the exam in another browser context. The student switches tab and the
teacher's table shows it at once (streamed, no polling); the teacher warns and pauses, the
student sees the notice and a covered exam; they chat both ways; the teacher resumes and
then ends the attempt, and the student sees why."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shoot
from tests.e2e.media import pass_setup
from tests.e2e.test_proctoring_flow import PASSWORD, TEACHER, seed_exam
from tests.servers import migrated_data_dir, procta_server

pytestmark = pytest.mark.e2e
STUDENT = "Ada Mensah"


def sign_in(page: Any) -> None:
    page.goto("/signin")
    page.get_by_label("Email").fill(TEACHER)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile("/dashboard"))


def act(teacher: Any, item: str) -> None:
    teacher.get_by_role("button", name=re.compile(f"^Actions for {STUDENT}")).click()
    teacher.get_by_role("menuitem", name=item).click()


def test_teacher_watches_warns_pauses_chats_and_ends_a_live_attempt(
    media_browser: Any, tmp_path: Path
) -> None:
    data = migrated_data_dir(tmp_path / "data")
    with procta_server(data) as base:
        _, exam_id = seed_exam(base, screen=False)
        size = {"width": 1366, "height": 768}
        student = media_browser.new_context(base_url=base, viewport=size).new_page()
        teacher = media_browser.new_context(base_url=base, viewport=size).new_page()

        sign_in(teacher)
        teacher.goto(f"/exams/{exam_id}/live")
        expect(teacher.get_by_text("Streaming")).to_be_visible()
        table = teacher.get_by_role("table", name="Live sessions")
        expect(table.get_by_text("Nobody has started this exam yet")).to_be_visible()

        student.goto(f"/take/{exam_id}")
        student.get_by_label("Roll number").fill("L-007")
        student.get_by_label("Access code").fill("LAKE7")
        student.get_by_role("button", name="Start exam").click()
        pass_setup(student, screen=False, name="live-student")
        # The new attempt appears on the teacher's page without a reload.
        row = table.get_by_role("row").filter(has_text=STUDENT)
        expect(row).to_be_visible(timeout=5_000)
        shoot(teacher, "live-01-table")

        # The student switches tab: the teacher's row says so within a second or two.
        context = student.context
        context.new_cdp_session(student).send(
            "Emulation.setFocusEmulationEnabled", {"enabled": False}
        )
        other = context.new_page()
        other.goto(f"{base}/api/v1/health")
        other.bring_to_front()
        time.sleep(1.0)
        student.bring_to_front()
        other.close()
        expect(row.get_by_text("Tab switch")).to_be_visible(timeout=2_000)
        expect(teacher.get_by_text("Left the exam tab").first).to_be_visible()
        shoot(teacher, "live-02-tab-switch")

        # Warn: a blocking notice the student must acknowledge.
        act(teacher, "Warn…")
        dialog = teacher.get_by_role("dialog", name=f"Warn {STUDENT}")
        dialog.get_by_label("Message to the student").fill("Stay on the exam page, please.")
        dialog.get_by_role("button", name="Send warning").click()
        notice = student.get_by_role("dialog", name="Message from your proctor")
        expect(notice.get_by_text("Stay on the exam page, please.")).to_be_visible(timeout=5_000)
        shoot(student, "live-03-warning")
        notice.get_by_role("button", name="I understand").click()
        expect(notice).to_have_count(0)

        # Pause: the student's exam is covered and the clock stops.
        act(teacher, "Pause")
        expect(row.get_by_text(re.compile("paused", re.I))).to_be_visible(timeout=5_000)
        expect(student.get_by_role("alertdialog", name="Exam paused")).to_be_visible(timeout=5_000)
        clock = student.get_by_text(re.compile(r"^\d+:\d\d$")).first
        frozen = clock.inner_text()
        time.sleep(2.2)
        assert clock.inner_text() == frozen
        shoot(student, "live-04-paused")

        # Chat both ways.
        row.get_by_role("button", name=STUDENT, exact=True).click()
        drawer = teacher.get_by_role("dialog", name=re.compile(f"^{STUDENT}"))
        drawer.get_by_role("tab", name=re.compile("^Chat")).click()
        drawer.get_by_label(f"Message to {STUDENT}").fill("I paused your exam for a moment.")
        drawer.get_by_role("button", name="Send", exact=True).click()
        chat_button = student.get_by_role("button", name=re.compile("^Chat with proctor, 1 unread"))
        expect(chat_button).to_be_visible(timeout=5_000)
        chat_button.click()
        expect(student.get_by_text("I paused your exam for a moment.")).to_be_visible()
        student.get_by_label("Message to the proctor").fill("OK, I am here.")
        student.get_by_role("button", name="Send").click()
        expect(drawer.get_by_text("OK, I am here.")).to_be_visible(timeout=5_000)
        shoot(teacher, "live-05-chat")
        student.keyboard.press("Escape")

        # Resume, then end with a reason.
        drawer.get_by_role("button", name="Resume", exact=True).click()
        expect(student.get_by_role("alertdialog", name="Exam paused")).to_have_count(
            0, timeout=5_000
        )
        drawer.get_by_role("button", name="End", exact=True).click()
        end = teacher.get_by_role("dialog", name=re.compile(f"^End {STUDENT}"))
        end.get_by_label("Reason").fill("A second person was in the room.")
        end.get_by_role("button", name="End attempt…").click()
        end.get_by_role("button", name="Yes, end the attempt").click()
        expect(student.get_by_text("Your proctor ended this exam")).to_be_visible(timeout=10_000)
        expect(student.get_by_text("A second person was in the room.")).to_be_visible()
        shoot(student, "live-06-ended")
        expect(row.get_by_text(re.compile("terminated", re.I))).to_be_visible(timeout=5_000)
