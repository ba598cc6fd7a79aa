"""Recordings as the reviewer plays them: the parts of a kind joined on one timeline, a
reload's gap shown, a cut-off upload playable up to the cut, seeking by byte ranges."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import av

from procta.db import utcnow
from tests.proctoring.helpers import proctored
from tests.review.media import chunks, recorder_webm

A = "/api/v1/attempts"


async def upload(p: Any, kind: str, part: str, started: str, seq: int, data: bytes) -> Any:
    return await p.student.post(
        f"{p.url}/recordings/{kind}/chunks",
        params={"seq": seq, "part": part, "started_at": started},
        content=data,
        headers={"Content-Type": "video/webm;codecs=vp8"},
    )


async def test_parts_join_on_one_timeline_with_the_gap_shown(
    new_browser: Any, db: Any, settings: Any
) -> None:
    p = await proctored(new_browser, db, mode="record_review")
    faces = ["webcam_frontal.jpg", "obama_portrait.jpg", "biden_portrait.jpg"]
    first = recorder_webm(faces, 12)
    second = recorder_webm(faces, 12)
    now = utcnow()
    a_start = (now - timedelta(seconds=300)).isoformat()
    b_start = (now - timedelta(seconds=200)).isoformat()
    for seq, piece in enumerate(chunks(first, 3)):
        r = await upload(p, "webcam", "a", a_start, seq, piece)
        assert r.status_code == 200, r.text
    # The reloaded page's recorder: a new part. Its last chunk never arrives, and the
    # one that does is cut mid-frame.
    pieces = chunks(second, 3)
    assert (await upload(p, "webcam", "b", b_start, 1, pieces[1])).json()["error"]["details"] == {
        "expected": 0
    }
    for seq in (0, 1):
        assert (await upload(p, "webcam", "b", b_start, seq, pieces[seq])).status_code == 200
    assert (await upload(p, "webcam", "b", b_start, 1, pieces[1])).json()["next_seq"] == 2
    assert (await p.student.post(f"{p.url}/submit")).status_code == 200

    packet = (await p.teacher.browser.get(f"{A}/{p.attempt_id}/review")).json()
    [webcam] = packet["recordings"]
    assert webcam["kind"] == "webcam" and webcam["offset_s"] == 0
    assert webcam["url"] == f"/api/v1/attempts/{p.attempt_id}/recordings/webcam"
    [gap] = webcam["gaps"]
    assert 11 <= gap["start_s"] <= 12.5 and gap["end_s"] == 100
    assert 100 < webcam["duration_s"] < 112  # the second part plays up to its cut

    video = await p.teacher.browser.get(webcam["url"])
    assert video.status_code == 200 and video.headers["content-type"] == "video/webm"
    assert video.headers["accept-ranges"] == "bytes"
    with av.open(io.BytesIO(video.content)) as container:
        assert container.duration is not None and container.duration / 1e6 > 100
        container.seek(105_000_000)  # seekable: the joined file has cues
        frame = next(container.decode(video=0))
        assert frame.time is not None and 99 <= frame.time <= 106
    head = await p.teacher.browser.get(webcam["url"], headers={"Range": "bytes=0-99"})
    assert head.status_code == 206 and len(head.content) == 100
    assert head.content == video.content[:100]
    # The joined file is reused, not rebuilt, until a part grows.
    joined = settings.data_dir / "media" / p.teacher.org_id / p.attempt_id / "recordings"
    built = (joined / "webcam.play.webm").stat().st_mtime_ns
    again = await p.teacher.browser.get(webcam["url"])
    assert again.content == video.content
    assert (joined / "webcam.play.webm").stat().st_mtime_ns == built


async def test_no_recording_is_a_clear_404(new_browser: Any, db: Any) -> None:
    p = await proctored(new_browser, db)
    r = await p.teacher.browser.get(f"{A}/{p.attempt_id}/recordings/screen")
    assert r.status_code == 404 and r.json()["error"]["code"] == "recording_not_found"
    r = await p.teacher.browser.get(f"{A}/{p.attempt_id}/recordings/audio")
    assert r.status_code == 422
