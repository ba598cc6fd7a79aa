"""Detection boxes drawn on a snapshot for reviewers (a pure function: JPEG in, JPEG out)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFont

from procta.vision.images import VisionError

Box = tuple[int, int, int, int]  # x, y, width, height
RED = (230, 50, 50)


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
    font = ImageFont.load_default(size=max(11, 6 * width))
    for (x, y, w, h), label in boxes:
        rect = (x * sx, y * sy, (x + w) * sx, (y + h) * sy)
        pen.rectangle(rect, outline=RED, width=width)
        left, top, right, bottom = pen.textbbox((0, 0), label, font=font)
        tag_y = max(0.0, rect[1] - (bottom - top) - 2 * width)
        pen.rectangle((rect[0], tag_y, rect[0] + right - left + 2 * width, rect[1]), fill=RED)
        pen.text((rect[0] + width, tag_y), label, fill="white", font=font)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()
