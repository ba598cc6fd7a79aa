"""Snapshots, clips, identity photos, consent and calibration through HTTP."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import Image
from sqlalchemy import func, select

from procta.proctoring.models import Snapshot
from tests.proctoring.helpers import event, jpeg, proctored


def stored_files(data_dir: Path) -> list[Path]:
    return list(Path(data_dir).rglob("*.jpg"))


def count(db: Any, attempt_id: str) -> Any:
    return db.execute(select(func.count()).where(Snapshot.attempt_id == attempt_id))


async def upload(student: Any, url: str, data: bytes, content_type: str = "image/jpeg") -> Any:
    return await student.post(url, content=data, headers={"Content-Type": content_type})


async def test_a_snapshot_is_stored_once_and_becomes_evidence(
    new_browser: Any, db: Any, settings: Any
) -> None:
    p = await proctored(new_browser, db)
    url = f"{p.url}/snapshots?kind=webcam&client_id=snap-1"
    first = await upload(p.student, url, jpeg(320, 240))
    assert first.status_code == 201, first.text
    assert first.json()["width"] == 320 and first.json()["duplicate"] is False
    again = await upload(p.student, url, jpeg(320, 240))
    assert again.status_code == 201 and again.json()["duplicate"] is True
    assert again.json()["id"] == first.json()["id"]
    assert (await count(db, p.attempt_id)).scalar_one() == 1
    assert len(stored_files(settings.data_dir)) == 1

    r = await p.student.post(
        f"{p.url}/events", json={"events": [event("tab-1", "tab_switch", snapshot_id="snap-1")]}
    )
    assert r.status_code == 200
    record = (await p.teacher.browser.get(f"/api/v1/attempts/{p.attempt_id}/proctoring")).json()
    (flag,) = record["flags"]
    assert flag["snapshots"] == [first.json()["id"]]
    media = await p.teacher.browser.get(
        f"/api/v1/attempts/{p.attempt_id}/media/{first.json()['id']}"
    )
    assert media.status_code == 200 and media.headers["content-type"] == "image/jpeg"
    assert Image.open(io.BytesIO(media.content)).size == (320, 240)


async def test_bad_media_is_refused_and_nothing_is_written(
    new_browser: Any, db: Any, settings: Any
) -> None:
    p = await proctored(new_browser, db)
    base = f"{p.url}/snapshots?kind=webcam&client_id="
    png = io.BytesIO()
    Image.new("RGB", (20, 20)).save(png, "PNG")
    cases = [
        (png.getvalue(), "image/jpeg", 400, "invalid_image"),  # a PNG called JPEG
        (jpeg()[:-200], "image/jpeg", 400, "invalid_image"),  # truncated
        (b"", "image/jpeg", 400, "empty_upload"),
        (jpeg(), "image/png", 415, "unsupported_media_type"),
        (b"\xff\xd8\xff" + b"\0" * 3_000_000 + b"\xff\xd9", "image/jpeg", 413, "body_too_large"),
        (b"not a clip", "audio/webm", 400, "invalid_audio"),
    ]
    for n, (data, content_type, status, code) in enumerate(cases):
        kind = "audio" if content_type.startswith("audio") else "webcam"
        url = f"{p.url}/snapshots?kind={kind}&client_id=bad-{n}"
        r = await upload(p.student, url, data, content_type)
        assert r.status_code == status, (n, r.text)
        assert r.json()["error"]["code"] == code, (n, r.text)
    fifty_mb = b"\xff\xd8\xff" + b"\0" * 50_000_000
    r = await upload(p.student, base + "huge", fifty_mb)
    assert r.status_code == 413
    bad_kind = await upload(p.student, f"{p.url}/snapshots?kind=desk&client_id=k", jpeg())
    assert bad_kind.status_code == 422
    assert (await count(db, p.attempt_id)).scalar_one() == 0
    assert not stored_files(settings.data_dir)


async def test_media_needs_consent_and_an_open_attempt(new_browser: Any, db: Any) -> None:
    p = await proctored(new_browser, db, consent=False)
    setup = (await p.student.get(f"{p.url}/proctoring")).json()
    assert setup["consent_given"] is False and setup["snapshot_interval_s"] == 10
    assert any("Webcam snapshots every 10 seconds" in line for line in setup["recorded"])
    url = f"{p.url}/snapshots?kind=webcam&client_id=s1"
    refused = await upload(p.student, url, jpeg())
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "consent_required"
    consent = await p.student.post(f"{p.url}/consent", json={"accept": True})
    assert consent.json()["retention_days"] == 30
    assert (await p.student.post(f"{p.url}/consent", json={"accept": False})).status_code == 422
    assert (await upload(p.student, url, jpeg())).status_code == 201
    assert (await p.student.post(f"{p.url}/submit")).status_code == 200
    late = await upload(p.student, f"{p.url}/snapshots?kind=webcam&client_id=s2", jpeg())
    assert late.status_code == 409 and late.json()["error"]["code"] == "attempt_closed"


async def test_identity_photos_and_audio_clips(new_browser: Any, db: Any) -> None:
    p = await proctored(new_browser, db)
    for kind in ("id_document", "selfie"):
        r = await upload(p.student, f"{p.url}/identity/{kind}?client_id={kind}-1", jpeg(640, 480))
        assert r.status_code == 201, r.text
    retake = await upload(p.student, f"{p.url}/identity/selfie?client_id=selfie-2", jpeg(400, 300))
    setup = (await p.student.get(f"{p.url}/proctoring")).json()
    assert setup["identity_done"] is True
    webm = b"\x1a\x45\xdf\xa3" + b"\x00" * 500
    clip = await upload(p.student, f"{p.url}/snapshots?kind=audio&client_id=c1", webm, "audio/webm")
    assert clip.status_code == 201 and clip.json()["kind"] == "audio"
    record = (await p.teacher.browser.get(f"/api/v1/attempts/{p.attempt_id}/proctoring")).json()
    assert record["selfie_id"] == retake.json()["id"]
    assert sorted(m["kind"] for m in record["media"]) == [
        "audio",
        "id_document",
        "selfie",
        "selfie",
    ]


async def test_calibration_ok_poor_skipped_and_redone(new_browser: Any, db: Any) -> None:
    p = await proctored(new_browser, db)
    poor = await p.student.post(
        f"{p.url}/calibration",
        json={"status": "poor", "reason": "Your face is too dark", "baseline": {"brightness": 31}},
    )
    assert poor.json() == {"cal_status": "poor", "cal_reason": "Your face is too dark"}
    baseline = {"yaw": 3.5, "pitch": -4, "face_size": 0.31, "noise_floor_db": -62, "samples": 40}
    redone = await p.student.post(
        f"{p.url}/calibration", json={"status": "ok", "baseline": baseline}
    )
    assert redone.json() == {"cal_status": "redone", "cal_reason": ""}
    rows = (await p.teacher.browser.get(f"/api/v1/exams/{p.exam_id}/attempts")).json()["items"]
    assert rows[0]["calibration"] == "redone"
    record = (await p.teacher.browser.get(f"/api/v1/attempts/{p.attempt_id}/proctoring")).json()
    assert record["calibration"]["yaw"] == 3.5 and record["calibration"]["attempts"] == 2
    out_of_range = await p.student.post(
        f"{p.url}/calibration", json={"status": "ok", "baseline": {"yaw": 400}}
    )
    assert out_of_range.status_code == 422
    other = await proctored(new_browser, db)
    skipped = await other.student.post(f"{other.url}/calibration", json={"status": "skipped"})
    assert skipped.json()["cal_status"] == "skipped"


async def test_the_upload_probe_reads_the_bytes_and_keeps_nothing(
    new_browser: Any, db: Any, settings: Any
) -> None:
    p = await proctored(new_browser, db, consent=False)
    probe = b"\x00" * 96_000
    r = await upload(p.student, f"{p.url}/upload-check", probe, "application/octet-stream")
    assert r.status_code == 200 and r.json() == {"received": 96_000}
    assert (await count(db, p.attempt_id)).scalar_one() == 0
    assert (await new_browser().post(f"{p.url}/upload-check", content=probe)).status_code == 401


async def test_the_exam_sets_the_snapshot_intervals(new_browser: Any, db: Any) -> None:
    p = await proctored(new_browser, db, consent=False)
    exam = f"/api/v1/exams/{p.exam_id}"
    too_often = await p.teacher.browser.patch(exam, json={"snapshot_interval_s": 2})
    assert too_often.status_code == 422
    r = await p.teacher.browser.patch(
        exam, json={"snapshot_interval_s": 20, "screen_interval_s": 60}
    )
    assert r.status_code == 200, r.text
    assert (r.json()["snapshot_interval_s"], r.json()["screen_interval_s"]) == (20, 60)
    setup = (await p.student.get(f"{p.url}/proctoring")).json()
    assert setup["snapshot_interval_s"] == 20 and setup["screen_interval_s"] == 60


async def test_the_clock_gives_back_the_setup_time_once(new_browser: Any, db: Any) -> None:
    """proctored() starts the attempt 10 minutes ago; begin gives those minutes back, once,
    and only before the first answer."""
    p = await proctored(new_browser, db)
    before = (await p.student.get(p.url)).json()
    begun = await p.student.post(f"{p.url}/begin")
    assert begun.status_code == 200, begun.text
    gained = begun.json()["remaining_seconds"] - before["remaining_seconds"]
    assert 9 * 60 < gained <= 10 * 60
    again = (await p.student.post(f"{p.url}/begin")).json()
    assert abs(again["remaining_seconds"] - begun.json()["remaining_seconds"]) <= 2

    answered = await proctored(new_browser, db)
    first = (await answered.student.get(answered.url)).json()
    saved = await answered.student.put(
        f"{answered.url}/answers/{answered.question_id}", json={"response": "b", "client_seq": 1}
    )
    assert saved.status_code == 200, saved.text
    late = (await answered.student.post(f"{answered.url}/begin")).json()
    assert late["remaining_seconds"] <= first["remaining_seconds"]
