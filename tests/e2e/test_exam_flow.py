"""Issue 3 end to end: a teacher builds an exam from the bank in the browser; a student
joins, answers, loses the network for 20 s, reloads the tab, sees the same questions and
answers (also across a server restart), submits; the teacher sees the graded result."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from tests.conftest import free_port
from tests.e2e.conftest import shoot
from tests.e2e.media import pass_setup
from tests.servers import migrated_data_dir, procta_server


def resume(page: Any) -> None:
    """After a reload the exam waits for a click: only a user's gesture re-enters full
    screen."""
    page.get_by_role("button", name="Continue the exam").click()


pytestmark = pytest.mark.e2e
PASSWORD = "a-sturdy-passphrase-31"
TEACHER = "rosa@harbour.example"
EXAM_TITLE = "Geography and science check"
QUESTIONS: list[dict[str, Any]] = [
    {
        "type": "single_choice",
        "stem": "Which planet is closest to the Sun?",
        "options": [
            {"id": "a", "text": "Venus"},
            {"id": "b", "text": "Mercury"},
            {"id": "c", "text": "Mars"},
        ],
        "answer": "b",
        "points": 2,
        "tags": ["astronomy"],
    },
    {
        "type": "true_false",
        "stem": "Light travels faster than sound.",
        "answer": True,
        "tags": ["physics"],
    },
    {
        "type": "short_answer",
        "stem": "Name the largest ocean on Earth.",
        "answer": {"accepted": ["Pacific", "Pacific Ocean"], "match": "case_insensitive"},
        "tags": ["geography"],
    },
    {
        "type": "numeric",
        "stem": "How many minutes are in 2.5 hours?",
        "answer": {"value": 150, "tolerance": 0},
        "tags": ["arithmetic"],
    },
]
ANSWERS = {  # what the student does for each stem
    "Which planet is closest to the Sun?": ("radio", "Mercury"),
    "Light travels faster than sound.": ("radio", "True"),
    "Name the largest ocean on Earth.": ("text", "pacific"),
    "How many minutes are in 2.5 hours?": ("text", "150"),
}


def seed_bank(base: str) -> None:
    """The bank and roster the teacher already has (their own pages are tested elsewhere)."""
    with httpx.Client(base_url=base) as api:
        body = {"org_name": "Harbour High", "name": "Rosa Diaz", "email": TEACHER}
        r = api.post("/api/v1/auth/signup", json={**body, "password": PASSWORD})
        assert r.status_code == 201, r.text
        api.headers["X-CSRF-Token"] = api.cookies["procta_csrf"]
        for question in QUESTIONS:
            r = api.post("/api/v1/questions", json=question)
            assert r.status_code == 201, r.text
        r = api.post("/api/v1/students", json={"roll_number": "H-042", "name": "Noor Haddad"})
        assert r.status_code == 201, r.text


def question_texts(page: Any, count: int) -> list[str]:
    """The stems in the order this student sees them, read by walking the navigator."""
    stems = []
    nav = page.get_by_role("navigation", name="Questions")
    for n in range(1, count + 1):
        nav.get_by_role("button", name=re.compile(rf"^Question {n}\b")).click()
        heading = page.get_by_role("heading", name=f"Question {n} of {count}")
        expect(heading).to_be_visible()
        section = page.locator("section", has=heading)
        stems.append(next(s for s in ANSWERS if s in section.inner_text()))
    return stems


def answer(page: Any, stem: str) -> None:
    kind, value = ANSWERS[stem]
    if kind == "radio":
        page.get_by_role("radiogroup", name=stem).get_by_label(value, exact=True).check()
    else:
        page.get_by_label("Your answer").fill(value)


def go_to(page: Any, n: int, count: int) -> None:
    nav = page.get_by_role("navigation", name="Questions")
    nav.get_by_role("button", name=re.compile(rf"^Question {n}\b")).click()
    expect(page.get_by_role("heading", name=f"Question {n} of {count}")).to_be_visible()


def saved(page: Any) -> None:
    expect(page.get_by_role("status").filter(has_text=re.compile("^Saved"))).to_be_visible(
        timeout=15_000
    )


def test_teacher_builds_student_takes_offline_reload_restart_submit(
    media_browser: Any, tmp_path: Path
) -> None:
    data = migrated_data_dir(tmp_path / "data")
    port = free_port()
    with procta_server(data, port) as base:
        seed_bank(base)
        teacher = media_browser.new_context(base_url=base, viewport={"width": 1366, "height": 768})
        tpage = teacher.new_page()
        exam_id = build_exam_in_the_browser(tpage)

        student = media_browser.new_context(base_url=base, viewport={"width": 1366, "height": 768})
        page = student.new_page()
        page.goto(f"/take/{exam_id}")
        expect(page.get_by_role("heading", name=EXAM_TITLE)).to_be_visible()
        shoot(page, "exam-01-join")
        page.get_by_label("Roll number").fill("H-042")
        page.get_by_label("Access code").fill("TIDE42")
        page.get_by_role("button", name="Start exam").click()
        pass_setup(page, screen=False, name="exam-setup")
        expect(page.get_by_role("heading", name="Question 1 of 4")).to_be_visible()
        expect(page.get_by_role("timer")).to_be_visible()
        order = question_texts(page, 4)
        assert sorted(order) == sorted(ANSWERS)
        go_to(page, 1, 4)
        answer(page, order[0])
        saved(page)
        shoot(page, "exam-02-answered")

        # The network drops for 20 s: answers stay on the device, the tab is reloaded.
        student.set_offline(True)
        go_to(page, 2, 4)
        answer(page, order[1])
        expect(page.get_by_text(re.compile("offline|connection", re.I)).first).to_be_visible()
        shoot(page, "exam-03-offline")
        time.sleep(20)
        student.set_offline(False)
        page.reload()
        resume(page)
        expect(page.get_by_role("heading", name=re.compile(r"Question \d of 4"))).to_be_visible()
        assert question_texts(page, 4) == order
        assert_answered(page, order[:2])
        saved(page)

    # The server goes down mid-exam: the student keeps answering; it comes back.
    go_to(page, 3, 4)
    answer(page, order[2])
    with procta_server(data, port):
        saved(page)
        page.reload()
        resume(page)
        assert question_texts(page, 4) == order
        assert_answered(page, order[:3])
        go_to(page, 4, 4)
        answer(page, order[3])
        saved(page)
        page.get_by_role("button", name="Submit exam").click()
        page.get_by_role("button", name="Yes, submit").click()
        expect(page.get_by_role("heading", name="Submitted")).to_be_visible()
        shoot(page, "exam-04-submitted")

        tpage.goto(f"/exams/{exam_id}/results")
        row = tpage.get_by_role("row").filter(has_text="H-042")
        expect(row).to_contain_text("Noor Haddad")
        expect(row).to_contain_text("100")
        shoot(tpage, "exam-05-results")


def assert_answered(page: Any, stems: list[str]) -> None:
    """The answers given before (for these stems, in the order seen) are shown again."""
    for n, stem in enumerate(stems, start=1):
        go_to(page, n, 4)
        kind, value = ANSWERS[stem]
        if kind == "radio":
            expect(
                page.get_by_role("radiogroup", name=stem).get_by_label(value, exact=True)
            ).to_be_checked()
        else:
            expect(page.get_by_label("Your answer")).to_have_value(value)


def build_exam_in_the_browser(page: Any) -> str:
    """Sign in, create the exam with its access code, add the whole bank, publish it;
    return its id."""
    page.goto("/signin")
    page.get_by_label("Email").fill(TEACHER)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Exams").click()
    page.get_by_role("link", name="New exam").click()
    page.get_by_label("Title").fill(EXAM_TITLE)
    page.get_by_label("Duration (minutes)").fill("20")
    page.get_by_label("Access code").fill("TIDE42")
    page.get_by_role("button", name="Create exam").click()

    page.get_by_role("button", name="Add from bank").click()
    adds = page.get_by_role("dialog").get_by_role("button", name=re.compile("^Add: "))
    expect(adds).to_have_count(len(QUESTIONS))
    for _ in QUESTIONS:
        adds.first.click()
    page.get_by_role("dialog").get_by_role("button", name="Done").click()
    page.get_by_role("button", name="Save questions").click()
    expect(page.get_by_text("All questions saved.")).to_be_visible()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_role("button", name="Unpublish")).to_be_visible()
    shoot(page, "exam-00-built")
    found = re.search(r"/exams/([0-9a-f]+)", page.url)
    assert found, page.url
    return found.group(1)
