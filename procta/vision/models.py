"""The mediapipe models, loaded lazily, one instance per thread.

mediapipe solution objects wrap a calculator graph that must not be entered by two threads at
once, so every worker thread gets its own instance (a few tens of ms to build, once per
thread). The weights ship inside the mediapipe wheel: nothing is downloaded. A model that
fails to load turns its analysis off with one warning; callers get ``None`` and carry on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

DETECTOR_FLOOR = 0.3
"""Lowest score the face detector reports; faces.MIN_SCORE decides which ones are counted."""
MAX_MESH_FACES = 1


def _face_detection() -> Any:
    import mediapipe as mp  # type: ignore[import-untyped]

    return mp.solutions.face_detection.FaceDetection(
        model_selection=1, min_detection_confidence=DETECTOR_FLOOR
    )


def _face_mesh() -> Any:
    import mediapipe as mp

    return mp.solutions.face_mesh.FaceMesh(
        static_image_mode=True, refine_landmarks=True, max_num_faces=MAX_MESH_FACES
    )


FACTORIES: dict[str, Callable[[], Any]] = {
    "face_detection": _face_detection,
    "face_mesh": _face_mesh,
}

_local = threading.local()
_errors: dict[str, str] = {}
_lock = threading.Lock()


def model(name: str) -> Any | None:
    """This thread's instance of ``name``, or None when it cannot be loaded in this process."""
    cache: dict[str, Any] = _local.__dict__.setdefault("models", {})
    if name in cache:
        return cache[name]
    if name in _errors:
        return None
    try:
        cache[name] = FACTORIES[name]()
    except Exception as exc:  # any failure to build a model must only switch it off
        with _lock:
            if name not in _errors:
                _errors[name] = f"{exc.__class__.__name__}: {exc}"
                log.warning("vision model %s is off: %s", name, _errors[name])
        return None
    return cache[name]


def available() -> dict[str, str | None]:
    """Each model's load error, or None when it works (loads it in the calling thread)."""
    return {name: None if model(name) is not None else _errors.get(name) for name in FACTORIES}
