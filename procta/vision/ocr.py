"""Prohibited sites and apps on a screen snapshot: RapidOCR (PP-OCRv4, models in the wheel)
reads the text, and each term of a per-exam list is looked for in it.

Matching is case-insensitive and tolerant to how OCR spaces text: any run of spaces may
appear between letters ("chat. openai .com", "Whats App"), and a dot in a domain also
accepts a comma or a colon. A term must stand alone, so "bing" does not match "combining"
and "google.com" does not match "google.computer".
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from .identity import check_rgb

AI_CHAT = (
    "chatgpt",
    "chat.openai.com",
    "openai.com",
    "claude.ai",
    "gemini.google.com",
    "copilot",
    "perplexity",
    "deepseek",
    "poe.com",
    "character.ai",
    "huggingface.co/chat",
    "you.com",
    "phind",
)
SEARCH = ("google.com", "bing.com", "duckduckgo", "yahoo.com", "baidu.com", "yandex", "brave.com")
MESSAGING = (
    "whatsapp",
    "telegram",
    "discord",
    "messenger",
    "slack",
    "signal.org",
    "wechat",
    "skype",
    "teams.microsoft.com",
)
DEFAULTS: tuple[str, ...] = AI_CHAT + SEARCH + MESSAGING


class OcrModelError(RuntimeError):
    """RapidOCR could not be loaded."""


@dataclass(frozen=True)
class Hit:
    term: str  # the listed term that matched
    text: str  # the whole OCR line it was found in
    box: tuple[int, int, int, int]  # x, y, width, height of that line in pixels
    score: float  # OCR confidence of the line, 0-1


_lock = threading.Lock()
_engine: Any = None


def _load() -> Any:
    global _engine
    with _lock:
        if _engine is None:
            try:
                from rapidocr_onnxruntime import RapidOCR  # type: ignore[import-untyped]

                # One thread per call: the job workers run several calls side by side.
                _engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)
            except Exception as exc:  # the wheel raises plain Exceptions for bad models
                raise OcrModelError(f"cannot load RapidOCR: {exc}") from exc
        return _engine


@cache
def _pattern(term: str) -> re.Pattern[str]:
    parts = []
    for ch in term.lower().strip():
        if ch.isspace():
            continue
        parts.append(r"\s*[.,:]\s*" if ch == "." else re.escape(ch))
    return re.compile(r"(?<![a-z0-9])" + r"\s*".join(parts) + r"(?![a-z0-9])")


def match_terms(text: str, terms: Iterable[str]) -> list[str]:
    """The terms that occur in `text`, with the module's spacing-tolerant rules."""
    low = text.lower()
    return [t for t in terms if t.strip() and _pattern(t).search(low)]


def read_text(image_rgb: NDArray[np.uint8]) -> list[tuple[str, tuple[int, int, int, int], float]]:
    """Every text line RapidOCR finds: (text, (x, y, width, height), confidence)."""
    bgr = cv2.cvtColor(check_rgb(image_rgb), cv2.COLOR_RGB2BGR)  # PP-OCR reads BGR
    result, _ = _load()(bgr)  # PP-OCR reads BGR
    lines = []
    for quad, text, score in result or []:
        xs, ys = [p[0] for p in quad], [p[1] for p in quad]
        x, y = int(min(xs)), int(min(ys))
        lines.append((str(text), (x, y, int(max(xs)) - x, int(max(ys)) - y), float(score)))
    return lines


def scan(image_rgb: NDArray[np.uint8], words: Iterable[str] = DEFAULTS) -> list[Hit]:
    """Hits of the prohibited `words` (sites, domains, app names) on a screen snapshot."""
    terms = list(words)
    return [
        Hit(term=term, text=text, box=box, score=score)
        for text, box, score in read_text(image_rgb)
        for term in match_terms(text, terms)
    ]
