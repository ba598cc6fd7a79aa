"""What an AI analysis means for proctoring: pure functions from a vision result to
findings (a flag type, a confidence, details). No database, no models.

Decisions: a dark or covered camera is reported as the image's quality (the reviewer reads
"too dark" on the snapshot), never as "no face"; a covered camera does count as no face,
since nothing of the student can be seen. Only faces the detector is sure of count as
people. Head movement and gaze are measured against the student's own baseline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

NO_FACE_CONFIDENCE = 0.9  # nothing at all was detected
ONLY_UNSURE_FACE_CONFIDENCE = 0.6  # something face-like, too small or faint to count
HEAD_CONFIDENCE = 0.8
GAZE_CONFIDENCE = 0.6
SPEECH_RATIO = 0.5  # share of speech frames in a clip that makes it speech


@dataclass(frozen=True)
class Finding:
    type: str
    confidence: float
    details: dict[str, Any] = field(default_factory=dict)


def webcam(result: dict[str, Any], identity: dict[str, Any] | None = None) -> list[Finding]:
    """Findings of one webcam snapshot, from ``WebcamResult.to_json()`` and, when checked,
    the identity comparison (``{"same", "confidence", "distance"}``)."""
    out: list[Finding] = []
    quality = result.get("quality") or {}
    problems = set(quality.get("problems") or ())
    faces = result.get("faces")
    count = result.get("count")
    if faces is not None and count == 0:
        if "covered" in problems:
            out.append(Finding("face_not_detected", NO_FACE_CONFIDENCE, {"reason": "covered"}))
        elif "too_dark" not in problems:
            sure = ONLY_UNSURE_FACE_CONFIDENCE if faces else NO_FACE_CONFIDENCE
            out.append(Finding("face_not_detected", sure))
    if count is not None and count >= 2:
        scores = sorted((f["score"] for f in faces or () if not f["uncertain"]), reverse=True)
        out.append(Finding("multiple_faces", round(scores[1], 3), {"faces": count}))
    if result.get("head_turned"):
        out.append(Finding("head_movement", HEAD_CONFIDENCE, _pose(result)))
    elif result.get("gaze_away"):
        out.append(Finding("gaze_deviation", GAZE_CONFIDENCE, _pose(result)))
    if identity is not None and identity.get("same") is False:
        out.append(
            Finding(
                "identity_mismatch",
                round(float(identity["confidence"]), 3),
                {"distance": identity["distance"]},
            )
        )
    return out


def _pose(result: dict[str, Any]) -> dict[str, Any]:
    pose = result.get("pose") or {}
    return {k: pose[k] for k in ("yaw", "pitch") if k in pose}


def screen(hits: Iterable[dict[str, Any]]) -> list[Finding]:
    """One finding for the prohibited terms OCR read on a screen snapshot."""
    found = list(hits)
    if not found:
        return []
    terms = sorted({h["term"] for h in found})
    best = max(float(h["score"]) for h in found)
    text = [h["text"] for h in found][:5]
    return [Finding("prohibited_content", round(best, 3), {"terms": terms, "text": text})]


def audio(report: dict[str, Any]) -> list[Finding]:
    """Speech in a clip the browser sent when the room got loud."""
    ratio = float(report.get("speech_ratio") or 0.0)
    if ratio < SPEECH_RATIO:
        return []
    return [Finding("speech_detected", round(min(1.0, ratio), 3), {"speech_ratio": ratio})]
