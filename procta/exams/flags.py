"""The flag taxonomy (DESIGN.md, "Flags"): every flag type with its default severity and
weight. Exams switch types off or change weights in ``Exam.flag_settings``; accommodations
switch types off for one student. Scoring reads the effective table from here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["high", "medium", "low"]


@dataclass(frozen=True)
class FlagType:
    name: str
    label: str
    severity: Severity
    weight: float


FLAG_TYPES: dict[str, FlagType] = {
    t.name: t
    for t in (
        FlagType("identity_mismatch", "Identity mismatch", "high", 40),
        FlagType("multiple_faces", "Multiple faces", "high", 30),
        FlagType("phone_detected", "Phone detected", "high", 30),
        FlagType("proctor_warning", "Proctor warning", "high", 25),
        FlagType("devtools_open", "Developer tools open", "high", 20),
        FlagType("face_not_detected", "Face not detected", "medium", 15),
        FlagType("screen_share_stopped", "Screen share stopped", "medium", 15),
        FlagType("camera_lost", "Camera lost", "medium", 15),
        FlagType("room_camera_lost", "Room camera lost", "medium", 15),
        FlagType("multiple_monitors", "Multiple monitors", "medium", 15),
        FlagType("gaze_deviation", "Gaze deviation", "medium", 10),
        FlagType("speech_detected", "Speech detected", "medium", 10),
        FlagType("microphone_lost", "Microphone lost", "medium", 10),
        FlagType("tab_switch", "Tab switch", "medium", 10),
        FlagType("screenshot_attempt", "Screenshot attempt", "medium", 10),
        FlagType("prohibited_content", "Prohibited site or app on screen", "medium", 15),
        FlagType("fullscreen_exit", "Fullscreen exit", "medium", 8),
        FlagType("head_movement", "Head movement", "low", 5),
        FlagType("copy_paste", "Copy, cut or paste", "low", 5),
        FlagType("blocked_shortcut", "Blocked shortcut", "low", 3),
        FlagType("right_click", "Right click", "low", 3),
        FlagType("noise_level", "Persistent noise", "low", 3),
        FlagType("connection_lost", "Connection lost", "low", 2),
    )
}


@dataclass(frozen=True)
class EffectiveFlag:
    type: FlagType
    enabled: bool
    weight: float


def check_flag_type(name: str) -> str:
    """The name if it is a known flag type; a ValueError listing the known ones if not."""
    if name not in FLAG_TYPES:
        raise ValueError(f"unknown flag type '{name}'; known types: {', '.join(FLAG_TYPES)}")
    return name


def effective_flags(
    flag_settings: dict[str, Any], disabled: list[str] | None = None
) -> dict[str, EffectiveFlag]:
    """Every flag type with the exam's overrides applied (missing types keep the defaults)
    and, for one student, the accommodation's ``disabled`` types switched off."""
    off = set(disabled or ())
    table: dict[str, EffectiveFlag] = {}
    for name, flag in FLAG_TYPES.items():
        override = flag_settings.get(name) or {}
        enabled = bool(override.get("enabled", True)) and name not in off
        table[name] = EffectiveFlag(flag, enabled, float(override.get("weight", flag.weight)))
    return table
