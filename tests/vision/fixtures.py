"""Shared helpers for the vision tests: the labelled photos in /work/shared/fixtures (never
copied into the repository), frame transforms, and the accuracy tables printed at the end."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from procta.vision.images import RGB, decode_image
from tests.conftest import IN_CI, SHARED

FIXTURES = SHARED / "fixtures"
DATA = Path(__file__).resolve().parent / "data"
REPORT: list[str] = []
"""Tables the tests add; conftest.py prints them in the terminal summary, with or without -s."""


def require_fixtures() -> Path:
    """The shared photo set: skips where it is absent, fails in CI (CI must run these)."""
    if not (FIXTURES / "labels.json").is_file():
        message = f"shared vision fixtures not found at {FIXTURES}"
        if IN_CI:
            pytest.fail(f"CI=true but {message}")
        pytest.skip(message)
    return FIXTURES


@cache
def image_labels() -> dict[str, dict[str, Any]]:
    """File name -> labels, for every image in labels.json."""
    records = json.loads((require_fixtures() / "labels.json").read_text())["files"]
    return {Path(r["file"]).name: r["labels"] for r in records if r["media"] == "image"}


@cache
def _load(name: str) -> RGB:
    return decode_image((require_fixtures() / "images" / name).read_bytes())


def load(name: str) -> RGB:
    return _load(name).copy()


def monk_tones() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "monk_tones.json").read_text())
    return data


def darken(rgb: RGB, factor: float) -> RGB:
    out: RGB = (rgb.astype(np.float32) * factor).astype(np.uint8)
    return out


def webcam_frame(rgb: RGB, size: tuple[int, int] = (320, 240)) -> RGB:
    """Fit the photo into a webcam-sized frame (black bars), keeping its aspect ratio."""
    width, height = size
    scale = min(width / rgb.shape[1], height / rgb.shape[0])
    w, h = round(rgb.shape[1] * scale), round(rgb.shape[0] * scale)
    frame = np.zeros((height, width, 3), np.uint8)
    y, x = (height - h) // 2, (width - w) // 2
    frame[y : y + h, x : x + w] = cv2.resize(rgb, (w, h), interpolation=cv2.INTER_AREA)
    return frame


def table(title: str, header: list[str], rows: list[list[object]]) -> str:
    """A plain-text table, printed now and kept for the terminal summary."""
    cells = [header, *[[str(c) for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = [title]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    text = "\n".join(lines)
    print(text)
    REPORT.append(text)
    return text
