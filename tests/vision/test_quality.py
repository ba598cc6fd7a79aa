"""Lighting and image quality as their own signal, and untrusted image bytes."""

from __future__ import annotations

import io
import time

import cv2
import numpy as np
import pytest
from PIL import Image

from procta.vision import VisionError, analyze_frame, analyze_webcam, decode_image
from procta.vision.images import RGB
from procta.vision.quality import MESSAGES, assess
from tests.vision.fixtures import darken, image_labels, load, table

STEPS = (1.0, 0.6, 0.35, 0.15)


def _jpeg(rgb: RGB, quality: int = 90) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def test_dark_rooms_read_as_poor_lighting_not_as_no_face() -> None:
    rows: list[list[object]] = []
    for factor in STEPS:
        found = dark = missed_unexplained = 0
        names = [n for n, lab in image_labels().items() if lab["face_count"] > 0]
        for name in names:
            result = analyze_frame(darken(load(name), factor))
            found += bool(result.count)
            dark += "too_dark" in result.quality.problems
            if not result.count and not {"too_dark", "covered"} & set(result.quality.problems):
                missed_unexplained += 1
        rows.append([f"x{factor}", len(names), found, dark, missed_unexplained])
        assert missed_unexplained == 0, f"x{factor}: a face was lost without a lighting verdict"
        if factor == 1.0:
            assert dark == 0
        if factor == 0.15:
            assert dark == len(names)
    table(
        "darkened photos with faces: faces found and lighting verdicts",
        ["light", "photos", "face found", "too_dark", "lost, no verdict"],
        rows,
    )


@pytest.mark.parametrize("value", [0, 128, 255])
def test_uniform_frames_read_as_covered(value: int) -> None:
    frame = np.full((240, 320, 3), value, np.uint8)
    quality = analyze_frame(frame).quality
    assert quality.problems == ["covered"] and not quality.ok
    assert "covered" in quality.message


def test_noisy_black_frame_reads_as_covered() -> None:
    frame = np.random.default_rng(1).normal(4, 1.5, (240, 320, 3)).clip(0, 255).astype(np.uint8)
    assert assess(frame).problems == ["covered"]


def test_blur_and_glare() -> None:
    for name in image_labels():
        assert "blurred" not in assess(load(name)).problems, name
    rgb = load("webcam_frontal.jpg")
    sigma = 2.0 * max(rgb.shape[:2]) / 320
    assert "blurred" in assess(cv2.GaussianBlur(rgb, (0, 0), sigma)).problems
    assert "blurred" not in assess(darken(rgb, 0.15)).problems  # dark is not blurred
    glare = cv2.convertScaleAbs(rgb, alpha=1.0, beta=150)
    assert "too_bright" in assess(glare).problems


def test_messages_say_what_to_do() -> None:
    quality = assess(darken(load("webcam_frontal.jpg"), 0.15))
    assert quality.problems == ["too_dark"]
    assert quality.message == MESSAGES["too_dark"]
    assert "add light in front of you" in quality.message
    assert quality.to_json()["ok"] is False


def test_png_and_webp_decode_like_jpeg() -> None:
    rgb = load("webcam_frontal.jpg")
    for fmt in ("PNG", "WEBP"):
        buf = io.BytesIO()
        Image.fromarray(rgb).convert("RGBA").save(buf, fmt)
        out = decode_image(buf.getvalue())
        assert out.shape == rgb.shape and out.dtype == np.uint8
    assert decode_image(_jpeg(np.zeros((10, 20), np.uint8))).shape == (10, 20, 3)  # greyscale


def test_large_images_are_downscaled() -> None:
    data = _jpeg(np.full((3000, 4000, 3), 90, np.uint8))
    assert decode_image(data).shape == (960, 1280, 3)
    assert decode_image(data, max_side=320).shape == (240, 320, 3)


def _jpeg_claiming(width: int, height: int) -> bytes:
    """A small valid JPEG whose frame header claims width x height: a decompression bomb
    as far as anything that trusts the header is concerned."""
    data = bytearray(_jpeg(np.full((16, 16, 3), 128, np.uint8)))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = height.to_bytes(2, "big") + width.to_bytes(2, "big")
    return bytes(data)


def _truncated_png() -> bytes:
    buf = io.BytesIO()
    Image.fromarray(load("webcam_frontal.jpg")).save(buf, "PNG")
    return buf.getvalue()[: buf.tell() // 2]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "0 bytes"),
        (b"hello, this is not an image", "not a readable image"),
        (b"\xff\xd8\xff", "not a readable image"),
        ("truncated_jpeg", "truncated JPEG"),
        ("truncated_png", "not a readable image"),
        ("gif", "unsupported image format GIF"),
        ("bomb", "too large: 10000x10000"),
    ],
)
def test_bad_bytes_raise_vision_error(data: bytes | str, message: str) -> None:
    if data == "truncated_jpeg":
        full = _jpeg(load("webcam_frontal.jpg"))
        data = full[: len(full) * 2 // 3]
    elif data == "truncated_png":
        data = _truncated_png()
    elif data == "gif":
        buf = io.BytesIO()
        Image.new("RGB", (8, 8)).save(buf, "GIF")
        data = buf.getvalue()
    elif data == "bomb":
        data = _jpeg_claiming(10_000, 10_000)
    assert isinstance(data, bytes)
    started = time.perf_counter()
    with pytest.raises(VisionError, match=message):
        analyze_webcam(data)
    assert time.perf_counter() - started < 1.0  # refused from the header, never decoded


def test_webcam_entry_point_on_snapshot_bytes() -> None:
    rgb = load("webcam_frontal.jpg")
    result = analyze_webcam(_jpeg(cv2.resize(rgb, (240, 424))))
    assert result.count == 1 and result.quality.ok and result.pose is not None
