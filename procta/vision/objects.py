"""Phone (and extra person) detection behind one interface, run with onnxruntime.

No detector ships by default: no package on PyPI or npm that we found carries COCO detector
weights that are both usable from onnxruntime without TensorFlow and under a licence a school
or company may run (see the README's AI section). A school supplies its own model with
`OnnxDetector.load(path, labels)`; the model must follow this contract:

* one input, float32, shape [1, 3, H, W] (H and W fixed in the model, or 320 when dynamic):
  the RGB frame resized to W x H without letterboxing, scaled to 0-1;
* one output, float32, shape [1, N, 6] or [N, 6]: rows of (x1, y1, x2, y2, score, class)
  with corners normalised to 0-1 and `class` an index into `labels`
  (an "end-to-end" export such as YOLOv10, RT-DETR or D-FINE with its post-processing).

Rows under `min_score` are dropped and overlapping boxes of one label are merged by
non-maximum suppression, so a model that skips its own NMS works too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import cv2
import numpy as np
from numpy.typing import NDArray

from .identity import check_rgb

PHONE = "cell phone"  # COCO's name
PERSON = "person"
DYNAMIC_SIZE = 320


class DetectorLoadError(RuntimeError):
    """The model file is missing, unreadable or does not follow the contract."""


@dataclass(frozen=True)
class Detection:
    label: str
    score: float
    box: tuple[int, int, int, int]  # x, y, width, height in pixels of the input frame


class Detector(Protocol):
    def detect(self, image_rgb: NDArray[np.uint8]) -> list[Detection]: ...


def _side(dim: Any) -> int:
    return dim if isinstance(dim, int) and dim > 0 else DYNAMIC_SIZE


class OnnxDetector:
    """A detector that follows the module's model contract. Sessions are thread-safe."""

    def __init__(
        self,
        session: Any,
        labels: Sequence[str],
        *,
        keep: Sequence[str] = (PHONE, PERSON),
        min_score: float = 0.3,
        nms_iou: float = 0.5,
    ) -> None:
        self._session, self._labels, self._keep = session, list(labels), set(keep)
        self._min_score, self._nms_iou = min_score, nms_iou
        inp = session.get_inputs()[0]
        shape = inp.shape
        if len(shape) != 4 or shape[1] not in (3, "3"):
            raise DetectorLoadError(f"expected an input of shape [1, 3, H, W], got {shape}")
        self._input, self._size = inp.name, (_side(shape[3]), _side(shape[2]))

    @classmethod
    def load(
        cls, path: str | Path, labels: Sequence[str], *, threads: int = 1, **options: Any
    ) -> OnnxDetector:
        import onnxruntime as ort  # type: ignore[import-untyped]

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        try:
            session = ort.InferenceSession(
                str(path), sess_options=opts, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own unexported exception types
            raise DetectorLoadError(f"cannot load the detector {path}: {exc}") from exc
        return cls(session, labels, **options)

    def detect(self, image_rgb: NDArray[np.uint8]) -> list[Detection]:
        image_rgb = check_rgb(image_rgb)
        height, width = image_rgb.shape[:2]
        resized = cv2.resize(image_rgb, self._size, interpolation=cv2.INTER_LINEAR)
        tensor = (resized.astype(np.float32) / 255.0).transpose(2, 0, 1)[None]
        rows = np.asarray(self._session.run(None, {self._input: tensor})[0], np.float32)
        rows = rows.reshape(-1, rows.shape[-1]) if rows.size else np.zeros((0, 6), np.float32)
        if rows.shape[1] != 6:
            raise DetectorLoadError(f"expected output rows of 6 values, got {rows.shape}")
        return self._decode(rows, width, height)

    def _decode(self, rows: NDArray[np.float32], width: int, height: int) -> list[Detection]:
        by_label: dict[str, list[tuple[list[int], float]]] = {}
        for x1, y1, x2, y2, score, cls in rows.tolist():
            index = int(cls)
            if score < self._min_score or not 0 <= index < len(self._labels):
                continue
            label = self._labels[index]
            if label not in self._keep:
                continue
            x, y = round(max(0.0, x1) * width), round(max(0.0, y1) * height)
            w = round(min(1.0, x2) * width) - x
            h = round(min(1.0, y2) * height) - y
            if w > 0 and h > 0:
                by_label.setdefault(label, []).append(([x, y, w, h], float(score)))
        found = []
        for label, items in by_label.items():
            boxes, scores = [b for b, _ in items], [s for _, s in items]
            for i in np.asarray(cv2.dnn.NMSBoxes(boxes, scores, 0.0, self._nms_iou)).reshape(-1):
                bx, by, bw, bh = boxes[int(i)]
                found.append(Detection(label, scores[int(i)], (bx, by, bw, bh)))
        return sorted(found, key=lambda d: -d.score)
