"""Lighting and image quality, reported as their own signal: a dark room must read as "poor
lighting", not as "face not detected", and a covered lens as "camera covered".

Measured on the luma of a copy scaled to ``MEASURE_SIDE`` pixels, so the blur threshold means
the same for a 320x240 snapshot and a 1280x720 one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy.typing as npt

from .images import RGB

Grey = npt.NDArray[Any]

MEASURE_SIDE = 320

TOO_DARK_MEAN = 50.0
"""Mean luma (0-255) below which the face, or the frame when no face is given, is too dark."""
TOO_BRIGHT_MEAN = 215.0
COVERED_STD = 4.0
"""Luma standard deviation below which the frame is near-uniform: lens covered, black or grey.
A dark room still has more (the test photos darkened to 15% keep at least 5)."""
BLURRED_SHARPNESS = 0.10
"""Sharpness (Laplacian std / luma std) below which the picture is blurred. Dividing by the
contrast keeps a dark but sharp frame from reading as blurred. Sharp test photos measure
0.13-0.97 at MEASURE_SIDE pixels, the same blurred with a 2-pixel Gaussian 0.03-0.09."""

MESSAGES = {
    "covered": "The camera seems covered or shows a blank picture: uncover it.",
    "too_dark": "Your face is too dark: add light in front of you.",
    "too_bright": "The picture is too bright: turn away from the window or lower the light.",
    "blurred": "The picture is blurred: clean the camera lens and hold still.",
}


@dataclass(frozen=True)
class Quality:
    brightness: float
    contrast: float
    sharpness: float
    face_brightness: float | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def message(self) -> str:
        return " ".join(MESSAGES[p] for p in self.problems)

    def to_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "problems": list(self.problems),
            "message": self.message,
            "brightness": round(self.brightness, 1),
            "face_brightness": None
            if self.face_brightness is None
            else round(self.face_brightness, 1),
            "contrast": round(self.contrast, 1),
            "sharpness": round(self.sharpness, 3),
        }


def luma(rgb: RGB) -> Grey:
    grey: Grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    return grey


def _small(grey: Grey) -> tuple[Grey, float]:
    scale = MEASURE_SIDE / max(grey.shape[:2])
    if scale >= 1:
        return grey, 1.0
    size = (max(1, round(grey.shape[1] * scale)), max(1, round(grey.shape[0] * scale)))
    return cv2.resize(grey, size, interpolation=cv2.INTER_AREA), scale


def _std(values: Grey) -> float:
    """Standard deviation of a one-channel array from its sum and sum of squares: on the
    int16 Laplacian of a frame this takes a tenth of the time of cv2.meanStdDev or numpy."""
    n = values.size
    mean = cv2.sumElems(values)[0] / n
    return math.sqrt(max(0.0, cv2.norm(values, cv2.NORM_L2SQR) / n - mean * mean))


def assess(rgb: RGB, face_box: tuple[int, int, int, int] | None = None) -> Quality:
    """Quality of a frame. With ``face_box`` (x, y, w, h) the darkness verdict uses the face,
    so a bright window behind a dark face still reads as too dark, and a frame with a face is
    never "covered"."""
    grey, scale = _small(luma(rgb))
    mean, std = (float(v[0][0]) for v in cv2.meanStdDev(grey))
    # int16 holds the Laplacian of 8-bit luma exactly (|value| <= 4 * 255) and is made in
    # less than half the time of float32.
    sharpness = _std(cv2.Laplacian(grey, cv2.CV_16S)) / max(std, 1e-6)
    face_mean = None
    if face_box is not None:
        x, y, w, h = (max(0, round(v * scale)) for v in face_box)
        crop = grey[y : y + max(1, h), x : x + max(1, w)]
        if crop.size:
            face_mean = float(crop.mean())
    problems: list[str] = []
    if std < COVERED_STD and face_box is None:
        problems.append("covered")
    else:
        if (face_mean if face_mean is not None else mean) < TOO_DARK_MEAN:
            problems.append("too_dark")
        elif mean > TOO_BRIGHT_MEAN:
            problems.append("too_bright")
        if sharpness < BLURRED_SHARPNESS:
            problems.append("blurred")
    return Quality(mean, std, sharpness, face_mean, problems)
