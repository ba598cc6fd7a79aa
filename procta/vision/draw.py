"""Detection boxes drawn on a snapshot for reviewers (a pure function: JPEG in, JPEG out)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, ImageDraw

from procta.vision.images import VisionError

Box = tuple[int, int, int, int]  # x, y, width, height


def draw_boxes(
    jpeg: bytes, boxes: Sequence[tuple[Box, str]], analysed_size: tuple[int, int] | None = None
) -> bytes:
    """The image with each box outlined and labelled. ``analysed_size``: the (width, height)
    the boxes were measured on, when the analysis saw a scaled-down copy."""
    try:
        image = Image.open(io.BytesIO(jpeg)).convert("RGB")
    except Exception as exc:  # Pillow raises several types for a bad file
        raise VisionError(f"not a readable image ({type(exc).__name__})") from exc
    sx = image.width / analysed_size[0] if analysed_size else 1.0
    sy = image.height / analysed_size[1] if analysed_size else 1.0
    pen = ImageDraw.Draw(image)
    width = max(2, round(min(image.size) / 160))
    for (x, y, w, h), label in boxes:
        rect = (x * sx, y * sy, (x + w) * sx, (y + h) * sy)
        pen.rectangle(rect, outline=(255, 64, 64), width=width)
        pen.text((rect[0] + width, max(0, rect[1] - 12)), label, fill=(255, 64, 64))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()
