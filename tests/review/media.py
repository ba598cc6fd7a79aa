"""WebM as MediaRecorder writes it: a live stream (no duration, no cues), VP8 frames of
the shared photos, so a cut-off upload looks like the real thing."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any

import av
import numpy as np
from PIL import Image, ImageOps

from procta.proctoring.models import Recording
from procta.storage.files import local_storage
from tests.vision.fixtures import require_fixtures


def recorder_webm(photos: list[str], seconds: int, fps: int = 5) -> bytes:
    """``seconds`` of video, one second of each photo in turn."""
    out = io.BytesIO()
    options = {"live": "1", "cluster_time_limit": "1000"}
    with av.open(out, "w", format="webm", options=options) as container:
        stream = container.add_stream("libvpx", rate=fps)
        stream.width, stream.height, stream.pix_fmt = 320, 240, "yuv420p"
        frames = [
            np.asarray(
                ImageOps.fit(
                    Image.open(require_fixtures() / "images" / photo).convert("RGB"), (320, 240)
                )
            )
            for photo in photos
        ]
        for n in range(seconds * fps):
            frame = frames[(n // fps) % len(frames)]
            for packet in stream.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return out.getvalue()


def chunks(data: bytes, n: int) -> list[bytes]:
    """``data`` cut into ``n`` pieces at arbitrary bytes, as timeslices cut a stream."""
    size = -(-len(data) // n)
    return [data[i : i + size] for i in range(0, len(data), size)]


async def stored_recording(p: Any, db: Any, data_dir: Path, started_at: datetime) -> None:
    """A two-second webcam recording of ``p``'s attempt, stored as its upload would be."""
    video = recorder_webm(["webcam_frontal.jpg"], 2)
    key = f"{p.teacher.org_id}/{p.attempt_id}/recordings/webcam-a.webm"
    local_storage(data_dir).put(key, video)
    db.add(
        Recording(
            org_id=p.teacher.org_id,
            attempt_id=p.attempt_id,
            kind="webcam",
            part="a",
            content_type="video/webm",
            storage_key=key,
            size=len(video),
            chunks=1,
            started_at=started_at,
        )
    )
    await db.flush()
