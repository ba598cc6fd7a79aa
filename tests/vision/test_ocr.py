"""Prohibited sites and apps on a synthetic screen rendered at test time."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFont

from procta.vision.identity import InvalidImageError
from procta.vision.ocr import DEFAULTS, match_terms, scan

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.truetype(str(FONT), size) if FONT.exists() else ImageFont.load_default(size)


def screen(address: str | None, body: list[str]) -> NDArray[np.uint8]:
    """A 1280x720 browser-like screen: an address bar and lines of page text."""
    img = Image.new("RGB", (1280, 720), "white")
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, 1280, 44), fill=(225, 228, 232))
    if address:
        draw.text((110, 10), address, font=font(20), fill=(30, 30, 30))
    for i, line in enumerate(body):
        draw.text((80, 110 + 60 * i), line, font=font(30 if i == 0 else 22), fill="black")
    return np.asarray(img)


EXAM = ["Question 4 of 20", "Which of the following numbers is prime?", "A) 21  B) 23  C) 27"]


def test_finds_an_ai_chat_site() -> None:
    hits = scan(screen("https://chat.openai.com/c/7f3e", ["ChatGPT", "How can I help you today?"]))
    terms = {h.term for h in hits}
    assert {"chat.openai.com", "chatgpt"} <= terms
    hit = next(h for h in hits if h.term == "chat.openai.com")
    assert hit.score > 0.8 and hit.box[0] < 200 and hit.box[1] < 44


def test_no_hit_on_plain_exam_text() -> None:
    assert scan(screen("https://procta.example/exam/42", EXAM)) == []


def test_per_exam_list() -> None:
    image = screen(None, ["Notes from WhatsApp Web", *EXAM])
    assert [h.term for h in scan(image)] == ["whatsapp"]
    assert scan(image, words=["prime"])[0].text.endswith("prime?")
    assert scan(image, words=[]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("chat. openai .com", {"chat.openai.com", "openai.com"}),
        ("CHAT.OPENAI.COM", {"chat.openai.com", "openai.com"}),
        ("Whats App", {"whatsapp"}),
        ("www.google.com/search?q=prime", {"google.com"}),
        ("combining slackness with googlecomputer", set()),
        ("Question 4 of 20", set()),
    ],
)
def test_matching_tolerates_ocr_spacing(text: str, expected: set[str]) -> None:
    assert set(match_terms(text, DEFAULTS)) == expected


def test_bad_input() -> None:
    assert scan(np.full((720, 1280, 3), 128, np.uint8)) == []  # grey frame
    with pytest.raises(InvalidImageError):
        scan(np.zeros((720, 1280), np.uint8))
