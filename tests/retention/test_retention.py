"""Media retention: what is past the org's limits goes, nothing newer is touched, evidence
keeps a thumbnail that reports still show, and a second run frees nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from procta.db import utcnow
from procta.proctoring.models import Recording, Snapshot
from procta.storage.files import local_storage
from tests.proctoring.helpers import jpeg
from tests.review.media import stored_recording
from tests.review.test_appeals import flagged_with_evidence

A = "/api/v1/attempts"


async def snapshots(db: Any, attempt_id: str) -> dict[str, Snapshot]:
    rows = await db.execute(
        select(Snapshot)
        .where(Snapshot.attempt_id == attempt_id)
        .execution_options(populate_existing=True)
    )
    return {s.client_id: s for s in rows.scalars()}


async def test_cleanup_deletes_only_what_is_past_retention(
    new_browser: Any, db: Any, settings: Any
) -> None:
    p, _, _ = await flagged_with_evidence(new_browser, db)  # shot-1 shows the tab switch
    storage = local_storage(settings.data_dir)
    await stored_recording(p, db, settings.data_dir, utcnow() - timedelta(days=8))
    assert (await p.teacher.browser.get(f"{A}/{p.attempt_id}/recordings/webcam")).status_code == 200
    r = await p.teacher.browser.patch(
        "/api/v1/orgs/current", json={"screenshot_retention_days": 7, "retention_days": 30}
    )
    assert r.status_code == 200 and r.json()["screenshot_retention_days"] == 7
    assert (
        await p.teacher.browser.patch("/api/v1/orgs/current", json={"retention_days": 0})
    ).status_code == 422
    before = await snapshots(db, p.attempt_id)
    # shot-1 and shot-2 are eight days old; a third, "fresh", is six days old.
    fresh = before["shot-2"]
    db.add(
        Snapshot(
            org_id=fresh.org_id,
            attempt_id=fresh.attempt_id,
            client_id="fresh",
            kind="screen",
            content_type="image/jpeg",
            size=len(jpeg()),
            taken_at=utcnow() - timedelta(days=6),
            storage_key=f"{fresh.org_id}/{fresh.attempt_id}/screen/fresh.jpg",
        )
    )
    storage.put(f"{fresh.org_id}/{fresh.attempt_id}/screen/fresh.jpg", jpeg())
    await db.execute(
        update(Snapshot)
        .where(Snapshot.client_id.in_(["shot-1", "shot-2"]))
        .values(taken_at=utcnow() - timedelta(days=8))
    )
    originals = {c: before[c].storage_key for c in ("shot-1", "shot-2")}

    r = await p.teacher.browser.post("/api/v1/tools/cleanup-media")
    assert r.status_code == 200, r.text
    freed = r.json()
    assert freed["snapshots_deleted"] == 2 and freed["thumbnails_kept"] == 1
    assert freed["recordings_deleted"] == 0  # 30 days for recordings
    assert freed["bytes_freed"] > 0
    after = await snapshots(db, p.attempt_id)
    assert "shot-2" not in after  # no flag shows it: gone with its row
    kept = after["shot-1"]
    assert kept.purged_at is not None and kept.storage_key.endswith(".thumb.jpg")
    assert storage.get(kept.storage_key).startswith(b"\xff\xd8")
    for client in ("shot-1", "shot-2"):
        assert storage.size(originals[client]) == 0
    fresh = after["fresh"]  # newer than the limit: untouched
    assert fresh.purged_at is None and storage.size(fresh.storage_key) == fresh.size
    # The report still shows the evidence, from its thumbnail (and the fresh screen).
    html = (await p.teacher.browser.get(f"{A}/{p.attempt_id}/report.html")).text
    assert html.count("data:image/jpeg;base64,") == 2 and "Tab switch</figcaption>" in html
    again = (await p.teacher.browser.post("/api/v1/tools/cleanup-media")).json()
    assert again == {
        "snapshots_deleted": 0,
        "recordings_deleted": 0,
        "thumbnails_kept": 0,
        "bytes_freed": 0,
    }

    await db.execute(update(Recording).values(started_at=utcnow() - timedelta(days=31)))
    gone = (await p.teacher.browser.post("/api/v1/tools/cleanup-media")).json()
    assert gone["recordings_deleted"] == 1
    recording = (
        await db.execute(select(Recording).execution_options(populate_existing=True))
    ).scalar_one()
    assert recording.purged_at is not None and storage.size(recording.storage_key) == 0
    r = await p.teacher.browser.get(f"{A}/{p.attempt_id}/recordings/webcam")
    assert r.status_code == 404
