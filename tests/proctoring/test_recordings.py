"""Recordings: chunked upload in order, and in record_review mode the analysis of the
webcam recording at one frame a second (a real WebM made from the shared photos)."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import av
import numpy as np
from PIL import Image, ImageOps
from sqlalchemy import select

from procta.db import utcnow
from procta.proctoring.models import Recording
from procta.proctoring.recordings import analyze_recording
from procta.storage.files import local_storage
from tests.proctoring.helpers import proctored
from tests.vision.fixtures import require_fixtures


def webm(scenes: list[tuple[str, int]], fps: int = 5) -> bytes:
    """A VP8 WebM of each photo shown for its number of seconds, at 320x240."""
    out = io.BytesIO()
    with av.open(out, "w", format="webm") as container:
        stream = container.add_stream("libvpx", rate=fps)
        stream.width, stream.height, stream.pix_fmt = 320, 240, "yuv420p"
        for name, seconds in scenes:
            photo = Image.open(require_fixtures() / "images" / name).convert("RGB")
            frame = np.asarray(ImageOps.fit(photo, (320, 240)))
            for _ in range(seconds * fps):
                video = av.VideoFrame.from_ndarray(frame, format="rgb24")
                for packet in stream.encode(video):
                    container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return out.getvalue()


async def send(p: Any, seq: int, data: bytes) -> Any:
    return await p.student.post(
        f"{p.url}/recordings/webcam/chunks?seq={seq}",
        content=data,
        headers={"Content-Type": "video/webm;codecs=vp8"},
    )


async def test_chunks_append_in_order_and_a_retry_is_a_no_op(new_browser: Any, db: Any) -> None:
    p = await proctored(new_browser, db)
    video = webm([("webcam_frontal.jpg", 2)])
    parts = [video[:1000], video[1000:3000], video[3000:]]
    assert (await send(p, 1, parts[1])).json()["error"]["code"] == "missing_chunk"
    first = await send(p, 0, parts[0])
    assert first.json() == {"kind": "webcam", "part": "p0", "next_seq": 1, "size": 1000}
    assert (await send(p, 0, parts[0])).json()["next_seq"] == 1  # retried: no-op
    gap = await send(p, 2, parts[2])
    assert gap.status_code == 409 and gap.json()["error"]["details"] == {"expected": 1}
    await send(p, 1, parts[1])
    done = (await send(p, 2, parts[2])).json()
    assert done == {"kind": "webcam", "part": "p0", "next_seq": 3, "size": len(video)}
    bad = await p.student.post(
        f"{p.url}/recordings/webcam/chunks?seq=3",
        content=b"x",
        headers={"Content-Type": "text/plain"},
    )
    assert bad.status_code == 415


async def test_record_review_finds_a_second_person_and_an_empty_seat(
    new_browser: Any, db: Any, settings: Any, app_state: Any
) -> None:
    p = await proctored(new_browser, db, mode="record_review")
    video = webm(
        [
            ("webcam_frontal.jpg", 3),
            ("obama_and_biden_side_by_side.jpg", 3),
            ("landscape_no_person.jpg", 3),
        ]
    )
    for seq, start in enumerate(range(0, len(video), 20_000)):
        assert (await send(p, seq, video[start : start + 20_000])).status_code == 200
    assert (await p.student.post(f"{p.url}/submit")).status_code == 200
    recording_id = (
        await db.execute(select(Recording.id).where(Recording.attempt_id == p.attempt_id))
    ).scalar_one()
    result = await analyze_recording(
        app_state.sessionmaker,
        local_storage(settings.data_dir),
        recording_id,
        now=utcnow(),
        gap=timedelta(seconds=30),
        half_life_s=600,
    )
    assert result["frames"] == 9
    record = (await p.teacher.browser.get(f"/api/v1/attempts/{p.attempt_id}/proctoring")).json()
    ai = {f["type"]: f for f in record["flags"] if f["source"] == "ai"}
    assert set(ai) == {"multiple_faces", "face_not_detected"}
    assert ai["multiple_faces"]["event_count"] == 3  # three seconds: one episode
    assert 2 <= ai["face_not_detected"]["details"]["t"] < 9
    assert record["scores"]["integrity"] < 100  # the stored scores followed
