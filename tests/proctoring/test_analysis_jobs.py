"""The analysis runs as a job in a real server: a snapshot uploaded by the student's client
becomes an AI flag the teacher sees, without anyone asking for it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.servers import migrated_data_dir, procta_server
from tests.vision.fixtures import require_fixtures

pytestmark = pytest.mark.slow
PASSWORD = "a-sturdy-passphrase-31"


def proctored_attempt(api: httpx.Client) -> tuple[str, httpx.Client]:
    """A teacher (``api``, signed in) with a published exam; a joined, consenting student."""
    body = {"org_name": "Jobs School", "name": "Ines Ferro", "email": "ines@jobs.example"}
    assert api.post("/api/v1/auth/signup", json={**body, "password": PASSWORD}).is_success
    api.headers["X-CSRF-Token"] = api.cookies["procta_csrf"]
    question = {"type": "true_false", "stem": "The sky is blue.", "answer": True}
    qid = api.post("/api/v1/questions", json=question).json()["id"]
    assert api.post("/api/v1/students", json={"roll_number": "J-1", "name": "Jo"}).is_success
    exam = api.post("/api/v1/exams", json={"title": "Jobs", "duration_minutes": 30}).json()
    api.put(f"/api/v1/exams/{exam['id']}/questions", json={"items": [{"question_id": qid}]})
    api.patch(f"/api/v1/exams/{exam['id']}", json={"status": "published"}).raise_for_status()
    student = httpx.Client(base_url=str(api.base_url), timeout=30)
    joined = student.post(
        "/api/v1/exam-sessions", json={"exam_id": exam["id"], "roll_number": "J-1"}
    ).json()
    student.headers["Authorization"] = f"Bearer {joined['token']}"
    url = f"/api/v1/exam-sessions/{joined['attempt_id']}"
    student.post(f"{url}/consent", json={"accept": True}).raise_for_status()
    return joined["attempt_id"], student


def test_an_uploaded_snapshot_is_analysed_by_the_job(tmp_path: Path) -> None:
    photo = (require_fixtures() / "images" / "obama_and_biden_side_by_side.jpg").read_bytes()
    data = migrated_data_dir(tmp_path / "data")
    with procta_server(data) as base, httpx.Client(base_url=base, timeout=30) as api:
        attempt_id, student = proctored_attempt(api)
        r = student.post(
            f"/api/v1/exam-sessions/{attempt_id}/snapshots?kind=webcam&client_id=w1",
            content=photo,
            headers={"Content-Type": "image/jpeg"},
        )
        assert r.status_code == 201, r.text
        flags: list[dict[str, Any]] = []
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not flags:
            record = api.get(f"/api/v1/attempts/{attempt_id}/proctoring").json()
            flags = [f for f in record["flags"] if f["source"] == "ai"]
            time.sleep(0.5)
        assert [f["type"] for f in flags] == ["multiple_faces"]
        assert flags[0]["snapshots"] == [r.json()["id"]]
        student.close()
