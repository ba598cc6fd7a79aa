"""AI analysis of webcam frames as pure functions: bytes or RGB arrays in, detections out.

``analyze_webcam`` is the entry point for the proctoring pipeline: image quality, face
presence and count, and for a single face its head pose and gaze against the attempt's
calibration baseline. Models load lazily per thread (see ``models``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .faces import Face, count_people, detect_faces
from .images import RGB, VisionError, decode_image
from .models import available
from .pose import Deviation, Pose, calibrate, deviation, estimate_pose
from .quality import Quality, assess

__all__ = [
    "Deviation",
    "Face",
    "Pose",
    "Quality",
    "VisionError",
    "WebcamResult",
    "analyze_frame",
    "analyze_webcam",
    "available",
    "calibrate",
    "decode_image",
]

WEBCAM_MAX_SIDE = 640
"""Webcam snapshots are decoded no larger than this: the face detector sees 192x192 anyway."""


@dataclass(frozen=True)
class WebcamResult:
    quality: Quality
    faces: list[Face] | None
    """Largest first, uncertain ones included; None when face detection is off."""
    count: int | None
    """People: faces that are not uncertain."""
    pose: Pose | None
    """Of the one face, when exactly one person is seen and the mesh found it."""
    deviation: Deviation | None

    @property
    def head_turned(self) -> bool | None:
        return None if self.deviation is None else self.deviation.head_turned

    @property
    def gaze_away(self) -> bool | None:
        return None if self.deviation is None else self.deviation.gaze_away

    def to_json(self) -> dict[str, object]:
        r = round
        return {
            "quality": self.quality.to_json(),
            "faces": None
            if self.faces is None
            else [
                {"box": list(f.box), "score": r(f.score, 3), "uncertain": f.uncertain}
                for f in self.faces
            ],
            "count": self.count,
            "pose": None
            if self.pose is None
            else {
                "yaw": r(self.pose.yaw, 1),
                "pitch": r(self.pose.pitch, 1),
                "roll": r(self.pose.roll, 1),
                "gaze_x": r(self.pose.gaze_x, 3),
                "gaze_y": r(self.pose.gaze_y, 3),
            },
            "head_turned": self.head_turned,
            "gaze_away": self.gaze_away,
        }


def analyze_frame(rgb: RGB, baseline: Mapping[str, float] | None = None) -> WebcamResult:
    faces = detect_faces(rgb)
    count = None if faces is None else count_people(faces)
    main = next((f for f in faces or () if not f.uncertain), None)
    quality = assess(rgb, main.box if main else None)
    pose = estimate_pose(rgb, main) if main is not None and count == 1 else None
    dev = None if pose is None else deviation(pose, baseline)
    return WebcamResult(quality, faces, count, pose, dev)


def analyze_webcam(data: bytes, baseline: Mapping[str, float] | None = None) -> WebcamResult:
    """Analyse one webcam snapshot (JPEG, PNG or WebP bytes). ``baseline``: the attempt's
    calibration (``calibrate`` of its calibration frames' poses). Raises VisionError for
    bytes that are not a usable image."""
    return analyze_frame(decode_image(data, WEBCAM_MAX_SIDE), baseline)
