"""The object-detector interface with a tiny ONNX model built at test time, and the phone
recall of a school-supplied model on the shared fixtures when one is given."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from procta.vision.identity import InvalidImageError
from procta.vision.objects import (
    PERSON,
    PHONE,
    Detection,
    Detector,
    DetectorLoadError,
    OnnxDetector,
)
from tests.vision.fixtures import REPORT, require_fixtures

LABELS = [PERSON, "bicycle", PHONE, "cup"]


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _field(number: int, payload: bytes | str | int) -> bytes:
    """One protobuf field: a varint for ints, length-delimited for bytes and strings."""
    if isinstance(payload, int):
        return _varint(number << 3) + _varint(payload)
    data = payload.encode() if isinstance(payload, str) else payload
    return _varint(number << 3 | 2) + _varint(len(data)) + data


def _tensor(name: str, array: NDArray[np.float32]) -> bytes:
    dims = b"".join(_field(1, d) for d in array.shape)
    return dims + _field(2, 1) + _field(8, name) + _field(9, array.astype("<f4").tobytes())


def _value_info(name: str, shape: tuple[int, ...]) -> bytes:
    dims = b"".join(_field(1, _field(1, d)) for d in shape)
    return _field(1, name) + _field(2, _field(1, _field(1, 1) + _field(2, dims)))


def _node(op: str, inputs: list[str], output: str, attrs: bytes = b"") -> bytes:
    return b"".join(_field(1, i) for i in inputs) + _field(2, output) + _field(4, op) + attrs


def tiny_detector(rows: list[list[float]], size: int = 32) -> bytes:
    """ONNX bytes (raw protobuf: the `onnx` package is not a dependency) of a model with the
    contract of procta.vision.objects that answers `rows + 0 * mean(image)`."""
    table = np.asarray(rows, np.float32).reshape(1, -1, 6)
    keepdims = _field(5, _field(1, "keepdims") + _field(3, 0) + _field(20, 2))
    graph = b"".join(
        [
            _field(1, _node("ReduceMean", ["images"], "mean", keepdims)),
            _field(1, _node("Mul", ["mean", "zero"], "nothing")),
            _field(1, _node("Add", ["rows", "nothing"], "dets")),
            _field(2, "tiny"),
            _field(5, _tensor("rows", table)),
            _field(5, _tensor("zero", np.zeros((), np.float32))),
            _field(11, _value_info("images", (1, 3, size, size))),
            _field(12, _value_info("dets", table.shape)),
        ]
    )
    return _field(1, 8) + _field(8, _field(1, "") + _field(2, 13)) + _field(7, graph)


ROWS = [
    [0.10, 0.10, 0.30, 0.50, 0.90, 2],  # phone
    [0.11, 0.10, 0.31, 0.50, 0.60, 2],  # the same phone again: merged by NMS
    [0.50, 0.40, 0.90, 1.20, 0.80, 0],  # person, box past the edge: clipped
    [0.50, 0.50, 0.60, 0.60, 0.10, 2],  # below min_score
    [0.00, 0.00, 1.00, 1.00, 0.95, 3],  # cup: not kept
    [0.20, 0.20, 0.30, 0.30, 0.99, 9],  # class outside the labels: ignored
]


@pytest.fixture
def tiny(tmp_path: Path) -> OnnxDetector:
    path = tmp_path / "tiny.onnx"
    path.write_bytes(tiny_detector(ROWS))
    return OnnxDetector.load(path, LABELS)


def test_decodes_filters_and_scales(tiny: OnnxDetector) -> None:
    detector: Detector = tiny
    found = detector.detect(np.zeros((240, 320, 3), np.uint8))
    assert [d.label for d in found] == [PHONE, PERSON]
    phone, person = found
    assert phone == Detection(PHONE, pytest.approx(0.9), (32, 24, 64, 96))
    assert person.box == (160, 96, 128, 144)


def test_keep_and_threshold_are_options(tmp_path: Path) -> None:
    path = tmp_path / "tiny.onnx"
    path.write_bytes(tiny_detector(ROWS))
    detector = OnnxDetector.load(path, LABELS, keep=["cup", PHONE], min_score=0.05)
    labels = [d.label for d in detector.detect(np.zeros((100, 100, 3), np.uint8))]
    assert sorted(labels) == ["cell phone", "cell phone", "cup"]


def test_bad_model_and_bad_frames(tiny: OnnxDetector, tmp_path: Path) -> None:
    for content in (b"", b"not a model", tiny_detector(ROWS)[:50]):
        bad = tmp_path / "bad.onnx"
        bad.write_bytes(content)
        with pytest.raises(DetectorLoadError):
            OnnxDetector.load(bad, LABELS)
    with pytest.raises(DetectorLoadError):
        OnnxDetector.load(tmp_path / "missing.onnx", LABELS)
    with pytest.raises(InvalidImageError):
        tiny.detect(np.zeros((240, 320), np.uint8))
    assert len(tiny.detect(np.full((240, 320, 3), 128, np.uint8))) == 2  # constant model


@pytest.mark.skipif(
    not os.environ.get("PROCTA_TEST_PHONE_MODEL"),
    reason="no phone detector ships with Procta; set PROCTA_TEST_PHONE_MODEL=model.onnx "
    "(and PROCTA_TEST_PHONE_LABELS=labels.txt, one per line) to measure one",
)
def test_phone_recall_of_a_supplied_model() -> None:
    fixtures = require_fixtures()
    from procta.vision.images import decode_image

    labels = Path(os.environ["PROCTA_TEST_PHONE_LABELS"]).read_text().splitlines()
    detector = OnnxDetector.load(os.environ["PROCTA_TEST_PHONE_MODEL"], labels)
    tp = fp = fn = 0
    for rec in json.loads((fixtures / "labels.json").read_text())["files"]:
        truth = rec["labels"].get("phone_visible")
        if rec["media"] != "image" or truth is None:
            continue
        image = decode_image((fixtures / rec["file"]).read_bytes(), 640)
        said = any(d.label == PHONE for d in detector.detect(image))
        tp, fp, fn = tp + (said and truth), fp + (said and not truth), fn + (truth and not said)
    REPORT.append(f"phone: recall {tp}/{tp + fn}, precision {tp}/{tp + fp}")
