"""Checks on uploaded media before anything is stored: pure functions on bytes.

A JPEG must start with SOI, carry a frame header (SOF) with its size, and end with EOI, so
a PNG named .jpg or a file cut off in transit is refused at the door. Audio clips must be
WebM/Matroska, Ogg or WAV by their magic bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from procta.errors import AppError, BadRequest

IMAGE_KINDS = ("webcam", "screen", "room", "selfie", "id_document")
AUDIO_TYPES = {"audio/webm": b"\x1a\x45\xdf\xa3", "audio/ogg": b"OggS", "audio/wav": b"RIFF"}
MAX_IMAGE_SIDE = 8000
# SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


@dataclass(frozen=True)
class Checked:
    content_type: str
    width: int | None = None
    height: int | None = None


def _not_jpeg(reason: str) -> BadRequest:
    return BadRequest(f"The snapshot is not a valid JPEG image: {reason}.", code="invalid_image")


def jpeg_size(data: bytes) -> tuple[int, int]:
    """(width, height) of a complete baseline or progressive JPEG; raises BadRequest."""
    if len(data) < 4 or data[:3] != b"\xff\xd8\xff":
        raise _not_jpeg("it does not start like a JPEG")
    if data[-2:] != b"\xff\xd9":
        raise _not_jpeg("it is truncated")
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            raise _not_jpeg("its segments are corrupt")
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if marker in _SOF:
            if i + 9 > len(data):
                break
            height = int.from_bytes(data[i + 5 : i + 7], "big")
            width = int.from_bytes(data[i + 7 : i + 9], "big")
            if not (0 < width <= MAX_IMAGE_SIDE and 0 < height <= MAX_IMAGE_SIDE):
                raise _not_jpeg(f"{width}x{height} is outside 1-{MAX_IMAGE_SIDE} pixels a side")
            return width, height
        if marker == 0xDA or length < 2:  # image data before any frame header
            break
        i += 2 + length
    raise _not_jpeg("it has no frame header")


def check_upload(kind: str, content_type: str, data: bytes, max_bytes: int) -> Checked:
    if not data:
        raise BadRequest("The upload is empty.", code="empty_upload")
    if len(data) > max_bytes:
        raise AppError(
            f"The upload is larger than {max_bytes} bytes.", code="body_too_large", status=413
        )
    base = content_type.split(";")[0].strip().lower()
    if kind == "audio":
        magic = AUDIO_TYPES.get(base)
        if magic is None:
            raise AppError(
                f"Audio clips must be one of {', '.join(AUDIO_TYPES)}.",
                code="unsupported_media_type",
                status=415,
            )
        if not data.startswith(magic):
            raise BadRequest(f"The clip is not valid {base}.", code="invalid_audio")
        return Checked(base)
    if base != "image/jpeg":
        raise AppError("Snapshots must be image/jpeg.", code="unsupported_media_type", status=415)
    width, height = jpeg_size(data)
    return Checked(base, width, height)
