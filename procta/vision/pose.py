"""Head pose (yaw, pitch, roll) and iris gaze from mediapipe's face mesh with iris landmarks.

Pose: ``cv2.solvePnP`` of six landmarks against a generic 3D face, with a pinhole camera whose
focal length is the frame width (a typical 60-70 degree webcam) and whose principal point is
put on the nose tip, so the angles are measured against the line from the camera to the face
(a student sitting off-centre who faces the camera is frontal). Gaze: where each iris centre
sits between its eye corners. Both are judged against the attempt's calibration baseline, not
against zero: students sit at an angle to their camera.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import median
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from .faces import Face, detect_faces
from .images import RGB
from .models import Roi, model

Points = Mapping[int, tuple[float, float]]
"""Landmark index -> (x, y) in pixels, for the landmarks used."""

HEAD_YAW_LIMIT = 30.0
"""Degrees of yaw away from the baseline beyond which the head counts as turned."""
HEAD_PITCH_DOWN_LIMIT = 25.0
"""Degrees of pitch down from the baseline beyond which the head counts as turned (down)."""
GAZE_X_LIMIT = 0.07
"""Shift of the iris along the eye (0 = outer corner, 1 = other corner) that counts as away."""
ROI_SCALE = 1.4
"""The landmark region is a square this many times the long side of the face box. FaceMesh
takes 1.5 times the box of its short-range detector, whose boxes measure 0.92 times those of
the full-range one on the test photos (median): 1.4 gives the model the region it expects."""

# A generic face (about 4.8 units per mm), camera-like axes: x to the image right, y down, z
# away from the camera; the nose tip is the origin. Landmarks: nose tip, chin, the outer eye
# corner on the image left, the one on the image right, and the mouth corners (image left,
# image right). The common 6-point model puts the eye corners 135 units behind the nose tip;
# adult faces have them about 45 mm behind it, and with 135 the yaw of three-quarter faces
# came out about 1.5 times too large on the test photos, so they sit at 220 here.
_MODEL_IDS = (1, 152, 33, 263, 61, 291)
_MODEL = np.array(
    [
        (0.0, 0.0, 0.0),
        (0.0, 330.0, 65.0),
        (-225.0, -170.0, 220.0),
        (225.0, -170.0, 220.0),
        (-150.0, 150.0, 125.0),
        (150.0, 150.0, 125.0),
    ]
)
# Eye corners (image left, image right) of each eye, and the two iris centres.
_EYES = ((33, 133), (362, 263))
_IRISES = (468, 473)
_USED = {*_MODEL_IDS, *(i for eye in _EYES for i in eye), *_IRISES}


@dataclass(frozen=True)
class Pose:
    yaw: float
    """Degrees; positive when the nose points to the image right."""
    pitch: float
    """Degrees; positive when the head is tilted down."""
    roll: float
    gaze_x: float
    """Iris position along the eye, 0.5 centred, lower toward the image left."""
    gaze_y: float
    """Iris offset below the eye-corner line, in eye widths (positive is down)."""


@dataclass(frozen=True)
class Deviation:
    yaw: float
    pitch: float
    gaze_x: float
    gaze_y: float
    head_turned: bool
    gaze_away: bool


def _angles(rvec: npt.NDArray[Any]) -> tuple[float, float, float]:
    rot, _ = cv2.Rodrigues(rvec)
    fx, fy, fz = -rot[:, 2]  # where the face points: the model's -z axis in camera space
    yaw = math.degrees(math.atan2(fx, -fz))
    pitch = math.degrees(math.atan2(fy, math.hypot(fx, fz)))
    roll = math.degrees(math.atan2(rot[1, 0], rot[0, 0]))
    return yaw, pitch, roll


def _gaze(pts: Points) -> tuple[float, float]:
    """(gaze_x, gaze_y) in plain floats: numpy's per-call cost is most of the time on 2-vectors."""
    along, below = [], []
    for left, right in _EYES:
        (ax, ay), (bx, by) = pts[left], pts[right]
        dx, dy = bx - ax, by - ay
        norm = dx * dx + dy * dy
        if norm < 1.0:
            continue
        mx, my = (ax + bx) / 2, (ay + by) / 2
        ix, iy = min((pts[i] for i in _IRISES), key=lambda q: (q[0] - mx) ** 2 + (q[1] - my) ** 2)
        along.append(((ix - ax) * dx + (iy - ay) * dy) / norm)
        below.append(((iy - ay) * dx - (ix - ax) * dy) / norm)
    if not along:
        return 0.5, 0.0
    return sum(along) / len(along), sum(below) / len(below)


