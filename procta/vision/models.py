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

Roi = tuple[float, float, float, float, float]
"""A region of the frame: (x centre, y centre, width, height) as fractions of the frame's
width and height, and its rotation in radians (clockwise in the picture)."""

_LANDMARK_GRAPH = """
input_stream: "IMAGE:image"
input_stream: "ROI:roi"
output_stream: "LANDMARKS:landmarks"
input_side_packet: "WITH_ATTENTION:with_attention"
node {
  calculator: "FaceLandmarkCpu"
  input_stream: "IMAGE:image"
  input_stream: "ROI:roi"
  output_stream: "LANDMARKS:landmarks"
  input_side_packet: "WITH_ATTENTION:with_attention"
}
"""


class FaceLandmarks:
    """The per-face stage of mediapipe's FaceMesh (``FaceLandmarkCpu``, the 478-landmark model
    with attention, i.e. ``refine_landmarks=True``: refined eyes and the irises) run on a
    region the caller gives. FaceMesh itself first runs its own short-range face detector,
    about a third of its time, to find a face the full-range detector has already found.
    The landmark model crops, levels and scales the region to its 192x192 input itself."""

    def __init__(self) -> None:
        from mediapipe.framework.formats.rect_pb2 import (  # type: ignore[import-untyped]
            NormalizedRect,
        )
        from mediapipe.python.solution_base import (  # type: ignore[import-untyped]
            SolutionBase,
        )

        self._rect = NormalizedRect
        self._graph = SolutionBase(
            graph_config=_LANDMARK_GRAPH, side_inputs={"with_attention": True}
        )

    def process(self, rgb: Any, roi: Roi) -> Any | None:
        """The landmarks (normalised to the frame) of the face in ``roi``, or None when the
        model's face presence score is below 0.5 (FaceMesh's default tracking threshold)."""
        x, y, width, height, rotation = roi
        rect = self._rect(x_center=x, y_center=y, width=width, height=height, rotation=rotation)
        return self._graph.process({"image": rgb, "roi": rect}).landmarks


def _face_detection() -> Any:
    import mediapipe as mp  # type: ignore[import-untyped]

    return mp.solutions.face_detection.FaceDetection(
        model_selection=1, min_detection_confidence=DETECTOR_FLOOR
    )


FACTORIES: dict[str, Callable[[], Any]] = {
    "face_detection": _face_detection,
    "face_mesh": FaceLandmarks,
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
