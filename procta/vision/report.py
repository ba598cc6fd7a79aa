"""``procta analyze``: the AI analyses on files, one JSON object per file.

For support staff checking a disputed snapshot and for scripting. Images get quality, faces,
head pose and gaze (against a calibration baseline when given), identity against a
reference photo when given, phones and persons when a detector model is configured, and the
prohibited words OCR finds; audio gets the speech ratio, speech segments and levels. A file
that cannot be analysed gets ``{"file": …, "error": …}``; the others still run.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

AUDIO_SUFFIXES = {".wav", ".webm", ".ogg", ".opus", ".mp3", ".m4a", ".flac"}


def _image(
    data: bytes,
    baseline: Mapping[str, float] | None,
    reference: Any,
    detector: Any,
    words: list[str] | None,
) -> dict[str, Any]:
    from procta.vision import analyze_frame, decode_image, identity, ocr

    rgb = decode_image(data)
    webcam = analyze_frame(rgb, baseline)
    out: dict[str, Any] = {"kind": "image", "size": [int(rgb.shape[1]), int(rgb.shape[0])]}
    out |= webcam.to_json()
    if reference is not None:
        main = next((f for f in webcam.faces or () if not f.uncertain), None)
        probe = identity.embed(rgb, main.box if main else None)
        if probe is None:
            out["identity"] = {"face": False}
        else:
            match = identity.compare(reference, probe)
            out["identity"] = {
                "face": True,
                "distance": round(match.distance, 3),
                "same": match.same,
                "confidence": round(match.confidence, 3),
            }
    if detector is not None:
        found = detector.detect(rgb)
        out["phones"] = [asdict(d) for d in found if d.label == "cell phone"]
        out["persons"] = [asdict(d) for d in found if d.label == "person"]
    hits = ocr.scan(rgb, words) if words is not None else ocr.scan(rgb)
    out["ocr_hits"] = [asdict(h) for h in hits]
    return out


def _audio(data: bytes) -> dict[str, Any]:
    from procta.vision import audio

    report = audio.analyse(data)
    return {"kind": "audio"} | asdict(report)


def _baseline(raw: Any) -> dict[str, float]:
    from procta.vision.pose import baseline_from

    if not isinstance(raw, dict):
        raise ValueError('the baseline must be a JSON object such as {"yaw": 3, "pitch": -5}')
    return baseline_from(raw)


def analyze_files(
    paths: list[Path],
    *,
    reference: Path | None = None,
    baseline: Path | None = None,
    detector_model: Path | None = None,
    detector_labels: Path | None = None,
    words: list[str] | None = None,
) -> list[dict[str, Any]]:
    from procta.vision import decode_image, identity
    from procta.vision.objects import OnnxDetector

    ref = None
    if reference is not None:
        ref = identity.embed(decode_image(reference.read_bytes()))
        if ref is None:
            raise ValueError(f"no face found in the reference photo {reference}")
    base = _baseline(json.loads(baseline.read_text())) if baseline is not None else None
    detector = None
    if detector_model is not None:
        if detector_labels is None:
            raise ValueError("--detector needs --labels (one class name a line)")
        labels = [line.strip() for line in detector_labels.read_text().splitlines()]
        detector = OnnxDetector.load(detector_model, [label for label in labels if label])
    results = []
    for path in paths:
        entry: dict[str, Any] = {"file": str(path)}
        try:
            data = path.read_bytes()
            if path.suffix.lower() in AUDIO_SUFFIXES:
                entry |= _audio(data)
            else:
                entry |= _image(data, base, ref, detector, words)
        except (OSError, ValueError) as exc:  # VisionError and AudioDecodeError included
            entry["error"] = str(exc)
        results.append(entry)
    return results
