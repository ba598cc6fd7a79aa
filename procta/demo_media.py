"""Recordings for the demo's record & review exam, drawn rather than filmed (the demo
ships no footage of real people): a webcam with a face-like figure that looks away for a
while, and a screen with an exam page and a moving cursor, each with its clock burnt in,
as WebM like MediaRecorder's (VP8, no cues)."""

from __future__ import annotations

import io
from typing import Any

import av
import cv2
import numpy as np

SIZE = (320, 240)
FPS = 1  # enough to review drawn footage; the demo encodes it when it seeds


def _webcam(t: float, away: tuple[float, float]) -> np.ndarray[Any, Any]:
    frame = np.full((SIZE[1], SIZE[0], 3), (128, 118, 104), np.uint8)
    frame[170:, :] = (84, 72, 60)  # a desk
    shift = 40 if away[0] <= t < away[1] else int(4 * np.sin(t))
    centre = (160 + shift, 105)
    cv2.ellipse(frame, (160, 250), (95, 70), 0, 180, 360, (70, 90, 150), -1)  # shoulders
    cv2.ellipse(frame, centre, (48, 60), 0, 0, 360, (224, 188, 160), -1)  # face
    for dx in (-18, 18):
        cv2.circle(frame, (centre[0] + dx + shift // 4, centre[1] - 10), 5, (40, 40, 40), -1)
    cv2.ellipse(frame, (centre[0], centre[1] + 25), (15, 6), 0, 0, 180, (150, 70, 70), 2)
    cv2.putText(
        frame,
        f"{int(t) // 60:02d}:{int(t) % 60:02d}",
        (8, 18),
        cv2.FONT_HERSHEY_SIMPLEX,
        0.5,
        (255, 255, 255),
        1,
    )
    return frame


def _screen(t: float) -> np.ndarray[Any, Any]:
    frame = np.full((SIZE[1], SIZE[0], 3), 248, np.uint8)
    frame[:22, :] = (235, 99, 76)  # the exam page's header bar (RGB)
    cv2.putText(frame, "Question 3 of 8", (10, 45), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (30, 30, 30), 1)
    for row in range(6):
        width = 260 - (row * 37) % 90
        cv2.rectangle(frame, (10, 60 + row * 22), (10 + width, 70 + row * 22), (200, 200, 200), -1)
    x, y = int(40 + (t * 23) % 240), int(80 + (t * 11) % 120)
    cv2.fillConvexPoly(frame, np.array([(x, y), (x, y + 14), (x + 10, y + 10)]), (20, 20, 20))
    cv2.putText(
        frame,
        f"{int(t) // 60:02d}:{int(t) % 60:02d}",
        (270, 15),
        cv2.FONT_HERSHEY_SIMPLEX,
        0.4,
        (255, 255, 255),
        1,
    )
    return frame


def recording(kind: str, seconds: int, away: tuple[float, float] = (-1, -1)) -> bytes:
    """``seconds`` of drawn webcam or screen video as a live-style WebM."""
    out = io.BytesIO()
    with av.open(out, "w", format="webm", options={"live": "1"}) as container:
        stream = container.add_stream("libvpx", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = SIZE[0], SIZE[1], "yuv420p"
        stream.bit_rate = 150_000
        for n in range(seconds * FPS):
            t = n / FPS
            rgb = _webcam(t, away) if kind == "webcam" else _screen(t)
            for packet in stream.encode(av.VideoFrame.from_ndarray(rgb, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return out.getvalue()
