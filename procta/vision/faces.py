"""Face presence and count with mediapipe's full-range face detector.

Small or low-score faces are kept but marked ``uncertain``: they are evidence for a reviewer,
not a second person in the room.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2

from .images import RGB
from .models import model
from .quality import luma

MIN_SCORE = 0.6
"""Detector score from which a face counts as a person."""
MIN_FACE_PX = 24
MIN_FACE_FRACTION = 0.02
"""A face narrower than MIN_FACE_PX pixels or this share of the frame width is uncertain."""
CLAHE_BELOW_MEAN = 30.0
"""Frames whose mean luma is below this get contrast-normalised luma (CLAHE) before detection."""

_clahe = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8))


@dataclass(frozen=True)
class Face:
    box: tuple[int, int, int, int]
    """(x, y, width, height) in pixels, clipped to the frame."""
    score: float
    uncertain: bool
    eyes: tuple[tuple[float, float], tuple[float, float]] | None = None
    """Pixel centres of the person's right eye, then the left one (the detector's keypoints);
    they level the region the face landmarks are read from."""


def normalise_contrast(rgb: RGB) -> RGB:
    """Equalise the luma locally (CLAHE) and keep the colour."""
    ycc = cv2.cvtColor(rgb, cv2.COLOR_RGB2YCrCb)
    ycc[:, :, 0] = _clahe.apply(ycc[:, :, 0])
    out: RGB = cv2.cvtColor(ycc, cv2.COLOR_YCrCb2RGB)
    return out


def detect_faces(rgb: RGB, clahe: bool | None = None) -> list[Face] | None:
    """Faces in an RGB frame, largest first; None when the detector is unavailable.

    ``clahe``: None decides from the frame's brightness, True/False forces it.
    """
    detector = model("face_detection")
    if detector is None:
        return None
    if clahe is None:
        clahe = cv2.mean(luma(rgb))[0] < CLAHE_BELOW_MEAN
    result = detector.process(normalise_contrast(rgb) if clahe else rgb)
    height, width = rgb.shape[:2]
    faces = []
    for det in result.detections or ():
        rel = det.location_data.relative_bounding_box
        x0, y0 = max(0, round(rel.xmin * width)), max(0, round(rel.ymin * height))
        x1 = min(width, round((rel.xmin + rel.width) * width))
        y1 = min(height, round((rel.ymin + rel.height) * height))
        if x1 <= x0 or y1 <= y0:
            continue
        score = float(det.score[0])
        w = x1 - x0
        small = w < MIN_FACE_PX or w < MIN_FACE_FRACTION * width
        right, left = det.location_data.relative_keypoints[:2]
        eyes = (right.x * width, right.y * height), (left.x * width, left.y * height)
        faces.append(Face((x0, y0, w, y1 - y0), score, small or score < MIN_SCORE, eyes))
    return sorted(faces, key=lambda f: f.box[2] * f.box[3], reverse=True)


def count_people(faces: list[Face]) -> int:
    return sum(not f.uncertain for f in faces)