def landmark_roi(face: Face, width: int, height: int) -> Roi:
    """The region of a ``width`` x ``height`` frame that the landmark model reads for
    ``face``, made as FaceMesh makes it from a detection: a square about the box centre,
    turned so that the eyes are level."""
    x, y, w, h = face.box
    side = ROI_SCALE * max(w, h)
    rotation = 0.0
    if face.eyes is not None:
        (rx, ry), (lx, ly) = face.eyes
        rotation = math.atan2(ly - ry, lx - rx)
    return (x + w / 2) / width, (y + h / 2) / height, side / width, side / height, rotation


def estimate_pose(rgb: RGB, face: Face | None = None) -> Pose | None:
    """Pose and gaze of ``face`` (the largest face the detector finds when not given); None
    when there is no face, the landmark model finds none in its region, or a model is
    unavailable."""
    if face is None:
        face = next(iter(detect_faces(rgb) or ()), None)
    mesh = model("face_mesh")
    if face is None or mesh is None:
        return None
    height, width = rgb.shape[:2]
    landmarks = mesh.process(rgb, landmark_roi(face, width, height))
    if landmarks is None:
        return None
    marks = landmarks.landmark
    # Only the landmarks used: reading all 478 from protobuf costs more than solvePnP.
    pts = {i: (marks[i].x * width, marks[i].y * height) for i in _USED}
    image = np.array([pts[i] for i in _MODEL_IDS])
    focal = float(width)
    nose_x, nose_y = image[0]
    camera = np.array([[focal, 0, nose_x], [0, focal, nose_y], [0, 0, 1]])
    # Start from a frontal face at the distance its eye width implies: without a guess the
    # solver sometimes lands on the mirrored solution (roll near 180 degrees).
    eye_px = max(1.0, float(np.linalg.norm(image[3] - image[2])))
    distance = focal * (_MODEL[3, 0] - _MODEL[2, 0]) / eye_px
    ok, rvec, _ = cv2.solvePnP(
        _MODEL,
        image,
        camera,
        np.zeros(4),
        rvec=np.zeros((3, 1)),
        tvec=np.array([[0.0], [0.0], [distance]]),
        useExtrinsicGuess=True,
        flags=cv2.SOLVEPNP_ITERATIVE,
    )
    if not ok:
        return None
    return Pose(*_angles(rvec), *_gaze(pts))


BASELINE_KEYS = ("yaw", "pitch", "gaze_x", "gaze_y")


def baseline_from(record: Mapping[str, Any]) -> dict[str, float]:
    """The pose measures of a calibration record (as stored on the attempt, as ``calibrate``
    makes it, or a selfie's measured pose); other keys and unmeasured (null) values are
    left out."""
    return {
        k: float(v)
        for k, v in record.items()
        if k in BASELINE_KEYS and isinstance(v, int | float) and not isinstance(v, bool)
    }


def calibrate(poses: Sequence[Pose]) -> dict[str, float]:
    """A baseline from the calibration frames: the median of each measure."""
    return {
        key: float(median(getattr(p, key) for p in poses))
        for key in ("yaw", "pitch", "gaze_x", "gaze_y")
    }


def deviation(pose: Pose, baseline: Mapping[str, float] | None = None) -> Deviation:
    """How far ``pose`` is from the calibration baseline (a frontal face when there is none)."""
    base = {"yaw": 0.0, "pitch": 0.0, "gaze_x": 0.5, "gaze_y": 0.0, **(baseline or {})}
    dyaw, dpitch = pose.yaw - base["yaw"], pose.pitch - base["pitch"]
    dx, dy = pose.gaze_x - base["gaze_x"], pose.gaze_y - base["gaze_y"]
    turned = abs(dyaw) > HEAD_YAW_LIMIT or dpitch > HEAD_PITCH_DOWN_LIMIT
    return Deviation(dyaw, dpitch, dx, dy, turned, abs(dx) > GAZE_X_LIMIT)
