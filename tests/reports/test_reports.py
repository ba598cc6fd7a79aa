"""Reports and exports through HTTP: the attempt report's five sections in HTML and PDF,
the exam summary PDF, the CSVs, and the rules' summaries."""

from __future__ import annotations

import asyncio
import csv
import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from procta.students.models import Student
from tests.review.test_appeals import flagged_with_evidence

A = "/api/v1/attempts"


def to_png(pdf: bytes, folder: Path) -> list[Path]:
    """The PDF's pages as PNG, as pdftoppm draws them."""
    (folder / "report.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", str(folder / "report.pdf"), str(folder / "page")],
        check=True,
    )
    return sorted(folder.glob("page*.png"))


async def test_the_attempt_report_has_five_sections_and_the_evidence(
    new_browser: Any, db: Any
) -> None:
    p, _, _ = await flagged_with_evidence(new_browser, db)
    await p.teacher.browser.post(
        f"{A}/{p.attempt_id}/review", json={"status": "declined", "comment": "Left the tab"}
    )
    r = await p.teacher.browser.get(f"{A}/{p.attempt_id}/report.html")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    for section in (
        "Credibility index",
        "Candidate authentication",
        "Webcam evidence",
        "Screen evidence",
        "Flags and timeline",
    ):
        assert section in html
    assert "Declined" in html and "Left the tab" in html and "Tab switch" in html
    assert html.count("data:image/jpeg;base64,") == 1  # the snapshot at the tab switch
    assert "Summary." in html and "2 flags were raised" in html


async def test_the_pdf_renders(new_browser: Any, db: Any, tmp_path: Path) -> None:
    p, _, _ = await flagged_with_evidence(new_browser, db)
    r = await p.teacher.browser.get(f"{A}/{p.attempt_id}/report.pdf")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF") and "attachment" in r.headers["content-disposition"]
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: make chromium installs it")
    pages = await asyncio.to_thread(to_png, r.content, tmp_path)
    assert pages and all(page.stat().st_size > 1000 for page in pages)

    summary = await p.teacher.browser.get(f"/api/v1/exams/{p.exam_id}/report.pdf")
    assert summary.status_code == 200 and summary.content.startswith(b"%PDF")
    assert 'filename="midterm-summary.pdf"' in summary.headers["content-disposition"]


async def test_the_csv_exports_rows_scores_and_decisions(new_browser: Any, db: Any) -> None:
    p, _, _ = await flagged_with_evidence(new_browser, db)
    # A name a spreadsheet would run as a formula is exported as text.
    await db.execute(
        update(Student).where(Student.roll_number == "R000").values(name="=HYPERLINK(1)")
    )
    await p.teacher.browser.post(f"{A}/{p.attempt_id}/review", json={"status": "approved"})
    r = await p.teacher.browser.get(f"/api/v1/exams/{p.exam_id}/results.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="midterm-results.csv"' in r.headers["content-disposition"]
    [row] = list(csv.DictReader(io.StringIO(r.text)))
    assert row["roll_number"] == "R000" and row["name"] == "'=HYPERLINK(1)"
    assert row["status"] == "submitted" and row["integrity"] == "100.0"
    assert row["risk_tier"] == "low" and row["review_status"] == "approved"
    assert (row["flags"], row["flags_confirmed"], row["flags_dismissed"]) == ("2", "0", "1")
    assert row["reviewed_by"].startswith("Teacher")

    flags = await p.teacher.browser.get(f"/api/v1/exams/{p.exam_id}/flags.csv")
    rows = list(csv.DictReader(io.StringIO(flags.text)))
    assert sorted((f["type"], f["decision"]) for f in rows) == [
        ("copy_paste", "dismissed"),
        ("tab_switch", "undecided"),
    ]
    assert next(f for f in rows if f["type"] == "copy_paste")["decided_by"].startswith("Teacher")


async def test_summaries_by_rules(new_browser: Any, db: Any) -> None:
    p, _, _ = await flagged_with_evidence(new_browser, db)
    r = await p.teacher.browser.get(f"{A}/{p.attempt_id}/summary")
    assert r.status_code == 200 and r.json()["source"] == "rules"
    text = r.json()["text"]
    assert "(R000) submitted “Midterm”" in text
    assert "2 flags were raised: Tab switch, Copy, cut or paste." in text
    assert "the reviewer confirmed 0 and dismissed 1" in text and "Not reviewed yet." in text
    assert (await p.teacher.browser.get(f"{A}/{p.attempt_id}/summary")).json()["text"] == text
    exam = (await p.teacher.browser.get(f"/api/v1/exams/{p.exam_id}/summary")).json()
    assert exam["source"] == "rules"
    assert exam["text"].startswith("“Midterm”: 1 attempt, 1 finished.")
    assert "Review: 0 approved, 0 declined, 1 waiting." in exam["text"]


async def test_an_integrator_reads_reports_with_an_api_key(new_browser: Any, db: Any) -> None:
    """An API key's request notes the key's last use (a write) before the slow part of a
    report; the report must still come."""
    p, _, _ = await flagged_with_evidence(new_browser, db)
    made = await p.teacher.browser.post("/api/v1/orgs/current/api-keys", json={"name": "LMS"})
    assert made.status_code == 201, made.text
    lms = new_browser()
    lms.headers["Authorization"] = f"Bearer {made.json()['key']}"
    for path in (
        f"{A}/{p.attempt_id}/report.pdf",
        f"{A}/{p.attempt_id}/report.html",
        f"{A}/{p.attempt_id}/summary",
        f"{A}/{p.attempt_id}/review",
        f"/api/v1/exams/{p.exam_id}/report.pdf",
        f"/api/v1/exams/{p.exam_id}/results.csv",
    ):
        r = await lms.get(path)
        assert r.status_code == 200, (path, r.text)
