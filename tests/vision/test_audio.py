"""Speech against noise, music and silence on the shared clips, and bad audio input."""

from __future__ import annotations

import io
import json
import struct

import numpy as np
import pytest

from procta.vision.audio import MAX_SECONDS, RATE, AudioDecodeError, analyse
from procta.vision.images import VisionError
from tests.vision.fixtures import REPORT, require_fixtures


def wav_header(samples: int, rate: int = RATE) -> bytes:
    data = samples * 2
    return (
        b"RIFF"
        + struct.pack("<I", 36 + data)
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)
        + b"data"
        + struct.pack("<I", data)
    )


class LazyWav(io.RawIOBase):
    """A WAV file of `seconds` of quiet noise, made up as it is read: 2 hours would be 230 MB."""

    def __init__(self, seconds: float) -> None:
        self.header = wav_header(int(seconds * RATE))
        self.size = len(self.header) + int(seconds * RATE) * 2
        self.pos = 0
        self.served = 0
        noise = np.random.default_rng(0).normal(0, 300, RATE).astype("<i2")
        self.second = noise.tobytes()

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.pos, io.SEEK_END: self.size}[whence]
        self.pos = max(0, min(self.size, base + offset))
        return self.pos

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        n = min(len(buffer), self.size - self.pos)
        out = bytearray()
        while len(out) < n:
            p = self.pos + len(out)
            if p < len(self.header):
                out += self.header[p : p + n - len(out)]
            else:
                k = (p - len(self.header)) % len(self.second)
                out += self.second[k : k + n - len(out)]
        buffer[:n] = out
        self.pos += n
        self.served += n
        return n


def test_speech_against_noise_music_silence() -> None:
    root = require_fixtures()
    rows, correct = [], 0
    for rec in json.loads((root / "labels.json").read_text())["files"]:
        if rec["media"] != "audio":
            continue
        kind = rec["labels"]["kind"]
        report = analyse(root / rec["file"])
        said_speech = report.speech_ratio >= 0.5
        correct += said_speech == (kind == "speech")
        rows.append((rec["file"], kind, report))
        if kind == "speech":
            assert report.speech_ratio >= 0.8, rec["file"]
            assert len(report.segments) == 1
        elif kind == "noise":
            assert report.speech_ratio <= 0.05 and report.noise_ratio >= 0.9, rec["file"]
            assert report.noise_dbfs is not None and report.noise_dbfs > -35
        elif kind == "silence":
            assert report.speech_ratio == 0 and report.noise_ratio == 0, rec["file"]
            assert report.rms_dbfs < -60
        assert not report.truncated
        assert report.duration_s == pytest.approx(rec["labels"]["duration_s"], abs=0.1)
    table = ["clip                                          kind     speech  noise   dBFS"]
    for name, kind, r in rows:
        table.append(
            f"{name:45s} {kind:8s} {r.speech_ratio:6.2f} {r.noise_ratio:6.2f} {r.rms_dbfs:6.1f}"
        )
    table.append(
        f"VAD accuracy at speech_ratio >= 0.5: {correct}/{len(rows)} (music: some false speech)"
    )
    REPORT.append("\n".join(table))
    assert correct == len(rows)


def test_two_hour_clip_stops_at_the_cap() -> None:
    clip = LazyWav(2 * 3600)
    report = analyse(clip, max_seconds=20)
    assert report.truncated
    assert report.duration_s == pytest.approx(20, abs=0.05)
    assert clip.served < 2_000_000  # read about 20 s of the 230 MB, not the whole clip
    assert MAX_SECONDS == 600


def test_short_clip_is_not_truncated() -> None:
    samples = np.zeros(RATE * 2, "<i2").tobytes()
    report = analyse(wav_header(RATE * 2) + samples, max_seconds=20)
    assert not report.truncated and report.speech_ratio == 0
    tiny = analyse(wav_header(100) + b"\x10\x00" * 100)  # shorter than one VAD window
    assert tiny.duration_s == pytest.approx(100 / RATE) and tiny.segments == []


@pytest.mark.parametrize(
    "data",
    [b"", b"\x00" * 1000, b"RIFF\x00\x00", b"not audio at all" * 50],
    ids=["empty", "zeros", "cut-header", "text"],
)
def test_garbage_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(AudioDecodeError):
        analyse(data)


def test_corrupt_webm_is_a_clear_error() -> None:
    webm = (require_fixtures() / "audio" / "speech_en_male_arctic_aew_a0001.webm").read_bytes()
    assert issubclass(AudioDecodeError, VisionError)
    for broken in (webm[:200], webm[:40] + bytes(len(webm) - 40)):
        with pytest.raises(AudioDecodeError):
            analyse(broken)
    scrambled = bytearray(webm)
    scrambled[2000:6000] = bytes(range(256)) * 15 + bytes(160)
    try:  # damage inside the stream: whatever decodes is analysed, or a clear error
        report = analyse(bytes(scrambled))
    except AudioDecodeError:
        return
    assert 0 <= report.speech_ratio <= 1
