"""Decode untrusted image bytes (webcam snapshots, ID photos, screenshots) into RGB arrays.

The header is read with Pillow before anything is decoded, so a decompression bomb is refused
without allocating its pixels, and truncated files are refused instead of being analysed as a
half-grey picture (OpenCV decodes a cut JPEG without complaint).
"""

from __future__ import annotations

import io
import warnings
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image

MAX_PIXELS = 50_000_000
"""Images above this many pixels are refused before decoding (a 50 MP RGB frame is 150 MB)."""

FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
"""What browsers send: canvas.toBlob / toDataURL give PNG by default, JPEG or WebP on request."""

_JPEG_EOI = b"\xff\xd9"

RGB = npt.NDArray[Any]
"""An H x W x 3 uint8 image in RGB order (OpenCV's stubs type its results loosely)."""


class VisionError(ValueError):
    """The input cannot be analysed; the message says why in words a user can act on."""


def _header(data: bytes) -> tuple[str, int, int]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                fmt, (width, height) = str(img.format), img.size
                if fmt == "PNG":
                    img.verify()  # walks every chunk to IEND and checks the CRCs
    except (Image.DecompressionBombError, OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, Image.DecompressionBombError):
            raise VisionError("image is too large to analyse") from exc
        raise VisionError(f"not a readable image ({exc.__class__.__name__})") from exc
    return fmt, width, height


def _reduced_flag(fmt: str, longest: int, max_side: int) -> int:
    """libjpeg can decode at 1/2, 1/4 or 1/8 scale almost for free; use the largest factor
    that still leaves at least ``max_side`` pixels so the final resize keeps its quality."""
    if fmt == "JPEG":
        for factor, flag in (
            (8, cv2.IMREAD_REDUCED_COLOR_8),
            (4, cv2.IMREAD_REDUCED_COLOR_4),
            (2, cv2.IMREAD_REDUCED_COLOR_2),
        ):
            if longest // factor >= max_side:
                return int(flag)
    return int(cv2.IMREAD_COLOR)


def decode_image(data: bytes, max_side: int = 1280) -> RGB:
    """Decode JPEG, PNG or WebP bytes to an RGB uint8 array whose longest side is at most
    ``max_side`` (downscaled with area averaging). Raises VisionError for anything else."""
    if not data:
        raise VisionError("empty image: 0 bytes")
    fmt, width, height = _header(data)
    if fmt not in FORMATS:
        raise VisionError(f"unsupported image format {fmt}: send JPEG, PNG or WebP")
    if width * height > MAX_PIXELS:
        raise VisionError(
            f"image is too large: {width}x{height} is over {MAX_PIXELS // 1_000_000} megapixels"
        )
    if fmt == "JPEG" and _JPEG_EOI not in data[-64:]:
        raise VisionError("truncated JPEG: the end-of-image marker is missing")
    buf = np.frombuffer(data, dtype=np.uint8)
    bgr = cv2.imdecode(buf, _reduced_flag(fmt, max(width, height), max_side))
    if bgr is None or bgr.size == 0:
        raise VisionError(f"the {fmt} data could not be decoded")
    h, w = bgr.shape[:2]
    scale = max_side / max(h, w)
    if scale < 1:
        size = (max(1, round(w * scale)), max(1, round(h * scale)))
        bgr = cv2.resize(bgr, size, interpolation=cv2.INTER_AREA)
    rgb: RGB = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    return rgb
