"""Face identity: a 128-d dlib embedding of the main face, and a comparison of two embeddings.

Models come from `face_recognition_models` (the 5-point shape predictor and the ResNet
recogniser; the 68-point model's licence forbids commercial use, so it is never loaded). They
are loaded once per process on first use. dlib's recogniser keeps its activations inside the
network object, so one instance must not run two images at once: every call into dlib goes
through one lock. dlib's Python bindings hold the GIL while they compute, so the lock costs
no parallelism; scale out with processes (the job workers), not threads.

Distance is Euclidean between embeddings; the model was trained so that 0.6 separates people
(99.38 % on LFW). `compare` maps distance to a confidence in its own verdict with a logistic
curve centred on the threshold: exactly at the threshold it is 0.5, and it reaches 0.9 about
0.11 away from it (scale `CONFIDENCE_SCALE`). The flag pipeline can feed that confidence to
the scoring engine as it is.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .images import VisionError

DEFAULT_THRESHOLD = 0.6
CONFIDENCE_SCALE = 0.05
_RETRY_UPSAMPLE_MAX_SIDE = 1000  # upsampling twice-as-large images costs ~4x; skip beyond this


class IdentityModelError(RuntimeError):
    """The dlib models could not be loaded (package missing or files unreadable)."""


class InvalidImageError(VisionError):
    """The input is not an RGB image (H x W x 3, uint8)."""


@dataclass(frozen=True)
class Match:
    distance: float
    same: bool
    confidence: float  # confidence in `same`, 0.5 at the threshold, towards 1 away from it


@dataclass
class _Models:
    detector: Any
    shape: Any
    recogniser: Any


_lock = threading.Lock()
_models: _Models | None = None


def _load() -> _Models:
    """Load the models once; callers hold `_lock`."""
    global _models
    if _models is None:
        try:
            import dlib  # type: ignore[import-untyped]
            import face_recognition_models as frm  # type: ignore[import-untyped]

            _models = _Models(
                detector=dlib.get_frontal_face_detector(),
                shape=dlib.shape_predictor(frm.pose_predictor_five_point_model_location()),
                recogniser=dlib.face_recognition_model_v1(frm.face_recognition_model_location()),
            )
        except (ImportError, RuntimeError, OSError) as exc:
            raise IdentityModelError(f"cannot load the face identity models: {exc}") from exc
    return _models


def check_rgb(image: NDArray[Any]) -> NDArray[np.uint8]:
    """A C-contiguous uint8 H x W x 3 array, or `InvalidImageError`."""
    if not isinstance(image, np.ndarray) or image.dtype != np.uint8:
        raise InvalidImageError("expected a uint8 numpy array")
    if image.ndim != 3 or image.shape[2] != 3 or image.shape[0] < 1 or image.shape[1] < 1:
        raise InvalidImageError(f"expected an H x W x 3 image, got shape {image.shape}")
    return np.ascontiguousarray(image)


def _largest_face(models: _Models, image: NDArray[np.uint8]) -> Any:
    faces = models.detector(image, 0)
    if not faces and max(image.shape[:2]) <= _RETRY_UPSAMPLE_MAX_SIDE:
        faces = models.detector(image, 1)  # small faces: HOG needs about 80 px otherwise
    if not faces:
        return None
    return max(faces, key=lambda r: r.width() * r.height())


def embed(
    image_rgb: NDArray[np.uint8], box: tuple[int, int, int, int] | None = None
) -> NDArray[np.float64] | None:
    """The 128-d embedding of the largest face, or None when no face is found.

    `box` is (x, y, width, height) in pixels from another detector (for example MediaPipe's);
    it skips dlib's own HOG detector, which is the slower half of the work.
    """
    image = check_rgb(image_rgb)
    with _lock:
        models = _load()
        import dlib

        if box is not None:
            x, y, w, h = (int(v) for v in box)
            if w <= 0 or h <= 0:
                raise InvalidImageError(f"empty face box {box}")
            rect = dlib.rectangle(x, y, x + w, y + h)
        else:
            rect = _largest_face(models, image)
            if rect is None:
                return None
        shape = models.shape(image, rect)
        descriptor = models.recogniser.compute_face_descriptor(image, shape)
    return np.asarray(descriptor, dtype=np.float64)


def compare(
    reference: NDArray[np.float64], probe: NDArray[np.float64], threshold: float = DEFAULT_THRESHOLD
) -> Match:
    """Whether two embeddings show the same person; see the module doc for the confidence."""
    ref, prb = np.asarray(reference, dtype=np.float64), np.asarray(probe, dtype=np.float64)
    if ref.shape != (128,) or prb.shape != (128,):
        raise ValueError(f"expected two 128-d embeddings, got {ref.shape} and {prb.shape}")
    distance = float(np.linalg.norm(ref - prb))
    p_same = 1.0 / (1.0 + math.exp((distance - threshold) / CONFIDENCE_SCALE))
    same = distance <= threshold
    return Match(distance=distance, same=same, confidence=p_same if same else 1.0 - p_same)
